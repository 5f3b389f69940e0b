import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { getCapRule } from "@/lib/server/numbers/caps";
import { listContactLists } from "@/lib/server/numbers/lists";
import { roleAtLeast } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { CapsForm } from "./caps-form";
import { NewListForm } from "./new-list-form";
import { ContactsTabs } from "./tabs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts"))("title") };
}

export default async function ContactsPage() {
  const actor = await requirePageActor();
  const canEdit = roleAtLeast(actor.role, "manager");
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  const [lists, caps] = await Promise.all([listContactLists(), getCapRule()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ContactsTabs current="lists" />
      <div className="space-y-6">
        {canEdit ? (
          <Card>
            <NewListForm />
          </Card>
        ) : null}
        {lists.length === 0 ? (
          <EmptyState title={t("lists.emptyTitle")} body={canEdit ? t("lists.emptyBody") : t("lists.emptyBodyViewer")} />
        ) : (
          <Card>
            <table className="w-full text-left text-sm" data-testid="contact-lists">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-2 font-medium">{t("lists.name")}</th>
                  <th scope="col" className="py-2 text-right font-medium">{t("lists.size")}</th>
                  <th scope="col" className="hidden py-2 font-medium sm:table-cell">{t("lists.lastImport")}</th>
                  <th scope="col" className="hidden py-2 font-medium md:table-cell">{t("lists.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {lists.map((l) => (
                  <tr key={l.id} className="border-t border-slate-100">
                    <td className="py-2">
                      <Link href={`/contacts/${l.id}`} className="font-medium text-brand-700 hover:underline [overflow-wrap:anywhere]">
                        {l.name}
                      </Link>
                    </td>
                    <td className="py-2 text-right tabular-nums">{format.number(l.size)}</td>
                    <td className="hidden py-2 text-slate-600 sm:table-cell">
                      {l.lastImport ? t("lists.importState", { state: t(`job.state.${l.lastImport.state as "done"}`), stored: l.lastImport.stored, problems: l.lastImport.problems }) : "—"}
                    </td>
                    <td className="hidden py-2 text-slate-600 md:table-cell">{format.dateTime(l.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
        <Card>
          <h2 className="mb-3 text-base font-semibold text-slate-900">{t("caps.title")}</h2>
          <CapsForm initial={{ enabled: caps.enabled, perDay: caps.perDay, perWeek: caps.perWeek }} canEdit={canEdit} />
        </Card>
      </div>
    </>
  );
}
