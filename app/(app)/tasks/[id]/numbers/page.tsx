import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { AppError } from "@/lib/server/errors";
import { LEDGER_STATES } from "@/lib/server/numbers/ledger";
import { isLedgerState, taskNumbers } from "@/lib/server/numbers/ledger-views";
import { activeSendOf, taskForNumbers } from "@/lib/server/numbers/task-numbers";
import { roleAtLeast } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { SendFromList } from "./send-from-list";

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts.numbers"))("title") };
}

/** The task's numbers tab: the ledger, filtered by state or one number, paged, exportable; sending a list. */
export default async function TaskNumbersPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const actor = await requirePageActor();
  const whole = roleAtLeast(actor.role, "manager");
  const { id } = await params;
  const sp = await searchParams;
  const state = isLedgerState(sp.state) ? sp.state : undefined;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 40) : "";
  const after = typeof sp.after === "string" ? sp.after.slice(0, 200) : undefined;
  const shownJob = typeof sp.job === "string" ? sp.job.slice(0, 64) : undefined;
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  let task;
  try {
    task = await taskForNumbers(id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const [page, activeSend] = await Promise.all([taskNumbers({ taskId: id, state, search: q, after, wholeNumbers: whole }), activeSendOf(id, shownJob)]);
  const link = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ state, q: q || undefined, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return `/tasks/${id}/numbers${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <Link href={`/tasks/${id}`} className="text-sm text-brand-700 hover:underline">
        ← {task.name}
      </Link>
      <PageHeader title={t("numbers.title")} description={t("numbers.description", { total: page.total })} />
      <div className="space-y-6">
        {whole && task.canAdd ? (
          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("send.title")}</h2>
            <SendFromList taskId={id} batchSize={task.batchSize} activeJobId={activeSend} />
          </Card>
        ) : null}
        <Card>
          <nav className="mb-3 flex flex-wrap gap-2" aria-label={t("numbers.filter")}>
            <Link href={link({ state: undefined, after: undefined })} aria-current={!state ? "page" : undefined} className={`rounded-full px-3 py-1 text-sm ring-1 ${!state ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300"}`}>
              {t("numbers.all")} <span className="tabular-nums">{page.total}</span>
            </Link>
            {LEDGER_STATES.filter((s) => page.counts[s]).map((s) => (
              <Link key={s} href={link({ state: s, after: undefined })} aria-current={state === s ? "page" : undefined} className={`rounded-full px-3 py-1 text-sm ring-1 ${state === s ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300"}`} data-testid={`state-${s}`}>
                {t(`numbers.states.${s}`)} <span className="tabular-nums">{page.counts[s]}</span>
              </Link>
            ))}
          </nav>
          <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
            <form action={`/tasks/${id}/numbers`} className="flex items-end gap-2">
              {state ? <input type="hidden" name="state" value={state} /> : null}
              <label className="space-y-1 text-sm">
                <span className="block font-medium text-slate-700">{t("numbers.find")}</span>
                <input name="q" maxLength={40} defaultValue={whole ? q : ""} className="block w-56 rounded-md px-3 py-2 text-sm ring-1 ring-inset ring-slate-300" />
              </label>
              <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
                {t("dnc.find")}
              </button>
            </form>
            <a href={`/api/tasks/${id}/numbers/export${state ? `?state=${state}` : ""}`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="numbers-export" download>
              {t("numbers.export")}
            </a>
          </div>
          {page.rows.length === 0 ? (
            <p className="text-sm text-slate-500">{t("numbers.empty")}</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="task-numbers">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5 font-medium">{t("list.phone")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("numbers.state")}</th>
                  <th scope="col" className="py-1.5 text-right font-medium">{t("numbers.attempts")}</th>
                  <th scope="col" className="hidden py-1.5 font-medium sm:table-cell">{t("numbers.lastOutcome")}</th>
                  <th scope="col" className="hidden py-1.5 font-medium md:table-cell">{t("numbers.lastCall")}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.ref} className="border-t border-slate-100" data-testid="number-row">
                    <td className="py-1.5 font-mono">
                      <Link href={`/contacts/search?n=${encodeURIComponent(r.ref)}`} className="hover:underline">
                        {r.phone}
                      </Link>
                    </td>
                    <td className="py-1.5">
                      {t(`numbers.states.${r.state as "sent"}`)}
                      {r.reason ? <span className="ml-1 text-xs text-slate-500">({t.has(`job.reason.${r.reason}`) ? t(`job.reason.${r.reason}` as "job.reason.dnc") : r.reason})</span> : null}
                    </td>
                    <td className="py-1.5 text-right tabular-nums">{r.attempts}</td>
                    <td className="hidden py-1.5 sm:table-cell">{r.lastOutcome ? (t.has(`outcomes.${r.lastOutcome}`) ? t(`outcomes.${r.lastOutcome}` as "outcomes.answered") : r.lastOutcome) : "—"}</td>
                    <td className="hidden py-1.5 text-slate-600 md:table-cell">{r.lastCallAt ? format.dateTime(r.lastCallAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {page.next ? (
            <Link href={link({ after: page.next })} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
              {t("list.more")}
            </Link>
          ) : null}
        </Card>
      </div>
    </>
  );
}
