// The timeline preview's pure parts: wall times typed in the group's zone, the default first call,
// and each attempt of attemptTimes() with what explains its move (which holiday, an unknown year).
import { TZDate } from "@date-fns/tz";
import type { CallTimeGroup, IsoWeekday } from "@/lib/domain/call-time-group";
import type { HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { attemptTimes, type AttemptShift } from "@/lib/domain/retry";
import type { RetryStrategy } from "@/lib/domain/retry-strategy";
import { describeDays } from "@/lib/domain/schedule";

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * A datetime-local value ("2026-10-09T17:50") read as wall time in `timeZone`; null when it is not
 * one. A time inside a DST gap moves forward by the gap, like the schedule engine.
 */
export function instantFromLocalInput(value: string, timeZone: string): Date | null {
  const match = LOCAL_INPUT.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const instant = new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The datetime-local value of an instant's wall time in `timeZone`. */
export function localInputFromInstant(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** 10:00 on the next day after `now` (in the group's zone) on which the group dials at all; tomorrow if none within two weeks. */
export function defaultFirstCall(group: CallTimeGroup, calendar: HolidayCalendar, now: Date): string {
  const today = localInputFromInstant(now, group.timeZone).slice(0, 10);
  const days = describeDays(group, now, new Date(now.getTime() + 15 * DAY_MS), calendar);
  const working = days.find((day) => day.date > today && day.ranges.length > 0);
  const date = working?.date ?? localInputFromInstant(new Date(now.getTime() + DAY_MS), group.timeZone).slice(0, 10);
  return `${date}T10:00`;
}

/**
 * Why an attempt is not at its nominal time. "after-previous": attemptTimes never places a retry
 * before the previous attempt, so a retry whose nominal time passed while the previous one was
 * pushed waits for it (attemptTimes reports that as "none"). "collapsed": the retry falls due at the
 * very window opening as the attempt before it; what the provider then does (back to back, spaced, skipped,
 * or not documented) is its own rule, said beside the preview by adapter.describeRetrySpacing.
 */
export type TimelineReason = AttemptShift | "after-previous" | "collapsed";

export interface TimelineRow {
  /** 0 = the first call. */
  round: number;
  nominal: Date;
  actual: Date | null;
  reason: TimelineReason;
  /** The holiday that pushed the attempt (e.g. "National Day,国庆节"), when the reason is "holiday". */
  holidayName?: string;
  /** The attempt's path crosses a year the calendar has no data for: holidays there are not known. */
  crossesUnknownYear: boolean;
  /** For "collapsed": the earlier attempt (0 = the first call) it falls due together with. */
  collapsedInto?: number;
}

export function timelineRows(
  firstCall: Date,
  strategy: RetryStrategy,
  group: CallTimeGroup,
  calendar: HolidayCalendar,
): TimelineRow[] {
  const attempts = attemptTimes(firstCall, strategy, group, calendar);
  // The first attempt of each run of attempts placed at one instant: later ones collapse into it.
  const collapsedInto = attempts.map((attempt, index) => {
    let first = index;
    while (first > 0 && attempt.actual !== null && attempts[first - 1].actual?.getTime() === attempt.actual.getTime()) first--;
    return first;
  });
  return attempts.map(({ shiftedBy, ...attempt }, index) => {
    const moved = attempt.actual !== null && attempt.actual.getTime() !== attempt.nominal.getTime();
    const collapsed = collapsedInto[index] !== index;
    const reason: TimelineReason = collapsed ? "collapsed" : shiftedBy === "none" && moved ? "after-previous" : shiftedBy;
    const end = attempt.actual && attempt.actual > attempt.nominal ? attempt.actual : new Date(attempt.nominal.getTime() + 1);
    const days = describeDays(group, attempt.nominal, end, calendar);
    const holiday = reason === "holiday" ? days.find((day) => day.rule === "holiday") : undefined;
    return {
      ...attempt,
      reason,
      ...(holiday?.holidayName ? { holidayName: holiday.holidayName } : {}),
      ...(collapsed ? { collapsedInto: collapsedInto[index] } : {}),
      crossesUnknownYear: days.some((day) => day.rule === "unknownYear"),
    };
  });
}

export interface AttemptTimeParts {
  /** 1..12 */
  month: number;
  day: number;
  weekday: IsoWeekday;
  /** "09:00" */
  time: string;
}

/**
 * An attempt's wall time in the group's zone, as the catalog's `retry.preview.attemptTime` shows it
 * ("Mon 12 Oct 09:00" / "10月12日 周一 09:00"). Numeric parts rather than Intl's localized patterns, so the
 * server's and the browser's text are identical.
 */
export function attemptTimeParts(at: Date, timeZone: string): AttemptTimeParts {
  const local = localInputFromInstant(at, timeZone);
  const [year, month, day] = local.slice(0, 10).split("-").map(Number);
  const weekday = (((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
  return { month, day, weekday, time: local.slice(11) };
}
