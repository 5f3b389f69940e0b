// Contact caps across providers (issue 13 point 4): "a number is called at most N times a day and M times in
// 7 days across every task and provider". Off by default. Applied when numbers are sent: a number already at
// its cap is skipped with the reason. Days are calendar days in the organisation's time zone.
import { TZDate } from "@date-fns/tz";

export interface ContactCapRule {
  enabled: boolean;
  perDay: number;
  perWeek: number;
  timeZone: string;
}

export const DEFAULT_CAPS: ContactCapRule = { enabled: false, perDay: 3, perWeek: 10, timeZone: "Asia/Shanghai" };
export const MAX_CAP = 1000;

/** Start of today and of the 7-day window (today and the 6 days before), in the rule's zone. */
export function capWindows(now: Date, timeZone: string): { dayStart: Date; weekStart: Date } {
  const local = new TZDate(now.getTime(), timeZone);
  const dayStart = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), timeZone);
  const weekStart = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - 6, timeZone);
  return { dayStart: new Date(dayStart.getTime()), weekStart: new Date(weekStart.getTime()) };
}

export interface NumberLoad {
  /** Calls made today / in the 7-day window, on every task and provider. */
  callsToday: number;
  callsWeek: number;
  /** Numbers waiting in other live tasks (not called yet): each will be called at least once. */
  pending: number;
}

export type CapVerdict = { reason: "cap-day" | "cap-week"; count: number; max: number } | null;

/** Whether sending this number once more would go over the rule. */
export function capVerdict(load: NumberLoad, rule: ContactCapRule): CapVerdict {
  if (!rule.enabled) return null;
  const today = load.callsToday + load.pending;
  if (today + 1 > rule.perDay) return { reason: "cap-day", count: today, max: rule.perDay };
  const week = load.callsWeek + load.pending;
  if (week + 1 > rule.perWeek) return { reason: "cap-week", count: week, max: rule.perWeek };
  return null;
}
