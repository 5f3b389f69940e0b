// What the statistics pages receive (GET /api/overview, /api/tasks/[id]/stats and /forecast, and the pages'
// first render): shapes only, shared by the services that build them and the components that draw them.
import type { ForecastInputs } from "../domain/forecast";
import type { LocalizedText } from "../domain/text";
import type { StatCounters, TaskStats } from "../domain/stats-types";
import type { TaskFigure } from "../domain/stats";
import type { TaskStatus } from "../domain/task";
import type { ProviderKind } from "../providers/types";
import type { ControlRule, TaskControl, WaitingView } from "./task-state";

// --- overview (/) ---------------------------------------------------------------------------------

export const OVERVIEW_RANGES = ["24h", "7d"] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number];

export interface OverviewKpis {
  runningTasks: number;
  pausedTasks: number;
  callsToday: number;
  answeredToday: number;
  answerRateToday: number;
  /** Finished ÷ total numbers over all running tasks together. */
  runningFinishRate: number;
  runningFinishedOrders: number;
  runningTotalOrders: number;
}

export interface HourPoint {
  /** Start of the hour, ISO. */
  hour: string;
  calls: number;
  answered: number;
}

export interface ProviderComparisonRow {
  accountId: string;
  accountName: string;
  kind: ProviderKind;
  kindLabel: LocalizedText;
  isDemo: boolean;
  /** A disabled account is still listed (its tasks happened), marked so no one reads it as active. */
  enabled: boolean;
  tasks: number;
  runningTasks: number;
  totalCalls: number;
  answeredCalls: number;
  answerRate: number;
  totalOrders: number;
  finishedOrders: number;
  finishRate: number;
}

export const ATTENTION_REASONS = ["failed", "paused-by-provider", "outside-window", "stale-sync"] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface AttentionItem {
  taskId: string;
  name: string;
  accountName: string;
  kind: ProviderKind;
  kindLabel: LocalizedText;
  status: string;
  rawStatus: string;
  reasons: AttentionReason[];
  /** What the task waits for, in the task page's words (next window, holiday…), when something holds it. */
  waiting: WaitingView | null;
  /** ISO; for stale-sync, when the task was last synced (null = never). */
  lastSyncAt: string | null;
}

export interface Overview {
  generatedAt: string;
  /** No task in the mirror at all: a fresh install or no account synced yet. */
  isEmpty: boolean;
  accountCount: number;
  kpis: OverviewKpis;
  range: OverviewRange;
  hourly: HourPoint[];
  providers: ProviderComparisonRow[];
  attention: AttentionItem[];
  attentionCounts: Record<AttentionReason, number>;
  /** Seconds after which a sync counts as stale; null when the scheduled sync is off. */
  staleAfterSec: number | null;
}

// --- one task's statistics (/tasks/[id]) ----------------------------------------------------------

export interface TaskRates {
  answerRate: number;
  finishRate: number;
  penetrationRate: number;
}

export interface ProviderRateCheck {
  /** The provider's own rate (0..1), or null when it reports none. */
  theirs: number | null;
  /** True when it differs from ours by more than the provider's rounding. */
  disagrees: boolean;
}

export interface SeriesPoint extends TaskRates, StatCounters {
  at: string;
}

export interface OutcomeBreakdown {
  calls: number;
  answered: number;
  noAnswer: number;
  busy: number;
  failed: number;
  /** Calls in the roll-ups with an outcome outside the four above (rejected, unreachable…). */
  other: number;
  talkSeconds: number;
}

export interface ActivityPoint {
  hour: string;
  calls: number;
  answered: number;
  noAnswer: number;
  busy: number;
  failed: number;
}

/**
 * Everything on the task page that changes while the task runs, from one query (issue 15 point 1): the
 * header's status, the controls, the summary, the statistics and what the task waits for.
 */
export interface TaskStatsView {
  taskId: string;
  name: string;
  kind: ProviderKind;
  status: TaskStatus;
  rawStatus: string;
  /** When the status became what it is. */
  statusSince: string;
  generatedAt: string;
  lastSyncAt: string | null;
  /** Start, pause, complete, delete… as the status and the provider allow them now. */
  controls: Record<TaskControl, ControlRule>;
  /** Figures the provider does not report: shown as "—", never derived. */
  unreported: TaskFigure[];
  /** What the task is waiting for, when something holds it. */
  waiting: WaitingView | null;
  counters: TaskStats;
  rates: TaskRates;
  provider: { answerRate: ProviderRateCheck; finishRate: ProviderRateCheck };
  series: SeriesPoint[];
  /** Snapshots stored in all, before thinning the series. */
  snapshotCount: number;
  outcomes: OutcomeBreakdown;
  activity: ActivityPoint[];
}

// --- completion forecast --------------------------------------------------------------------------

export const CANNOT_ESTIMATE_REASONS = [
  "not-dialling",
  "paused",
  "ended",
  "no-orders",
  "no-group",
  "no-concurrency",
  "no-calls-yet",
  "no-call-length",
  "no-windows",
  "no-throughput",
] as const;
export type CannotEstimateReason = (typeof CANNOT_ESTIMATE_REASONS)[number];

export interface ForecastExplanation {
  remainingOrders: number;
  totalOrders: number;
  finishedOrders: number;
  /** Observed so far, 0..1. */
  answerRate: number;
  totalCalls: number;
  answeredCalls: number;
  /** Minutes per answered call, from the talk time of the hourly roll-ups. */
  avgCallMinutes: number | null;
  concurrency: number | null;
  concurrencySource: "task" | "override" | null;
  strategyName: string | null;
  /** Redials assumed per unanswered number: the strategy's rounds, capped by the provider. */
  retries: number;
  /** The strategy's own rounds, when the provider redials fewer (NXCloud: once); else null. */
  strategyRetries: number | null;
  /** Who caps the redials, for the sentence that says so. */
  providerLabel: LocalizedText;
  groupName: string | null;
  /** "task": the task's own group; "default": the task has none linked (e.g. created outside Dialboard), so
   * the default group is assumed and the page says so. */
  groupSource: "task" | "default" | null;
  timeZone: string | null;
  /** From the domain forecast: attempts per number, calls needed, calls per hour, callable hours. */
  computed: ForecastInputs | null;
}

export type TaskForecastView =
  | {
      ok: true;
      taskId: string;
      finishAt: string;
      /** null: beyond the forecast horizon (two years) under that assumption. */
      earliest: string | null;
      latest: string | null;
      done: boolean;
      explanation: ForecastExplanation;
    }
  | { ok: false; taskId: string; reason: CannotEstimateReason; explanation: ForecastExplanation };
