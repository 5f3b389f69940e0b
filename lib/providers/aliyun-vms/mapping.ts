// Wire ↔ domain for Aliyun VMS Cloud* tasks: status, statistics, time conditions (时间条件) and
// the RetryStrategy JSON. Every rule of ours the provider cannot keep is named as a loss.
import {
  DEFAULT_TIME_ZONE,
  ISO_WEEKDAYS,
  emptyWeek,
  formatMinute,
  normalizeRanges,
  parseHhMm,
  type CallTimeGroup,
  type DateOverride,
  type Encoded,
  type IsoWeekday,
  type LocalizedText,
  type MinuteRange,
} from "../../domain/call-time-group";
import { RETRYABLE_OUTCOMES, intervalMinutes } from "../../domain/retry";
import type { RetryInterval, RetryStrategy } from "../../domain/retry-strategy";
import { statsFromAliyun } from "../../domain/stats";
import type { TaskStats } from "../../domain/stats-types";
import type { TaskStatus } from "../../domain/task";
import type { RemoteTask } from "../types";
import { aliyunText as t } from "./text";
import { ZRetryStrategyBasic, type TEnterpriseTime, type TMonitorStatistic, type TTaskProperty } from "./wire";

// ---------------------------------------------------------------------------------------------
// Status and tasks

/** docs/providers/aliyun-vms.md §Status: 0 = initial, 1 = running, 2 = paused, 3 = ended. */
export function statusFromAliyun(status: number): TaskStatus {
  switch (status) {
    case 0:
      return "pending";
    case 1:
      return "running";
    case 2:
      return "paused";
    case 3:
      return "completed";
    default:
      return "failed";
  }
}

/** "yyyy-MM-dd HH:mm:ss" is the call centre's wall-clock time (Asia/Shanghai, INFERENCE: docs/providers/aliyun-vms.md §Status). */
export function parseAliyunDateTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number);
  // China has had no daylight saving time since 1991: a fixed +08:00 offset is exact.
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
}

/** The call centre's wall-clock form of an instant, "yyyy-MM-dd HH:mm:ss" (UTC+8, as parseAliyunDateTime reads it). */
export function formatAliyunDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

export function taskFromProperty(p: TTaskProperty, stats: TaskStats | null = null): RemoteTask {
  const status = Number(p.Status);
  return {
    remoteId: p.Id,
    name: p.Name,
    kind: "call",
    taskType: String(p.Type),
    status: statusFromAliyun(status),
    rawStatus: String(status),
    createdAt: parseAliyunDateTime(p.CreateTime),
    stats,
    concurrency: p.Concurrency == null ? null : Number(p.Concurrency),
    raw: p,
  };
}

export function statsFromMonitor(stat: TMonitorStatistic | null | undefined): TaskStats {
  return statsFromAliyun({
    AnswerCount: Number(stat?.AnswerCount ?? 0),
    CalledCount: Number(stat?.CalledCount ?? 0),
    UncalledCount: Number(stat?.UncalledCount ?? 0),
  });
}

// ---------------------------------------------------------------------------------------------
// Time conditions

/** A time condition as CloudCreateEnterpriseTime takes it, without the Name/Priority the client assigns. */
export interface TimeConditionRow {
  /** 1 = weekly (DayOfWeek), 2 = fixed dates (FromDay..ToDay). */
  Type: 1 | 2;
  /** Sun = 1, Mon = 2 … Sat = 7 (docs/providers/aliyun-vms.md §Time conditions); one day per row. */
  DayOfWeek?: string;
  FromDay?: string;
  ToDay?: string;
  StartTime: string;
  EndTime: string;
}

/**
 * How a group reaches the task. "forbidden" (default, AutoTaskType 0 continuous calling): the
 * group's closed hours become TimeStrategy 禁呼时间. "allowed" (AutoTaskType 1 interval calling):
 * its open hours become AutoTriggerTimeStrategy.
 */
export type TimeConditionMode = "allowed" | "forbidden";

export interface TimeConditionSet {
  mode: TimeConditionMode;
  rows: TimeConditionRow[];
}

const SHANGHAI_ZONES = new Set([DEFAULT_TIME_ZONE, "Asia/Chongqing", "Asia/Harbin", "PRC"]);
const DAY = 1440;
// docs/providers/aliyun-vms.md §Time conditions: StartTime/EndTime are "HH:mm" and cannot say 24:00. INFERENCE: a condition
// covers [StartTime, EndTime) at minute precision, so the last minute of a day is lost.
const LAST_MINUTE = DAY - 1;

/** ISO 1 = Mon … 7 = Sun → Aliyun Sun = 1 … Sat = 7. */
export function aliyunDayOfWeek(day: IsoWeekday): number {
  return (day % 7) + 1;
}

