// Retry strategies (docs/design.md "RetryStrategy"): validation, display and the attempt timeline the
// console previews before a task is created. The contract types live in ./retry-strategy.ts.

import { z } from "zod";
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


const FIELD_TEXT = {
  name: text("retry.name"),
  rounds: text("retry.rounds", { max: MAX_RETRY_ROUNDS }),
  days: text("retry.days"),
  hours: text("retry.hours"),
  minutes: text("retry.minutes"),
  measureFrom: text("retry.measureFrom"),
  onlyToday: text("retry.onlyToday"),
  retryOn: text("retry.retryOn"),
} satisfies Record<string, LocalizedText>;

const wholeNumber = (max: number, text: LocalizedText) =>
  z.number({ error: text.en }).int({ error: text.en }).min(0, { error: text.en }).max(max, { error: text.en });

export const ZRetryInterval = z.object({
  days: wholeNumber(30, FIELD_TEXT.days),
  hours: wholeNumber(23, FIELD_TEXT.hours),
  minutes: wholeNumber(59, FIELD_TEXT.minutes),
});

export const ZRetryStrategy = z
  .object({
    name: z.string().trim().min(1, { error: FIELD_TEXT.name.en }).max(80, { error: FIELD_TEXT.name.en }),
    rounds: z.array(z.object({ after: ZRetryInterval })).max(MAX_RETRY_ROUNDS, { error: FIELD_TEXT.rounds.en }),
    measureFrom: z.enum(["first-call", "previous-call"], { error: FIELD_TEXT.measureFrom.en }),
    onlyToday: z.boolean({ error: FIELD_TEXT.onlyToday.en }),
    retryOn: z
      .array(z.enum(RETRYABLE_OUTCOMES as [RetryableOutcome, ...RetryableOutcome[]], { error: FIELD_TEXT.retryOn.en }))
      .min(1, { error: FIELD_TEXT.retryOn.en }),
  })
  .superRefine((strategy, ctx) => {
    // zod 4 runs this refinement even when a field above failed, so read the rounds defensively.
    const minutes = strategy.rounds.map((round) => (isInterval(round?.after) ? intervalMinutes(round.after) : null));
    minutes.forEach((total, index) => {
      if (total === 0) {
        addRoundIssue(ctx, index, text("retry.roundAtLeastOneMinute", { round: index + 1 }));
      }
    });
    // docs/providers/research.md §2 RetryStrategy: with RetryStrategyTimeType 1 (from the first call), each
    // round's time must be greater than the previous round's.
    if (strategy.measureFrom !== "first-call") return;
    for (let index = 1; index < minutes.length; index++) {
      const previous = minutes[index - 1];
      const current = minutes[index];
      if (previous !== null && current !== null && current <= previous) {
        addRoundIssue(ctx, index, text("retry.roundAfterPrevious", { round: index + 1, previous: index }));
      }
    }
  });

export type TRetryStrategy = z.infer<typeof ZRetryStrategy>;

export interface RetryStrategyIssue {
  /** Where the problem is, e.g. ["rounds", 1, "after", "hours"]; rounds are 0-based here, 1-based in messages. */
  path: (string | number)[];
  message: LocalizedText;
}

export type RetryStrategyValidation =
  | { ok: true; strategy: RetryStrategy }
  | { ok: false; issues: RetryStrategyIssue[] };

export function validateRetryStrategy(input: unknown): RetryStrategyValidation {
  const parsed = ZRetryStrategy.safeParse(input);
  if (parsed.success) return { ok: true, strategy: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
      return { path, message: localizedIssue(path, issue) };
    }),
  };
}

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

function isInterval(value: unknown): value is RetryInterval {
  if (typeof value !== "object" || value === null) return false;
  const { days, hours, minutes } = value as Record<string, unknown>;
  return [days, hours, minutes].every((part) => typeof part === "number" && Number.isFinite(part));
}

function addRoundIssue(ctx: z.RefinementCtx, index: number, text: LocalizedText): void {
  ctx.addIssue({ code: "custom", message: text.en, path: ["rounds", index, "after"], params: { text } });
}

function localizedIssue(path: (string | number)[], issue: z.core.$ZodIssue): LocalizedText {
  const own = issue.code === "custom" ? (issue.params?.text as LocalizedText | undefined) : undefined;
  if (own) return own;
  const [field, index, , part] = path;
  if (field === "rounds" && typeof index === "number" && (part === "days" || part === "hours" || part === "minutes")) {
    return text("retry.roundField", { round: index + 1, message: FIELD_TEXT[part] });
  }
  if (field === "rounds" && typeof index === "number") return text("retry.roundInvalid", { round: index + 1 });
  if (typeof field === "string" && field in FIELD_TEXT) return FIELD_TEXT[field as keyof typeof FIELD_TEXT];
  return text("retry.invalid");
}
