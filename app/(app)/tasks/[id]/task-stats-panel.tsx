"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import dynamic from "next/dynamic";
import { Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import { formatRate, reportedFigure, type TaskFigure } from "@/lib/domain/stats";
import type { ProviderRateCheck, TaskStatsView } from "@/lib/contracts/stats";
import { ChartLoading, ChartPlaceholder, COLORS, OUTCOMES } from "@/components/stats/chart";
import { StatsFetchError } from "@/components/stats/fetch-json";
import { KpiCard } from "@/components/stats/kpi-card";
import { RateInfo } from "@/components/stats/rate-info";
import { UpdatedAgo } from "@/components/stats/updated-ago";
import { useTaskLive } from "@/components/stats/use-task-live";

/**
 * A task's statistics: KPIs, rates and counts over time, outcomes and per-hour activity, with CSV
 * export. Fed by the page's one live query (useTaskLive): while the task runs it refreshes every few
 * seconds, while paused after every sync of the mirror (FiguresFollowSync), and not once it has ended.
 */
export function TaskStatsPanel({ taskId, initial }: { taskId: string; initial?: TaskStatsView }) {
  const t = useTranslations("stats");
  const locale = useLocale();
  const format = useFormatter();
  const query = useTaskLive(taskId, initial);
  const data = query.data;
  const number = (n: number) => format.number(n);
  const rate = (r: number) => formatRate(r, locale);
  const running = data?.status === "running";
  // A figure the provider does not report reads "—", with the reason on hover (issue 15 point 4).
  const shown = (figure: TaskFigure, value: string) => (data ? (reportedFigure(figure, value, data.unreported) ?? NOT_REPORTED) : "–");
  const notReported = (figure: TaskFigure) => (data?.unreported.includes(figure) ? t("kpi.notReported") : undefined);

  const errorText =
    query.error instanceof StatsFetchError && query.error.userMessage ? localize(query.error.userMessage, locale) : query.error ? t("loadFailed") : null;

  return (
    <section aria-labelledby={`task-stats-${taskId}`} className="space-y-4" data-testid="task-stats">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`task-stats-${taskId}`} className="text-lg font-semibold text-slate-900">
          {t("task.title")}
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <UpdatedAgo updatedAt={query.dataUpdatedAt} live={running} failed={query.isError && Boolean(data)} />
          <a
            href={`/api/tasks/${encodeURIComponent(taskId)}/export?series=snapshots`}
            download
            className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
            data-testid="export-snapshots"
          >
            {t("task.exportSnapshots")}
          </a>
          <a
            href={`/api/tasks/${encodeURIComponent(taskId)}/export?series=hourly`}
            download
            className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
            data-testid="export-hourly"
          >
            {t("task.exportHourly")}
          </a>
        </div>
      </div>

      {errorText && !data ? <Notice tone="error">{errorText}</Notice> : null}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <KpiCard testId="task-kpi-orders" label={t("kpi.orders")} value={data ? number(data.counters.totalOrders) : "–"} />
        <KpiCard
          testId="task-kpi-finished"
          label={t("kpi.finishedOrders")}
          value={data ? number(data.counters.finishedOrders) : "–"}
        />
        <KpiCard
          testId="task-kpi-attempted"
          label={t("kpi.attemptedOrders")}
          value={shown("attemptedOrders", data ? number(data.counters.attemptedOrders) : "")}
          detail={notReported("attemptedOrders")}
          valueTitle={notReported("attemptedOrders")}
        />
        <KpiCard
          testId="task-kpi-calls"
          label={t("kpi.calls")}
          value={shown("totalCalls", data ? number(data.counters.totalCalls) : "")}
          detail={notReported("totalCalls")}
          valueTitle={notReported("totalCalls")}
        />
        <KpiCard
          testId="task-kpi-answered"
          label={t("kpi.answeredCalls")}
          value={shown("answeredCalls", data ? number(data.counters.answeredCalls) : "")}
          detail={notReported("answeredCalls")}
          valueTitle={notReported("answeredCalls")}
        />
        <KpiCard
          testId="task-kpi-answer-rate"
          label={t("kpi.answerRate")}
          value={shown("answerRate", data ? rate(data.rates.answerRate) : "")}
          info={<RateInfo rate="answerRate" />}
          detail={data ? <ProviderRate check={data.provider.answerRate} /> : null}
          tone={data?.provider.answerRate.disagrees ? "warning" : "default"}
        />
        <KpiCard
          testId="task-kpi-finish-rate"
          label={t("kpi.finishRate")}
          value={data ? rate(data.rates.finishRate) : "–"}
          info={<RateInfo rate="finishRate" />}
          detail={data ? <ProviderRate check={data.provider.finishRate} /> : null}
          tone={data?.provider.finishRate.disagrees ? "warning" : "default"}
        />
        <KpiCard
          testId="task-kpi-connect-rate"
          label={t("kpi.connectRate")}
          value={shown("penetrationRate", data ? rate(data.rates.penetrationRate) : "")}
          info={<RateInfo rate="penetrationRate" />}
          detail={notReported("penetrationRate")}
          valueTitle={notReported("penetrationRate")}
        />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <TimeSeries data={data} />
        <Outcomes data={data} />
      </div>
      <Activity data={data} />
    </section>
  );
}

