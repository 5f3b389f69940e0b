"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { WaitingText } from "@/components/tasks/waiting-text";
import { EmptyState, Notice, PageHeader } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import { formatRate } from "@/lib/domain/stats";
import type { AttentionReason, Overview, OverviewRange } from "@/lib/contracts/stats";
import { fetchJson } from "@/components/stats/fetch-json";
import { KpiCard } from "@/components/stats/kpi-card";
import { RateInfo } from "@/components/stats/rate-info";
import { ChartPlaceholder } from "@/components/stats/chart";
import { HourlyChart } from "./overview-chart";
import { UpdatedAgo } from "@/components/stats/updated-ago";

// recharts is most of this page's script: loaded after the page, in its own chunk (issue 14 goal 4).

/** The overview is a summary across tasks; a slower refresh than a running task's page is enough. */
export const OVERVIEW_REFRESH_MS = 10_000;

const linkButton = "rounded-md px-3.5 py-2 text-sm font-medium";

export function OverviewDashboard({ initial, userName }: { initial: Overview; userName: string }) {
  const t = useTranslations("stats.overview");
  const tc = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const [range, setRange] = useState<OverviewRange>(initial.range);
  const query = useQuery({
    queryKey: ["stats", "overview", range],
    queryFn: ({ signal }) => fetchJson<Overview>(`/api/overview?range=${range}`, signal),
    initialData: range === initial.range ? initial : undefined,
    initialDataUpdatedAt: range === initial.range ? Date.parse(initial.generatedAt) : undefined,
    refetchInterval: OVERVIEW_REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  });
  const data = query.data ?? initial;
  const { kpis } = data;
  const n = (value: number) => format.number(value);
  const rate = (value: number) => formatRate(value, locale);

  const header = (
    <PageHeader
      title={tc("overview.title")}
      description={tc("overview.welcome", { name: userName })}
      actions={<UpdatedAgo updatedAt={query.dataUpdatedAt} live failed={query.isError} />}
    />
  );

  if (data.isEmpty) {
    return (
      <>
        {header}
        <EmptyState
          title={tc("overview.emptyTitle")}
          body={data.accountCount === 0 ? tc("overview.emptyBody") : t("noTasksYet")}
          action={
            <>
              <Link className={`${linkButton} bg-brand-600 text-white hover:bg-brand-700`} href={data.accountCount === 0 ? "/providers" : "/tasks"}>
                {data.accountCount === 0 ? tc("overview.goProviders") : tc("overview.goTasks")}
              </Link>
              {data.accountCount === 0 ? (
                <Link className={`${linkButton} text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50`} href="/tasks">
                  {tc("overview.goTasks")}
                </Link>
              ) : null}
            </>
          }
        />
      </>
    );
  }

  return (
    <>
      {header}
      {query.isError ? (
        <div className="mb-4">
          <Notice tone="warning">{t("refreshFailed")}</Notice>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <KpiCard
          testId="kpi-running"
          label={t("kpi.running")}
          value={n(kpis.runningTasks)}
          detail={t("kpi.paused", { count: kpis.pausedTasks })}
        />
        <KpiCard testId="kpi-calls-today" label={t("kpi.callsToday")} value={n(kpis.callsToday)} detail={t("kpi.todayNote")} />
        <KpiCard testId="kpi-answered-today" label={t("kpi.answeredToday")} value={n(kpis.answeredToday)} detail={t("kpi.todayNote")} />
        <KpiCard
          testId="kpi-answer-rate-today"
          label={t("kpi.answerRateToday")}
          value={rate(kpis.answerRateToday)}
          info={<RateInfo rate="answerRate" />}
          detail={t("kpi.ofCalls", { answered: n(kpis.answeredToday), calls: n(kpis.callsToday) })}
        />
        <KpiCard
          testId="kpi-running-finish-rate"
          label={t("kpi.runningFinishRate")}
          value={rate(kpis.runningFinishRate)}
          info={<RateInfo rate="finishRate" />}
          detail={t("kpi.ofNumbers", { finished: n(kpis.runningFinishedOrders), total: n(kpis.runningTotalOrders) })}
        />
      </div>

      <CallsPerHour data={data} range={range} onRange={setRange} loading={query.isFetching && query.isPlaceholderData} />

      <div className="mt-6 grid gap-6">
        <ProviderComparison data={data} />
        <NeedsAttention data={data} />
      </div>
    </>
  );
}

function CallsPerHour({ data, range, onRange, loading }: { data: Overview; range: OverviewRange; onRange: (r: OverviewRange) => void; loading: boolean }) {
  const t = useTranslations("stats.overview");
  const format = useFormatter();
  const points = data.hourly.map((p) => ({ ...p, t: new Date(p.hour).getTime() }));
  const total = points.reduce((sum, p) => sum + p.calls, 0);
  const tick = (value: number) =>
    format.dateTime(new Date(value), range === "24h" ? { hour: "2-digit", minute: "2-digit" } : { month: "numeric", day: "numeric" });
  const full = (value: number) => format.dateTime(new Date(value), { weekday: "short", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <section className="mt-6 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4" data-testid="overview-hourly" data-points={String(total)}>
      <div className="mb-2 flex min-h-8 flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-800">{t("hourly.title")}</h2>
        <div role="group" aria-label={t("hourly.range")} className="inline-flex rounded-md ring-1 ring-slate-300">
          {(["24h", "7d"] as const).map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => onRange(r)}
              className={`px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md ${range === r ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {t(`hourly.${r}`)}
            </button>
          ))}
        </div>
      </div>
      <div className={`h-72 transition-opacity ${loading ? "opacity-60" : ""}`}>
        {total === 0 ? (
          <ChartPlaceholder text={t("hourly.none")} />
        ) : (
          <HourlyChart points={points} tick={tick} full={full} />
        )}
      </div>
    </section>
  );
}

function ProviderComparison({ data }: { data: Overview }) {
  const t = useTranslations("stats.overview.providers");
  const format = useFormatter();
  const locale = useLocale();
  return (
    <section className="min-w-0 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4" data-testid="overview-providers">
      <h2 className="mb-3 text-sm font-semibold text-slate-800">{t("title")}</h2>
      {data.providers.length === 0 ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        <div className="-mx-3 overflow-x-auto sm:mx-0">
          <table className="w-full min-w-[32rem] text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th scope="col" className="px-3 py-2 font-medium">{t("account")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("tasks")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("calls")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  <span className="inline-flex items-center gap-1">
                    {t("answerRate")} <RateInfo rate="answerRate" />
                  </span>
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  <span className="inline-flex items-center gap-1">
                    {t("finishRate")} <RateInfo rate="finishRate" />
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.providers.map((p) => (
                <tr key={p.accountId} className="border-b border-slate-100 last:border-0" data-testid={`provider-row-${p.kind}`}>
                  <td className="px-3 py-2">
                    <div className="font-medium text-slate-900">{p.accountName}</div>
                    <div className="text-xs text-slate-500">
                      {localize(p.kindLabel, locale)}
                      {p.isDemo ? ` · ${t("demo")}` : ""}
                      {p.enabled ? "" : <span className="font-medium text-amber-800" data-testid="provider-disabled">{` · ${t("disabled")}`}</span>}
                    </div>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {format.number(p.tasks)}
                    <div className="whitespace-nowrap text-xs text-slate-500">{t("running", { count: p.runningTasks })}</div>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{format.number(p.totalCalls)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatRate(p.answerRate, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatRate(p.finishRate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("note")}</p>
    </section>
  );
}

const REASON_TONE: Record<AttentionReason, string> = {
  failed: "bg-red-50 text-red-700 ring-red-200",
  "paused-by-provider": "bg-amber-50 text-amber-800 ring-amber-200",
  "outside-window": "bg-violet-50 text-violet-800 ring-violet-200",
  "stale-sync": "bg-slate-100 text-slate-700 ring-slate-300",
};

function NeedsAttention({ data }: { data: Overview }) {
  const t = useTranslations("stats.overview.attention");
  const format = useFormatter();
  const locale = useLocale();
  const now = new Date(data.generatedAt);
  const total = new Set(data.attention.map((a) => a.taskId)).size;
  const shownAll = Object.values(data.attentionCounts).reduce((a, b) => a + b, 0) <= data.attention.reduce((a, item) => a + item.reasons.length, 0);
  return (
    <section className="min-w-0 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4" data-testid="overview-attention">
      <h2 className="mb-1 text-sm font-semibold text-slate-800">{t("title")}</h2>
      <p className="mb-3 text-xs text-slate-500">
        {(["failed", "paused-by-provider", "outside-window", "stale-sync"] as const)
          .map((reason) => t(`count.${reason}`, { count: data.attentionCounts[reason] }))
          .join(" · ")}
      </p>
      {total === 0 ? (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("allGood")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {data.attention.map((item) => (
            <li key={item.taskId} className="py-2" data-testid="attention-item">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <Link href={`/tasks/${item.taskId}`} className="font-medium text-brand-700 hover:underline">
                  {item.name}
                </Link>
                <span className="text-xs text-slate-500">
                  {item.accountName} · {localize(item.kindLabel, locale)}
                </span>
              </div>
              <div className="mt-1 flex flex-wrap gap-1.5">
                {item.reasons.map((reason) => (
                  <span key={reason} className={`rounded px-1.5 py-0.5 text-xs ring-1 ${REASON_TONE[reason]}`}>
                    {reason === "stale-sync"
                      ? item.lastSyncAt
                        ? t("reason.stale-sync", { ago: format.relativeTime(new Date(item.lastSyncAt), now) })
                        : t("reason.never-synced")
                      : reason === "paused-by-provider"
                        ? t("reason.paused-by-provider", { raw: item.rawStatus || "–" })
                        : reason === "outside-window" && item.waiting
                          ? <WaitingText waiting={item.waiting} at={data.generatedAt} short />
                          : t(`reason.${reason}`)}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      {!shownAll ? <p className="mt-2 text-xs text-slate-500">{t("more")}</p> : null}
    </section>
  );
}
