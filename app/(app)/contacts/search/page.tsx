import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { localize } from "@/lib/domain/text";
import { numberStory } from "@/lib/server/numbers/ledger-views";
import { roleAtLeast } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { ContactsTabs } from "../tabs";
import { NumberSearchForm } from "./search-form";

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts.search"))("title") };
}

/** One number across every task and provider, with the timeline of its calls (?n=<opaque reference>). */
export default async function NumberSearchPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePageActor();
  const sp = await searchParams;
  const ref = typeof sp.n === "string" ? sp.n.slice(0, 200) : "";
  const t = await getTranslations("contacts");
  const format = await getFormatter();
  const locale = await getLocale();
  const story = ref ? await numberStory({ ref, wholeNumbers: roleAtLeast(actor.role, "manager") }) : null;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ContactsTabs current="search" />
      <div className="space-y-6">
        <Card>
          <NumberSearchForm />
        </Card>
        {ref && !story ? <Notice tone="warning">{t("search.invalid")}</Notice> : null}
        {story ? (
          <>
            <h2 className="font-mono text-xl font-semibold text-slate-900" data-testid="story-phone">
              {story.phone}
            </h2>
            {story.dnc.length > 0 ? (
              <Notice tone="warning">
                {story.dnc.map((d) => t("search.onDnc", { list: d.scope === "global" ? t("dnc.global") : d.scopeName, reason: d.reason || "—" })).join(" · ")}
              </Notice>
            ) : null}
            <Card>
              <h3 className="mb-3 text-base font-semibold text-slate-900">{t("search.tasks", { count: story.tasks.length })}</h3>
              {story.tasks.length === 0 ? (
                <p className="text-sm text-slate-500">{t("search.noTasks")}</p>
              ) : (
                <table className="w-full text-left text-sm" data-testid="story-tasks">
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="py-1.5 font-medium">{t("search.task")}</th>
                      <th scope="col" className="py-1.5 font-medium">{t("numbers.state")}</th>
                      <th scope="col" className="py-1.5 text-right font-medium">{t("numbers.attempts")}</th>
                      <th scope="col" className="hidden py-1.5 font-medium sm:table-cell">{t("numbers.lastCall")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {story.tasks.map((r) => (
                      <tr key={r.taskId} className="border-t border-slate-100">
                        <td className="py-1.5">
                          <Link href={`/tasks/${r.taskId}/numbers`} className="text-brand-700 hover:underline">
                            {r.taskName}
                          </Link>{" "}
                          <span className="text-xs text-slate-500">
                            {localize(r.provider, locale)} · {r.accountName}
                          </span>
                        </td>
                        <td className="py-1.5">{t(`numbers.states.${r.state as "sent"}`)}</td>
                        <td className="py-1.5 text-right tabular-nums">{r.attempts}</td>
                        <td className="hidden py-1.5 text-slate-600 sm:table-cell">{when(r.lastCallAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Card>
            <Card>
              <h3 className="mb-3 text-base font-semibold text-slate-900">{t("search.timeline")}</h3>
              {story.calls.length === 0 ? (
                <p className="text-sm text-slate-500">{t("search.noCalls")}</p>
              ) : (
                <ol className="space-y-1 text-sm" data-testid="story-calls">
                  {story.calls.map((c, i) => (
                    <li key={i} className="flex flex-wrap gap-x-3">
                      <time className="tabular-nums text-slate-500" dateTime={c.startedAt.toISOString()}>
                        {when(c.startedAt)}
                      </time>
                      <span className="font-medium">{t.has(`outcomes.${c.outcome}`) ? t(`outcomes.${c.outcome}` as "outcomes.answered") : c.outcome}</span>
                      <span className="text-slate-600">
                        {c.taskName} · {localize(c.provider, locale)}
                      </span>
                      {c.durationSec > 0 ? <span className="tabular-nums text-slate-500">{c.durationSec}s</span> : null}
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}
