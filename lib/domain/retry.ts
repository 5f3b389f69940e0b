// Retry strategies (docs/design.md "RetryStrategy"): validation, display and the attempt timeline the
// console previews before a task is created. The contract types live in ./retry-strategy.ts.

import { domainText as text } from "./catalog";
import type { CallTimeGroup } from "./call-time-group";
import type { HolidayCalendar } from "./holiday-calendar";
import { CALL_OUTCOMES, type RetryInterval, type RetryStrategy, type RetryableOutcome } from "./retry-strategy";
import { nextWindow } from "./schedule";
import { formatList, inEachLocale, localize, type LocalizedText, type Locale } from "./text";

export const MAX_RETRY_ROUNDS = 10;
export const RETRYABLE_OUTCOMES = CALL_OUTCOMES.filter(
  (outcome): outcome is RetryableOutcome => outcome !== "answered",
);


/** Total length of an interval in minutes. */
export function intervalMinutes(interval: RetryInterval): number {
  return interval.days * 1440 + interval.hours * 60 + interval.minutes;
}

/** { days: 1, hours: 2, minutes: 0 } → "1 day 2 h" / "1天2小时"; a zero interval → "0 min" / "0分钟". */
export function formatInterval(interval: RetryInterval, locale: Locale): string {
  const { days, hours, minutes } = interval;
  const parts = [
    days ? text("retry.intervalDays", { count: days }) : null,
    hours ? text("retry.intervalHours", { count: hours }) : null,
    minutes || (!days && !hours) ? text("retry.intervalMinutes", { count: minutes }) : null,
  ].filter((part): part is LocalizedText => part !== null);
  // The locale runs units together its own way: "1 day 2 h" / "1天2小时".
  return formatList(
    parts.map((part) => localize(part, locale)),
    locale,
    "unit",
  );
}

/** "30 min, 2 h" / "30分钟、2小时": each round's wait, in both languages. */
export function roundsSummaryText(strategy: Pick<RetryStrategy, "rounds">): LocalizedText {
  return inEachLocale((locale) => formatList(strategy.rounds.map((round) => formatInterval(round.after, locale)), locale));
}

/** [2, 3] → "Retries 2, 3" / "第 2、3 次重试": retries named by number (1 = the first retry), as a subject. */
export function retryNumbersText(retries: readonly number[]): LocalizedText {
  return inEachLocale((locale) =>
    localize(text("retry.retryNumbers", { count: retries.length, list: formatList(retries.map(String), locale) }), locale),
  );
}

/** What a new strategy form starts with: two retries, 30 minutes and 2 hours after the first call. */
export function defaultRetryStrategy(): RetryStrategy {
  return {
    name: "Retry after 30 min and 2 h",
    rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 2, minutes: 0 } }],
    // docs/providers/research.md §2: RetryStrategyTimeType defaults to 1, measured from the first call.
    measureFrom: "first-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy", "unreachable", "failed"],
  };
}

export type AttemptShift = "none" | "outside-window" | "holiday" | "dropped-only-today" | "no-window";

export interface AttemptTime {
  /** 0 = the first call, 1 = the first retry, … */
  round: number;
  /** When the strategy alone would place the attempt. */
  nominal: Date;
  /** When it can really happen (next callable time), or null when it never happens. */
  actual: Date | null;
  shiftedBy: AttemptShift;
}

/**
 * The timeline of one number that keeps failing with a retryable outcome: the first call and
 * every retry, each pushed into the group's next callable window. A retry never happens before
 * the previous attempt, and once an attempt is dropped every later one is dropped too (retries
 * are sequential).
 */
export function attemptTimes(
  firstCall: Date,
  strategy: RetryStrategy,
  group: CallTimeGroup,
  calendar: HolidayCalendar,
): AttemptTime[] {
  const first = placeAttempt(firstCall, group, calendar);
  const timeline: AttemptTime[] = [{ round: 0, nominal: firstCall, ...first }];
  const firstDay = first.actual ? localDate(first.actual, group.timeZone) : null;

  strategy.rounds.forEach((round, index) => {
    const previous = timeline[index];
    const afterMs = intervalMinutes(round.after) * 60_000;
    const base =
      strategy.measureFrom === "first-call" ? (first.actual ?? firstCall) : (previous.actual ?? previous.nominal);
    const nominal = new Date(base.getTime() + afterMs);
    if (previous.actual === null) {
      timeline.push({ round: index + 1, nominal, actual: null, shiftedBy: previous.shiftedBy });
      return;
    }
    const earliest = nominal < previous.actual ? previous.actual : nominal;
    const placed = placeAttempt(earliest, group, calendar);
    if (strategy.onlyToday && placed.actual && localDate(placed.actual, group.timeZone) !== firstDay) {
      timeline.push({ round: index + 1, nominal, actual: null, shiftedBy: "dropped-only-today" });
      return;
    }
    const shiftedBy = placed.actual && placed.actual.getTime() === nominal.getTime() ? "none" : placed.shiftedBy;
    timeline.push({ round: index + 1, nominal, actual: placed.actual, shiftedBy });
  });
  return timeline;
}

function placeAttempt(
  at: Date,
  group: CallTimeGroup,
  calendar: HolidayCalendar,
): { actual: Date | null; shiftedBy: AttemptShift } {
  const window = nextWindow(group, at, calendar);
  if (!window) return { actual: null, shiftedBy: "no-window" };
  if (window.start.getTime() === at.getTime()) return { actual: window.start, shiftedBy: "none" };
  // The push is the holidays' doing when the same group without holiday skipping could have
  // dialled earlier (a holiday on the nominal day, or a holiday run the night rolled into).
  if (group.skipHolidays) {
    const withoutHolidays = nextWindow({ ...group, skipHolidays: false }, at, calendar);
    if (withoutHolidays && withoutHolidays.start < window.start) return { actual: window.start, shiftedBy: "holiday" };
  }
  return { actual: window.start, shiftedBy: "outside-window" };
}

function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