export function isoWeekdayFromAliyun(day: number): IsoWeekday {
  return (((day + 5) % 7) + 1) as IsoWeekday;
}

function complement(ranges: readonly MinuteRange[]): MinuteRange[] {
  const out: MinuteRange[] = [];
  let from = 0;
  for (const r of normalizeRanges(ranges)) {
    if (r.start > from) out.push({ start: from, end: r.start });
    from = Math.max(from, r.end);
  }
  if (from < DAY) out.push({ start: from, end: DAY });
  return out;
}

function intersect(a: readonly MinuteRange[], b: readonly MinuteRange[]): MinuteRange[] {
  return complement([...complement(a), ...complement(b)]);
}

function covers(outer: readonly MinuteRange[], inner: readonly MinuteRange[]): boolean {
  return sameRanges(intersect(outer, inner), inner);
}

function sameRanges(a: readonly MinuteRange[], b: readonly MinuteRange[]): boolean {
  const x = normalizeRanges(a);
  const y = normalizeRanges(b);
  return x.length === y.length && x.every((r, i) => r.start === y[i].start && r.end === y[i].end);
}

function hhmm(minute: number): string {
  return formatMinute(Math.min(minute, LAST_MINUTE));
}

function weekdayOfDate(date: string): IsoWeekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/**
 * Encodes a call-time group as time conditions. Weekdays with identical hours share one weekly
 * row per range (DayOfWeek "2,3,4,5,6"); date overrides become fixed-date rows where the provider's
 * union-of-conditions semantics can express them.
 */
export function encodeTimeConditions(group: CallTimeGroup, mode: TimeConditionMode): Encoded<TimeConditionSet> {
  const losses: LocalizedText[] = [];
  const perDay = (day: IsoWeekday) =>
    mode === "allowed" ? normalizeRanges(group.weekly[day]) : complement(group.weekly[day]);

  // One condition per weekday and range, never a DayOfWeek list: TimeType 1 (连续, continuous) over "2,3,4" may mean
  // one span from Monday's StartTime to Wednesday's EndTime, TimeType 2 (间隔) every day at those hours; for a single
  // day both readings are the same hours (docs/providers/aliyun-vms.md §Time conditions).
  const rows: TimeConditionRow[] = [];
  for (const day of ISO_WEEKDAYS) {
    for (const r of perDay(day)) rows.push({ Type: 1, DayOfWeek: String(aliyunDayOfWeek(day)), StartTime: hhmm(r.start), EndTime: hhmm(r.end) });
  }

  for (const override of [...group.overrides].sort((a, b) => a.date.localeCompare(b.date))) {
    const weekly = normalizeRanges(group.weekly[weekdayOfDate(override.date)]);
    const ranges = normalizeRanges(override.ranges);
    // Conditions only add up: open hours can be added to a day, closed hours can be added to a day,
    // but neither mode can take away what the weekly rows already give.
    const expressible = mode === "allowed" ? covers(ranges, weekly) : covers(weekly, ranges);
    if (!expressible) {
      losses.push(
        t(mode === "allowed" ? "losses.overrideCannotRemove" : "losses.overrideCannotOpen", { date: override.date }),
      );
    }
    const dateRanges = mode === "allowed" ? ranges : complement(ranges);
    for (const r of dateRanges) {
      rows.push({ Type: 2, FromDay: override.date, ToDay: override.date, StartTime: hhmm(r.start), EndTime: hhmm(r.end) });
    }
  }

  if (rows.some((row) => row.EndTime === formatMinute(LAST_MINUTE))) {
    losses.push(
      t(mode === "allowed" ? "losses.lastMinuteOpen" : "losses.lastMinuteClosed"),
    );
  }
  // What the documents leave open once every condition covers a single day (docs/providers/aliyun-vms.md §Time conditions).
  if (rows.length > 0) losses.push(t("losses.timeTypeDoubt"));
  if (!SHANGHAI_ZONES.has(group.timeZone)) {
    losses.push(t("losses.timeZone", { zone: group.timeZone }));
  }
  if (group.skipHolidays) {
    losses.push(t("losses.holidays"));
  }
  if (group.makeUpDayAs !== null) {
    losses.push(t("losses.makeUpDay"));
  }
  return { value: { mode, rows }, losses };
}

