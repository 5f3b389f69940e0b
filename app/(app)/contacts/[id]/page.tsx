import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { AppError } from "@/lib/server/errors";
import { getContactList } from "@/lib/server/numbers/lists";
import { roleAtLeast } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { ListImport } from "./list-import";

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts"))("title") };
}

export default async function ContactListPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const actor = await requirePageActor();
  const canEdit = roleAtLeast(actor.role, "manager");
  const { id } = await params;
  const after = Number((await searchParams).after ?? 0);
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  let list;
  try {
    // Viewers get the numbers masked by the server: the page, its payload and its links never hold one whole.
    list = await getContactList({ listId: id, wholeNumbers: canEdit, afterSeq: Number.isFinite(after) && after > 0 ? after : undefined });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const active = list.imports.find((j) => j.state === "queued" || j.state === "running");
  return (
    <>
      <Link href="/contacts" className="text-sm text-brand-700 hover:underline">
        ← {t("list.back")}
      </Link>
      <PageHeader title={list.name} description={t("list.size", { size: list.size })} />
      <div className="space-y-6">
        {canEdit ? (
          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("import.title")}</h2>
            <ListImport listId={list.id} activeJobId={active?.id ?? null} />
          </Card>
        ) : null}
        {list.imports.length > 0 ? (
          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("list.imports")}</h2>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="list-imports">
              {list.imports.map((j) => (
                <li key={j.id} className="flex flex-wrap items-baseline gap-x-4 py-2">
                  <span className="font-medium text-slate-800">{j.fileName}</span>
                  <span className="text-slate-600">{t(`job.state.${j.state as "done"}`)}</span>
                  <span className="tabular-nums text-slate-600">{t("job.counts", { processed: j.processed, stored: j.stored, problems: j.problems })}</span>
                  {j.problems > 0 ? (
                    <a href={`/api/jobs/${j.id}/problems`} className="text-brand-700 hover:underline" download>
                      {t("job.downloadProblems")}
                    </a>
                  ) : null}
                  <span className="text-xs text-slate-500 sm:ml-auto">{format.dateTime(j.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-3 text-base font-semibold text-slate-900">{t("list.numbers")}</h2>
          {list.contacts.length === 0 ? (
            <p className="text-sm text-slate-500">{t("list.empty")}</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="list-contacts">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5 font-medium">{t("list.phone")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("list.name")}</th>
                </tr>
              </thead>
              <tbody>
                {list.contacts.map((c) => (
                  <tr key={c.seq} className="border-t border-slate-100">
                    <td className="py-1.5 font-mono" data-testid="contact-phone">{c.phone}</td>
                    <td className="py-1.5">{c.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.nextSeq ? (
            <Link href={`/contacts/${list.id}?after=${list.nextSeq}`} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
              {t("list.more")}
            </Link>
          ) : null}
        </Card>
      </div>
    </>
  );
}
