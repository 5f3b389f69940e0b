import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { dncScopes, GLOBAL_SCOPE, listDncEntries } from "@/lib/server/numbers/dnc";
import { roleAtLeast } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { ContactsTabs } from "../tabs";
import { AddDncForm, DncImport, RemoveDncButton } from "./dnc-forms";

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts.dnc"))("title") };
}

export default async function DncPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePageActor();
  const canEdit = roleAtLeast(actor.role, "manager");
  const sp = await searchParams;
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  const scopes = await dncScopes();
  const scope = scopes.find((s) => s.id === sp.scope)?.id ?? GLOBAL_SCOPE;
  const search = typeof sp.q === "string" ? sp.q.slice(0, 40) : "";
  const before = typeof sp.before === "string" ? sp.before.slice(0, 64) : undefined;
  const page = await listDncEntries({ scope, search, before, wholeNumbers: canEdit });
  const scopeName = (s: { id: string; name: string | null }) => s.name ?? t("dnc.global");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ContactsTabs current="dnc" />
      <div className="space-y-6">
        <nav className="flex flex-wrap gap-2" aria-label={t("dnc.scopes")}>
          {scopes.map((s) => (
            <Link
              key={s.id}
              href={`/contacts/dnc?scope=${encodeURIComponent(s.id)}`}
              aria-current={s.id === scope ? "page" : undefined}
              className={`rounded-full px-3 py-1 text-sm ring-1 ${s.id === scope ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {scopeName(s)} <span className="tabular-nums opacity-80">{s.count}</span>
            </Link>
          ))}
        </nav>
        {canEdit ? (
          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("dnc.addTitle", { list: scopeName(scopes.find((s) => s.id === scope)!) })}</h2>
            <AddDncForm scope={scope} />
          </Card>
        ) : null}
        <Card>
          <form className="mb-3 flex flex-wrap items-end gap-2" action="/contacts/dnc">
            <input type="hidden" name="scope" value={scope} />
            <label className="space-y-1 text-sm">
              <span className="block font-medium text-slate-700">{t("dnc.search")}</span>
              <input name="q" defaultValue={search} maxLength={40} className="block w-56 rounded-md px-3 py-2 text-sm ring-1 ring-inset ring-slate-300" />
            </label>
            <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
              {t("dnc.find")}
            </button>
          </form>
          <p className="mb-2 text-sm text-slate-600">{t("dnc.total", { count: page.total })}</p>
          {page.entries.length > 0 ? (
            <table className="w-full text-left text-sm" data-testid="dnc-entries">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5 font-medium">{t("dnc.phone")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("dnc.reason")}</th>
                  <th scope="col" className="hidden py-1.5 font-medium sm:table-cell">{t("dnc.expires")}</th>
                  <th scope="col" className="hidden py-1.5 font-medium md:table-cell">{t("dnc.addedBy")}</th>
                  {canEdit ? <th scope="col" className="py-1.5" /> : null}
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100" data-testid="dnc-row">
                    <td className="py-1.5 font-mono">{e.phone}</td>
                    <td className="py-1.5">{e.reason}</td>
                    <td className="hidden py-1.5 text-slate-600 sm:table-cell">{e.expiresAt ? format.dateTime(e.expiresAt, { dateStyle: "medium" }) : t("dnc.never")}</td>
                    <td className="hidden py-1.5 text-slate-600 md:table-cell">
                      {e.createdByEmail} · {format.dateTime(e.createdAt, { dateStyle: "medium" })}
                    </td>
                    {canEdit && e.e164 ? (
                      <td className="py-1.5 text-right">
                        <RemoveDncButton phone={e.e164} scope={scope} label={e.phone} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {page.next ? (
            <Link href={`/contacts/dnc?scope=${encodeURIComponent(scope)}&before=${page.next}`} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
              {t("list.more")}
            </Link>
          ) : null}
        </Card>
        {canEdit ? (
          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("dnc.importTitle")}</h2>
            <DncImport scope={scope} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