/** Reads time conditions back into a group (weekly rows; fixed-date rows become overrides). */
export function decodeTimeConditions(
  conditions: readonly Pick<TEnterpriseTime, "Type" | "DayOfWeek" | "FromDay" | "ToDay" | "StartTime" | "EndTime">[],
  mode: TimeConditionMode,
  name: string,
): CallTimeGroup {
  const weeklyRows = emptyWeek();
  const dateRows = new Map<string, MinuteRange[]>();
  for (const c of conditions) {
    const start = parseHhMm(c.StartTime);
    const end = parseHhMm(c.EndTime);
    if (start === null || end === null || start >= end) continue;
    if (Number(c.Type) === 1) {
      for (const part of (c.DayOfWeek ?? "").split(",")) {
        const day = Number(part);
        if (day >= 1 && day <= 7) weeklyRows[isoWeekdayFromAliyun(day)].push({ start, end });
      }
    } else if (c.FromDay && c.ToDay) {
      for (const date of datesBetween(c.FromDay, c.ToDay)) {
        dateRows.set(date, [...(dateRows.get(date) ?? []), { start, end }]);
      }
    }
  }
  const weekly = emptyWeek();
  for (const day of ISO_WEEKDAYS) {
    weekly[day] = mode === "allowed" ? normalizeRanges(weeklyRows[day]) : complement(weeklyRows[day]);
  }
  const overrides: DateOverride[] = [...dateRows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, ranges]) => {
      const usual = weekly[weekdayOfDate(date)];
      return {
        date,
        ranges:
          mode === "allowed"
            ? normalizeRanges([...usual, ...ranges])
            : intersect(usual, complement(ranges)),
      };
    });
  return { name, timeZone: DEFAULT_TIME_ZONE, weekly, skipHolidays: false, makeUpDayAs: null, overrides, isDefault: false };
}

/** Dates from..to inclusive, at most a year, so a malformed range cannot run away. */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return out;
  for (let t = start; t <= end && out.length < 366; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Retry strategy

export interface AliyunRetryParams {
  RetryStrategy: string;
  /** 1 = measured from the first call, 2 = from the previous call. */
  RetryStrategyTimeType: 1 | 2;
  /** 0 off; 2 = drop pending retries at day end (docs/providers/aliyun-vms.md §Retry strategy: 1 would also drop never-called numbers). */
  RetryStrategyOnlyToday: 0 | 2;
}

function dhm(interval: RetryInterval): string {
  const total = intervalMinutes(interval);
  return `${Math.floor(total / DAY)}-${Math.floor((total % DAY) / 60)}-${total % 60}`;
}

export function encodeRetryStrategy(strategy: RetryStrategy): Encoded<AliyunRetryParams> {
  const losses: LocalizedText[] = [];
  const basic = {
    retry: strategy.rounds.length,
    strategy: strategy.rounds.map((round, i) => ({ round: i + 1, time: dhm(round.after) })),
  };
  const retried = new Set(strategy.retryOn);
  if (!RETRYABLE_OUTCOMES.every((outcome) => retried.has(outcome))) {
    losses.push(t("losses.retryOutcomes"));
  }
  if (strategy.measureFrom === "first-call") {
    // docs/providers/aliyun-vms.md §Retry strategy: with time type 1 each round's time must be greater than the previous round's.
    strategy.rounds.forEach((round, i) => {
      if (i > 0 && intervalMinutes(round.after) <= intervalMinutes(strategy.rounds[i - 1].after)) {
        losses.push(t("losses.retryRoundOrder", { round: i + 1, previous: i }));
      }
    });
  }
  return {
    value: {
      RetryStrategy: JSON.stringify(basic),
      RetryStrategyTimeType: strategy.measureFrom === "first-call" ? 1 : 2,
      RetryStrategyOnlyToday: strategy.onlyToday ? 2 : 0,
    },
    losses,
  };
}

/** Reads a basic-mode RetryStrategy back; null for advanced mode (a JSON array) or anything unreadable. */
export function decodeRetryStrategy(
  params: { RetryStrategy: string | null | undefined; RetryStrategyTimeType?: number | null; RetryStrategyOnlyToday?: number | null },
  name: string,
): RetryStrategy | null {
  if (!params.RetryStrategy) return null;
  let json: unknown;
  try {
    json = JSON.parse(params.RetryStrategy);
  } catch {
    return null;
  }
  const parsed = ZRetryStrategyBasic.safeParse(json);
  if (!parsed.success) return null;
  const rounds = [...parsed.data.strategy]
    .sort((a, b) => a.round - b.round)
    .map(({ time }) => {
      const [days, hours, minutes] = time.split("-").map(Number);
      return { after: { days, hours, minutes } };
    });
  return {
    name,
    rounds,
    measureFrom: Number(params.RetryStrategyTimeType ?? 1) === 2 ? "previous-call" : "first-call",
    onlyToday: [1, 2].includes(Number(params.RetryStrategyOnlyToday ?? 0)),
    retryOn: [...RETRYABLE_OUTCOMES],
  };
}
