"use client";
// The parts of the task page that change while a task lives — status badge, "status since", last sync,
// what it waits for, and the summary — all read from the page's one live query (useTaskLive), the same
// one the statistics panel reads, so no two blocks of the page can show different figures.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { RateInfo } from "@/components/stats/rate-info";
import { NOT_REPORTED } from "./task-stats-panel";
import { useRefetchOnSync, useTaskLive } from "@/components/stats/use-task-live";
import { StatusBadge } from "../status-badge";
import { WaitingText } from "@/components/tasks/waiting-text";
import { Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { formatRate, RATE_FORMULAS, reportedFigure, type RateName } from "@/lib/domain/stats";
import type { TaskStatsView } from "@/lib/contracts/stats";

type Props = { taskId: string; initial: TaskStatsView };

export function LiveStatusBadge({ taskId, initial }: Props) {
  const data = useTaskLive(taskId, initial).data ?? initial;
  return <StatusBadge status={data.status} rawStatus={data.rawStatus} />;
}

/** While the task is paused, its figures follow every sync of the mirror (issue 15 point 2); renders nothing. */
export function FiguresFollowSync({ taskId, initial }: Props) {
  useRefetchOnSync(taskId, initial);
  return null;
}

/** "Status since" and "Last sync", as <div>s of the header's <dl>. */
export function LiveTimes({ taskId, initial }: Props) {
  const t = useTranslations("tasks.detail");
  const format = useFormatter();
  const data = useTaskLive(taskId, initial).data ?? initial;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return (
    <>
      <div>
        <dt className="inline text-slate-500">{t("statusSince")}: </dt>
        <dd className="inline" data-testid="status-since">
          {when(data.statusSince)}
        </dd>
      </div>
      <div>
        <dt className="inline text-slate-500">{t("lastSync")}: </dt>
        <dd className="inline" data-testid="last-sync">
          {when(data.lastSyncAt)}
        </dd>
      </div>
    </>
  );
}

/** What the task waits for, when something holds it (issue 14 goal 5). */
export function WaitingNotice({ taskId, initial }: Props) {
  const t = useTranslations("tasks.waiting");
  const data = useTaskLive(taskId, initial).data ?? initial;
  if (!data.waiting) return null;
  return (
    <div className="mt-3" data-testid="task-waiting" data-reason={data.waiting.kind}>
      <Notice tone={data.waiting.kind === "provider-unreachable" ? "error" : "warning"}>
        <strong className="font-semibold">{t("label")}: </strong>
        <WaitingText waiting={data.waiting} at={data.generatedAt} />
      </Notice>
    </div>
  );
}

/** The summary block: the same counters and rates as the statistics panel, from the same query. */
export function LiveSummary({ taskId, initial, typeLabel, isCall }: Props & { typeLabel: LocalizedText | string; isCall: boolean }) {
  const t = useTranslations("tasks.detail");
  const tStats = useTranslations("stats.kpi");
  const locale = useLocale();
  const format = useFormatter();
  const data = useTaskLive(taskId, initial).data ?? initial;
  const { counters, rates, provider, unreported } = data;
  const rate = (name: Exclude<RateName, "penetrationRate">) => {
    const value = formatRate(rates[name], locale);
    const ours = name === "answerRate" ? reportedFigure(name, value, unreported) : value;
    const theirs = provider[name].theirs;
    return (
      <div>
        <dt className="flex items-center gap-1 text-xs text-slate-500">
          {t(name)} <RateInfo rate={name} />
        </dt>
        <dd
          className="text-lg font-semibold tabular-nums text-slate-900"
          title={ours === null ? tStats("notReported") : localize(RATE_FORMULAS[name], locale)}
          data-testid={`summary-${name}`}
        >
          {ours ?? NOT_REPORTED}
        </dd>
        {theirs !== null ? <dd className="text-xs text-slate-500">{t("providerSays", { rate: formatRate(theirs, locale) })}</dd> : null}
      </div>
    );
  };
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="task-summary">
      <div>
        <dt className="text-xs text-slate-500">{t("type")}</dt>
        <dd className="text-sm text-slate-900">{typeof typeLabel === "string" ? typeLabel : localize(typeLabel, locale)}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">{t("numbers")}</dt>
        <dd className="text-lg font-semibold tabular-nums" data-testid="summary-numbers">
          {format.number(counters.totalOrders)}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">{t("finished")}</dt>
        <dd className="text-lg font-semibold tabular-nums" data-testid="summary-finished">
          {format.number(counters.finishedOrders)}
        </dd>
      </div>
      {isCall ? (
        <div>
          <dt className="text-xs text-slate-500">{t("calls")}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="summary-calls">
            {format.number(counters.answeredCalls)} / {format.number(counters.totalCalls)}
          </dd>
        </div>
      ) : null}
      {isCall ? rate("answerRate") : null}
      {rate("finishRate")}
    </dl>
  );
}
