"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import { formatRate } from "@/lib/domain/stats";
import type { ForecastExplanation, TaskForecastView, TaskStatsView } from "@/lib/contracts/stats";
import { fetchJson, StatsFetchError } from "@/components/stats/fetch-json";
import { taskStatsQueryKey } from "@/components/stats/use-task-live";

/**
 * When the task will finish, with a band and the inputs in words. Recomputed whenever the task's
 * statistics (fetched by TaskStatsPanel on the same page) change; a manager can also try another
 * number of lines.
 */
export function TaskForecast({ taskId }: { taskId: string }) {
  const t = useTranslations("stats.forecast");
  const locale = useLocale();
  const [lines, setLines] = useState("");
  const [assumed, setAssumed] = useState<number | null>(null);
  // Read-only view of the panel's cached statistics: a new count of calls means new inputs.
  const stats = useQuery<TaskStatsView>({ queryKey: taskStatsQueryKey(taskId), enabled: false });
  const version = stats.data ? `${stats.data.counters.totalCalls}:${stats.data.counters.finishedOrders}:${stats.data.status}` : "";
  const query = useQuery({
    queryKey: ["stats", "forecast", taskId, assumed, version],
    queryFn: ({ signal }) => {
      const qs = assumed !== null ? `?concurrency=${assumed}` : "";
      return fetchJson<TaskForecastView>(`/api/tasks/${encodeURIComponent(taskId)}/forecast${qs}`, signal);
    },
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const linesValid = /^\d+$/.test(lines) && Number(lines) >= 1 && Number(lines) <= 1000;
  const errorText =
    query.error instanceof StatsFetchError && query.error.userMessage ? localize(query.error.userMessage, locale) : query.error ? t("loadFailed") : null;

  function apply(e: React.FormEvent) {
    e.preventDefault();
    if (linesValid) setAssumed(Number(lines));
  }

  return (
    <section aria-labelledby={`forecast-${taskId}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6" data-testid="task-forecast">
      <h2 id={`forecast-${taskId}`} className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <div className="mt-4 min-h-24">
        {errorText ? <Notice tone="error">{errorText}</Notice> : null}
        {!data && !errorText ? <p className="text-sm text-slate-500">{t("computing")}</p> : null}
        {data ? <ForecastResult view={data} /> : null}
      </div>
      <form onSubmit={apply} className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          {t("linesLabel")}
          <Input
            inputMode="numeric"
            value={lines}
            onChange={(e) => setLines(e.target.value.trim())}
            aria-invalid={lines !== "" && !linesValid}
            aria-describedby={`forecast-lines-hint-${taskId}`}
            className="w-28"
            data-testid="forecast-lines"
          />
        </label>
        <Button type="submit" variant="secondary" size="sm" disabled={!linesValid}>
          {t("linesApply")}
        </Button>
        {assumed !== null ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setAssumed(null);
              setLines("");
            }}
          >
            {t("linesReset")}
          </Button>
        ) : null}
        <p id={`forecast-lines-hint-${taskId}`} className={`w-full text-xs ${lines !== "" && !linesValid ? "text-red-700" : "text-slate-500"}`}>
          {lines !== "" && !linesValid ? t("linesInvalid") : t("linesHint")}
        </p>
      </form>
    </section>
  );
}

function ForecastResult({ view }: { view: TaskForecastView }) {
  const t = useTranslations("stats.forecast");
  const format = useFormatter();
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

  if (!view.ok) {
    return (
      <div data-testid="forecast-cannot">
        <Notice tone="warning">
          <strong className="font-semibold">{t("cannot")}</strong> {t(`reason.${view.reason}`)}
        </Notice>
        <Explanation explanation={view.explanation} />
      </div>
    );
  }
  if (view.done) {
    return (
      <p className="text-base font-medium text-emerald-700" data-testid="forecast-done">
        {t("done")}
      </p>
    );
  }
  return (
    <div>
      <p className="text-sm text-slate-600">{t("finishAt")}</p>
      <p className="text-2xl font-semibold text-slate-900" data-testid="forecast-finish">
        {when(view.finishAt)}
      </p>
      <p className="mt-1 text-sm text-slate-700" data-testid="forecast-band">
        {t("band", {
          earliest: view.earliest ? when(view.earliest) : t("beyondHorizon"),
          latest: view.latest ? when(view.latest) : t("beyondHorizon"),
        })}
      </p>
      <Explanation explanation={view.explanation} />
    </div>
  );
}

/** The inputs, in sentences a manager can check against what they know of the task. */
function Explanation({ explanation: e }: { explanation: ForecastExplanation }) {
  const t = useTranslations("stats.forecast.explain");
  const format = useFormatter();
  const locale = useLocale();
  const n = (value: number, digits = 0) => format.number(value, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const items: string[] = [
    t("remaining", { remaining: n(e.remainingOrders), total: n(e.totalOrders), finished: n(e.finishedOrders) }),
    e.totalCalls > 0
      ? t("answerRate", { rate: formatRate(e.answerRate, locale), answered: n(e.answeredCalls), calls: n(e.totalCalls) })
      : t("answerRateNone"),
    e.strategyName
      ? e.strategyRetries !== null
        ? t("strategyCapped", { name: e.strategyName, asked: e.strategyRetries, retries: e.retries, provider: localize(e.providerLabel, locale) })
        : t("strategy", { name: e.strategyName, retries: e.retries })
      : t("noStrategy"),
    e.avgCallMinutes !== null ? t("callLength", { minutes: n(e.avgCallMinutes, 2) }) : t("callLengthNone"),
    e.concurrency !== null
      ? t(e.concurrencySource === "override" ? "linesAssumed" : "lines", { lines: n(e.concurrency) })
      : t("linesNone"),
    e.groupName
      ? t(e.groupSource === "default" ? "groupAssumed" : "group", { name: e.groupName, zone: e.timeZone ?? "" })
      : t("groupNone"),
  ];
  if (e.computed) {
    items.push(
      t("calls", { attempts: n(e.computed.attemptsPerOrder, 2), needed: n(Math.ceil(e.computed.callsNeeded)) }),
      t("throughput", { perHour: n(e.computed.callsPerHour, 1) }),
    );
    if (e.computed.callableHoursNeeded !== null) items.push(t("hours", { hours: n(e.computed.callableHoursNeeded, 1) }));
    items.push(t("band"));
  }
  return (
    <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="forecast-inputs">
      {items.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}
