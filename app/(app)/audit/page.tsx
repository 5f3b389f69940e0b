import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { requirePageActor } from "@/lib/server/session";
import { auditFilterOptions, listAudit, ZAuditQuery } from "@/lib/server/services/audit-log";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("audit.title") };
}

function describe(summary: string): string {
  try {
    const s = JSON.parse(summary) as { before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string };
    const keys = new Set([...Object.keys(s.before ?? {}), ...Object.keys(s.after ?? {})]);
    const parts = [...keys].map((k) => {
      const b = s.before?.[k];
      const a = s.after?.[k];
      const fmt = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
      return s.before && k in s.before ? `${k}: ${fmt(b)} → ${fmt(a)}` : `${k}: ${fmt(a)}`;
    });
    if (s.note) parts.push(s.note);
    return parts.join("; ");
  } catch {
    return summary;
  }
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageActor("viewer");
  const t = await getTranslations();
  const format = await getFormatter();
  const raw = await searchParams;
  const parsed = ZAuditQuery.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v)));
  const q = parsed.success ? parsed.data : ZAuditQuery.parse({});
  const [{ rows, total, page, pageSize }, options] = await Promise.all([listAudit(q), auditFilterOptions()]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries({ ...q, page: String(p) }).filter(([, v]) => v !== undefined) as [string, string][]);
    return `/audit?${params}`;
  };

  return (
    <>
      <PageHeader title={t("audit.title")} />
      <form method="get" className="mb-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-5" aria-label={t("common.filter")}>
        <div className="text-sm">
          <label htmlFor="f-user" className="mb-1 block text-slate-700">{t("audit.who")}</label>
          <Select id="f-user" name="user" defaultValue={q.user ?? ""}>
            <option value="">{t("audit.anyUser")}</option>
            {options.users.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </Select>
        </div>
        <div className="text-sm">
          <label htmlFor="f-action" className="mb-1 block text-slate-700">{t("audit.action")}</label>
          <Select id="f-action" name="action" defaultValue={q.action ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </div>
        <div className="text-sm">
          <label htmlFor="f-from" className="mb-1 block text-slate-700">{t("audit.from")}</label>
          <Input id="f-from" type="date" name="from" defaultValue={q.from ?? ""} />
        </div>
        <div className="text-sm">
          <label htmlFor="f-to" className="mb-1 block text-slate-700">{t("audit.to")}</label>
          <Input id="f-to" type="date" name="to" defaultValue={q.to ?? ""} />
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit">{t("common.filter")}</Button>
          <Link href="/audit" className="px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
            {t("common.clear")}
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={t("audit.empty")} body={t("common.total", { count: 0 })} />
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th className="px-4 py-3">{t("audit.when")}</th>
                  <th className="px-4 py-3">{t("audit.who")}</th>
                  <th className="px-4 py-3">{t("audit.action")}</th>
                  <th className="px-4 py-3">{t("audit.target")}</th>
                  <th className="px-4 py-3">{t("audit.change")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="audit-rows">
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">{format.dateTime(r.at, { dateStyle: "medium", timeStyle: "medium" })}</td>
                    <td className="px-4 py-3">{r.actorEmail}</td>
                    <td className="px-4 py-3 font-mono text-xs">{r.action}</td>
                    <td className="px-4 py-3 text-slate-600">
                      {r.targetType}
                      {r.targetId ? <span className="ml-1 font-mono text-xs text-slate-400">{r.targetId.slice(0, 10)}</span> : null}
                    </td>
                    <td className="px-4 py-3 text-slate-700">{describe(r.summary)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="mt-4 flex items-center justify-between text-sm" aria-label="pagination">
            <span className="text-slate-600">
              {t("common.total", { count: total })} · {t("common.page", { page, pages })}
            </span>
            <div className="flex gap-2">
              {page > 1 ? (
                <Link className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50" href={href(page - 1)}>
                  {t("common.previous")}
                </Link>
              ) : null}
              {page < pages ? (
                <Link className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50" href={href(page + 1)}>
                  {t("common.next")}
                </Link>
              ) : null}
            </div>
          </nav>
        </>
      )}
    </>
  );
}
