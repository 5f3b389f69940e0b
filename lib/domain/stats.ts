// The one place where task rates are defined (docs/design.md "Stats"), and how each provider's
// counters become TaskStats. The mappings take plain numbers so provider folders can call them
// after parsing their wire format.

import { domainText as text } from "./catalog";
import { type LocalizedText, type Locale } from "./text";
import { STAT_COUNTERS, type StatCounter, type StatCounters, type TaskStats } from "./stats-types";

export type RateName = "answerRate" | "finishRate" | "penetrationRate";

/**
 * The figures of a task that a provider may not report. Where a provider's capabilities list one as
 * unreported, pages show "—" with the reason instead of a number derived from the others (issue 15 point 4).
 */
export const TASK_FIGURES = ["attemptedOrders", "penetrationRate", "totalCalls", "answeredCalls", "answerRate"] as const;
export type TaskFigure = (typeof TASK_FIGURES)[number];

/** A figure as a page shows it: null when the provider does not report it. */
export function reportedFigure<T>(figure: TaskFigure, value: T, unreported: readonly TaskFigure[]): T | null {
  return unreported.includes(figure) ? null : value;
}

/** Answered calls ÷ calls made; 0 before the first call. */
export function answerRate<S extends Pick<StatCounters, "answeredCalls" | "totalCalls">>(stats: S): number {
  return ratio(stats.answeredCalls, stats.totalCalls);
}

/** Finished numbers ÷ numbers in the task; 0 for an empty task. */
export function finishRate<S extends Pick<StatCounters, "finishedOrders" | "totalOrders">>(stats: S): number {
  return ratio(stats.finishedOrders, stats.totalOrders);
}

/** Connect rate (接通率 / penetration): numbers dialled at least once ÷ numbers in the task; 0 for an empty task. */
export function penetrationRate(stats: TaskStats): number {
  return ratio(stats.attemptedOrders, stats.totalOrders);
}


export const RATE_FORMULAS: Record<RateName, LocalizedText> = {
  answerRate: text("rates.answerRate"),
  finishRate: text("rates.finishRate"),
  penetrationRate: text("rates.penetrationRate"),
};

const rateFormats = new Map<Locale, Intl.NumberFormat>();

/** 0.428571 → "42.86%" (both languages write percentages the same way). */
export function formatRate(rate: number, locale: Locale): string {
  let format = rateFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
    rateFormats.set(locale, format);
  }
  return format.format(rate);
}

// docs/providers/research.md §3: NXCloud rounds finishRate and answerRate to 2 decimal places, so a difference
// up to half of 0.01 is rounding, not disagreement. The epsilon absorbs binary float error.
const PROVIDER_ROUNDING = 0.005;
const FLOAT_EPSILON = 1e-9;

/** True when a provider's own rate differs from ours by more than its rounding explains. */
export function ratesDisagree(ours: number, theirs: number): boolean {
  return Math.abs(ours - theirs) > PROVIDER_ROUNDING + FLOAT_EPSILON;
}

function eachCounter(value: (counter: StatCounter) => number): StatCounters {
  return Object.fromEntries(STAT_COUNTERS.map((counter) => [counter, value(counter)])) as unknown as StatCounters;
}

export function emptyStats(): TaskStats {
  return eachCounter(() => 0);
}

/** Only the six counters of a record that has them (a database row, a snapshot, a TaskStats). */
export function countersOf(row: StatCounters): StatCounters {
  return eachCounter((counter) => row[counter]);
}

export function countersDiffer(a: StatCounters, b: StatCounters): boolean {
  return STAT_COUNTERS.some((counter) => a[counter] !== b[counter]);
}

/** Sum of two tasks' counters, e.g. for an account or a day. Provider rates do not add up, so they are dropped. */
export function addStats(a: StatCounters, b: StatCounters): TaskStats {
  return eachCounter((counter) => a[counter] + b[counter]);
}

/** NXCloud listTask / taskCallback `taskStat` (docs/providers/research.md §3). */
export function statsFromNxcloud(stat: {
  answerOrderCount: number;
  finishOrderCount: number;
  totalOrderCount: number;
  finishRate: number;
  totalAnswerCall: number;
  totalCall: number;
  answerRate: number;
}): TaskStats {
  // docs/providers/nxcloud.md §1.5: taskStat has no "numbers dialled" counter, and NXCloud redials a number
  // at most once, so neither finished orders nor calls say how many numbers were dialled. The counter stays 0
  // and NXCloud's capabilities list it (and the connect rate) as unreported: pages show "—", never a guess.
  return {
    totalOrders: stat.totalOrderCount,
    finishedOrders: stat.finishOrderCount,
    attemptedOrders: 0,
    answeredOrders: stat.answerOrderCount,
    totalCalls: stat.totalCall,
    answeredCalls: stat.totalAnswerCall,
    // docs/providers/research.md §3: both are ratios (finishOrderCount/totalOrderCount) rounded to 2 dp.
    providerAnswerRate: stat.answerRate,
    providerFinishRate: stat.finishRate,
  };
}

/** Aliyun CloudMonitorTask `Data.Statistic` (docs/providers/research.md §2 addendum "CloudMonitorTask field semantics"). */
export function statsFromAliyun(stat: { AnswerCount: number; CalledCount: number; UncalledCount: number }): TaskStats {
  // INFERENCE (docs/providers/research.md §2): the API returns counts, no ratio. CalledCount (已呼叫) counts
  // numbers called and UncalledCount (未呼叫) numbers not yet called, so the task holds their sum
  // and a called number counts as finished. There is no separate count of call attempts, so calls
  // = CalledCount; a number is retried only while unanswered, so AnswerCount (应答数量) is both
  // answered calls and answered numbers.
  return {
    totalOrders: stat.CalledCount + stat.UncalledCount,
    finishedOrders: stat.CalledCount,
    attemptedOrders: stat.CalledCount,
    answeredOrders: stat.AnswerCount,
    totalCalls: stat.CalledCount,
    answeredCalls: stat.AnswerCount,
  };
}

/** Yunfu task counters (numbers in the task, called, answered; calls made, calls answered). */
export function statsFromYunfu(stat: {
  numberCount: number;
  calledCount: number;
  answeredCount: number;
  callCount: number;
  answeredCallCount: number;
}): TaskStats {
  // INFERENCE: Yunfu reports no "finished" count (docs/providers/research.md §1 lists no pending-retry counter),
  // so, as for Aliyun, a number counts as finished once it has been called.
  return {
    totalOrders: stat.numberCount,
    finishedOrders: stat.calledCount,
    attemptedOrders: stat.calledCount,
    answeredOrders: stat.answeredCount,
    totalCalls: stat.callCount,
    answeredCalls: stat.answeredCallCount,
  };
}

/**
 * WShoto employee execution list (docs/providers/research.md §4 page_query_user_execute_info_list). A follow-up
 * task makes no calls: its targets are the "numbers", a followed target is finished, and the
 * finish rate is the documented complete rate (followed ÷ planned). Calls and the answer rate do not exist
 * for it: WShoto's capabilities list them as unreported, so they read "—", not 0.00 %.
 */
export function statsFromWshotoExecution(
  records: { plan_target_qty: number; followed_target_qty: number }[],
): TaskStats {
  const planned = records.reduce((sum, record) => sum + record.plan_target_qty, 0);
  const followed = records.reduce((sum, record) => sum + record.followed_target_qty, 0);
  return {
    totalOrders: planned,
    finishedOrders: followed,
    attemptedOrders: followed,
    answeredOrders: 0,
    totalCalls: 0,
    answeredCalls: 0,
  };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