/** The provider's own rate under ours, only when the two disagree by more than its rounding. */
function ProviderRate({ check }: { check: ProviderRateCheck }) {
  const t = useTranslations("stats");
  const locale = useLocale();
  if (check.theirs === null || !check.disagrees) return null;
  return (
    <span className="text-amber-700" title={t("kpi.providerDisagrees")}>
      {t("kpi.providerReports", { rate: formatRate(check.theirs, locale) })}
    </span>
  );
}

function ChartFrame({ title, children, actions, testId, points }: { title: string; children: React.ReactNode; actions?: React.ReactNode; testId: string; points?: string }) {
  return (
    <div className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4" data-testid={testId} data-points={points}>
      <div className="mb-2 flex min-h-8 flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
        {actions}
      </div>
      {/* Fixed height: refreshing or switching never moves what is below. */}
      <div className="h-64">{children}</div>
    </div>
  );
}

type SeriesMode = "rates" | "counts";

/** What a figure the provider does not report reads as. */
export const NOT_REPORTED = "—";

function TimeSeries({ data }: { data: TaskStatsView | undefined }) {
  const t = useTranslations("stats");
  const format = useFormatter();
  const [mode, setMode] = useState<SeriesMode>("rates");
  const points = (data?.series ?? []).map((p) => ({ ...p, t: new Date(p.at).getTime() }));
  const last = points.at(-1);
  const timeLabel = (value: number) => format.dateTime(new Date(value), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const toggle = (
    <div role="group" aria-label={t("task.seriesMode")} className="inline-flex rounded-md ring-1 ring-slate-300">
      {(["rates", "counts"] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={mode === m}
          onClick={() => setMode(m)}
          className={`px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md ${mode === m ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          {t(`task.mode.${m}`)}
        </button>
      ))}
    </div>
  );
  return (
    <ChartFrame
      title={t("task.overTime")}
      actions={toggle}
      testId="task-series-chart"
      points={last ? `${points.length}:${last.totalCalls}:${last.answeredCalls}` : "0"}
    >
      {!data ? (
        <ChartPlaceholder text={t("loading")} />
      ) : points.length === 0 ? (
        <ChartPlaceholder text={t("task.noSnapshots")} />
      ) : (
        <SeriesChart points={points} mode={mode} timeLabel={timeLabel} />
      )}
    </ChartFrame>
  );
}

// The charts' library (recharts) is the largest script of the page: loaded after it, in its own chunk, with the
// chart's frame and placeholder already shown (issue 14 goal 4).
const SeriesChart = dynamic(() => import("./task-charts").then((m) => m.SeriesChart), { ssr: false, loading: ChartLoading });
const ActivityChart = dynamic(() => import("./task-charts").then((m) => m.ActivityChart), { ssr: false, loading: ChartLoading });

function Outcomes({ data }: { data: TaskStatsView | undefined }) {
  const t = useTranslations("stats");
  const format = useFormatter();
  const locale = useLocale();
  const total = data?.outcomes.calls ?? 0;
  return (
    <ChartFrame title={t("task.outcomes")} testId="task-outcomes" points={String(total)}>
      {!data ? (
        <ChartPlaceholder text={t("loading")} />
      ) : total === 0 ? (
        <ChartPlaceholder text={t("task.noCallRecords")} />
      ) : (
        <div className="flex h-full flex-col justify-center gap-3">
          <ul className="space-y-3">
            {OUTCOMES.map((key) => {
              const count = data.outcomes[key];
              const share = total > 0 ? count / total : 0;
              return (
                <li key={key} data-testid={`outcome-${key}`}>
                  <div className="flex justify-between text-sm">
                    <span className="text-slate-700">{t(`outcome.${key}`)}</span>
                    <span className="tabular-nums text-slate-900">
                      {format.number(count)} <span className="text-slate-500">({formatRate(share, locale)})</span>
                    </span>
                  </div>
                  <div className="mt-1 h-2 rounded-full bg-slate-100" aria-hidden="true">
                    <div className="h-2 rounded-full" style={{ width: `${share * 100}%`, backgroundColor: COLORS[key] }} />
                  </div>
                </li>
              );
            })}
          </ul>
          <p className="text-xs text-slate-500">{t("task.outcomesNote", { calls: format.number(total) })}</p>
        </div>
      )}
    </ChartFrame>
  );
}

function Activity({ data }: { data: TaskStatsView | undefined }) {
  const t = useTranslations("stats");
  const format = useFormatter();
  const points = (data?.activity ?? []).map((p) => ({
    ...p,
    other: Math.max(0, p.calls - p.answered - p.noAnswer - p.busy - p.failed),
    t: new Date(p.hour).getTime(),
  }));
  const any = points.some((p) => p.calls > 0);
  const hourLabel = (value: number) => format.dateTime(new Date(value), { hour: "2-digit", minute: "2-digit" });
  const fullLabel = (value: number) => format.dateTime(new Date(value), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <ChartFrame title={t("task.activity")} testId="task-activity" points={String(points.reduce((sum, p) => sum + p.calls, 0))}>
      {!data ? (
        <ChartPlaceholder text={t("loading")} />
      ) : !any ? (
        <ChartPlaceholder text={t("task.noActivity")} />
      ) : (
        <ActivityChart points={points} hourLabel={hourLabel} fullLabel={fullLabel} />
      )}
    </ChartFrame>
  );
}
