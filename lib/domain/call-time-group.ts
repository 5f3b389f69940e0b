// Contract types for call-time groups (docs/design.md "Domain model"). The zod schema and
// validation live here too; the schedule engine is in ./schedule.ts.

import { z } from "zod";
import { domainText as text } from "./catalog";
import { formatList, inEachLocale, localize, sameText, type LocalizedText, type Locale } from "./text";
import { formatRange, MINUTES_PER_DAY } from "./time-format";

export { formatMinute, formatRange, parseHhMm } from "./time-format";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Minutes after local midnight, half-open [start, end). start 0..1439, end 1..1440 (24:00). */
export interface MinuteRange {
  start: number;
  end: number;
}

export interface DateOverride {
  /** Local date in the group's zone, YYYY-MM-DD. */
  date: string;
  /** Empty = closed all day. */
  ranges: MinuteRange[];
}

export interface CallTimeGroup {
  name: string;
  /** IANA zone, default Asia/Shanghai. */
  timeZone: string;
  weekly: Record<IsoWeekday, MinuteRange[]>;
  skipHolidays: boolean;
  /** On a make-up workday (调休): null = use that day's own weekday ranges; 1..5 = use that weekday's ranges. */
  makeUpDayAs: IsoWeekday | null;
  overrides: DateOverride[];
  isDefault: boolean;
}

export type { LocalizedText } from "./text";

/** Result of encoding a domain value for a provider: the value and every rule it could not keep. */
export interface Encoded<T> {
  value: T;
  losses: LocalizedText[];
}

export function emptyWeek(): Record<IsoWeekday, MinuteRange[]> {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

// ---------------------------------------------------------------------------------------------
// Validation, normalisation and display. The schedule engine itself is in ./schedule.ts.

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
export const GROUP_NAME_MAX = 80;
/**
 * Bounds (issue 12 point 3): one range per half hour is already more than any provider can express (NXCloud
 * dials in 48 half-hour slots), a year of date overrides, and a validation that stops after a few problems.
 * Without them a viewer's 20 000 overlapping ranges kept the server busy for a minute.
 */
export const MAX_RANGES_PER_DAY = 48;
export const MAX_OVERRIDES = 366;
export const MAX_ISSUES = 20;


const WEEKDAY_NAMES = {
  long: ISO_WEEKDAYS.map((day) => text(`weekdays.long.${day}`)),
  short: ISO_WEEKDAYS.map((day) => text(`weekdays.short.${day}`)),
};

/** "Monday" / "周一" (short: "Mon" / "周一") in both languages. */
export function isoWeekdayText(day: IsoWeekday, width: "long" | "short" = "long"): LocalizedText {
  return WEEKDAY_NAMES[width][day - 1];
}

export function isoWeekdayName(day: IsoWeekday, locale: Locale, width: "long" | "short" = "long"): string {
  return localize(isoWeekdayText(day, width), locale);
}

const canonicalZones = new Map<string, string | null>();

/** The zone as the time-zone database spells it ("asia/shanghai" → "Asia/Shanghai"), or null if unknown. */
export function canonicalTimeZone(zone: string): string | null {
  let canonical = canonicalZones.get(zone);
  if (canonical === undefined) {
    try {
      canonical = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
    canonicalZones.set(zone, canonical);
  }
  return canonical;
}

/** True when the runtime's time-zone database knows the zone (e.g. "Asia/Shanghai", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is false). */
export function isIsoDate(text: string): boolean {
  const match = YMD.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Sorted by start, overlapping and touching ranges merged, empty ranges dropped. */
export function normalizeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = ranges.filter((r) => r.start < r.end).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

/** A new group dialling Mon–Fri 09:00–12:00 and 13:00–18:00 Beijing time, skipping statutory holidays. */
export function defaultCallTimeGroup(name: string): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of [1, 2, 3, 4, 5] as const) {
    weekly[day] = [
      { start: 9 * 60, end: 12 * 60 },
      { start: 13 * 60, end: 18 * 60 },
    ];
  }
  return {
    name,
    timeZone: DEFAULT_TIME_ZONE,
    weekly,
    skipHolidays: true,
    makeUpDayAs: null,
    overrides: [],
    isDefault: false,
  };
}

/**
 * Compact text for lists and cards: "Mon–Fri 09:00–12:00, 13:00–18:00 · Sat 10:15–11:45".
 * Weekdays with the same ranges share one entry; days without ranges are left out.
 */
export function weekSummary(group: Pick<CallTimeGroup, "weekly">, locale: Locale): string {
  const daysByRanges = new Map<string, IsoWeekday[]>();
  for (const day of ISO_WEEKDAYS) {
    const ranges = normalizeRanges(group.weekly[day] ?? []);
    if (ranges.length === 0) continue;
    const key = formatList(ranges.map(formatRange), locale);
    const days = daysByRanges.get(key);
    if (days) days.push(day);
    else daysByRanges.set(key, [day]);
  }
  if (daysByRanges.size === 0) return localize(text("group.noHours"), locale);
  const entries: string[] = [];
  for (const [ranges, days] of daysByRanges) entries.push(`${weekdayRuns(days, locale)} ${ranges}`);
  return entries.join(" · ");
}

/** The summary in both languages, for a page that passes it on to either. */
export function weekSummaryText(group: Pick<CallTimeGroup, "weekly">): LocalizedText {
  return inEachLocale((locale) => weekSummary(group, locale));
}

/** [1,2,3,5] → "Mon–Wed, Fri" / "周一至周三、周五". */
function weekdayRuns(days: IsoWeekday[], locale: Locale): string {
  const runs: string[] = [];
  let runStart = 0;
  for (let i = 1; i <= days.length; i++) {
    if (i < days.length && days[i] === days[i - 1] + 1) continue;
    const first = isoWeekdayText(days[runStart], "short");
    const last = isoWeekdayText(days[i - 1], "short");
    if (runStart === i - 1) runs.push(localize(first, locale));
    else if (runStart === i - 2) runs.push(formatList([localize(first, locale), localize(last, locale)], locale));
    else runs.push(localize(text("weekdays.run", { first, last }), locale));
    runStart = i;
  }
  return formatList(runs, locale);
}

// --- validation ------------------------------------------------------------------------------

export interface CallTimeGroupIssue {
  path: (string | number)[];
  message: LocalizedText;
}

export const ZMinuteRange = z
  .object({
    start: z.number().int().min(0).max(MINUTES_PER_DAY - 1),
    end: z.number().int().min(1).max(MINUTES_PER_DAY),
  })
  .refine((range) => range.start < range.end, { message: "A range must end after it starts", path: ["end"] });
export type TMinuteRange = z.infer<typeof ZMinuteRange>;

// The group schema checks only shapes field by field; every rule about ranges is checked per day
// by callTimeGroupIssues so that the message names the day ("Tuesday: …"), as STYLE.md habit 10 asks.
const ZRangeShape = z.object({ start: z.number(), end: z.number() });
// abort: a day over the bound stops validation there; the per-day rules never run on 20 000 ranges.
const ZDayRanges = z
  .array(ZRangeShape)
  .max(MAX_RANGES_PER_DAY, { error: `At most ${MAX_RANGES_PER_DAY} ranges a day`, abort: true })
  .default([]);

const ZCallTimeGroupShape = z.object({
  name: z.string().trim().max(1000),
  timeZone: z.string().trim().max(64).default(DEFAULT_TIME_ZONE),
  weekly: z.object({
    1: ZDayRanges,
    2: ZDayRanges,
    3: ZDayRanges,
    4: ZDayRanges,
    5: ZDayRanges,
    6: ZDayRanges,
    7: ZDayRanges,
  }),
  skipHolidays: z.boolean().default(true),
  makeUpDayAs: z.number().nullable().default(null),
  overrides: z
    .array(z.object({ date: z.string().trim().max(32), ranges: ZDayRanges }))
    .max(MAX_OVERRIDES, { error: `At most ${MAX_OVERRIDES} date overrides`, abort: true })
    .default([]),
  isDefault: z.boolean().default(false),
});
type CallTimeGroupShape = z.output<typeof ZCallTimeGroupShape>;

function labelled(label: LocalizedText, message: LocalizedText): LocalizedText {
  return text("labelled", { label, message });
}

function rangeIssues(ranges: readonly MinuteRange[], label: LocalizedText): LocalizedText[] {
  const messages: LocalizedText[] = [];
  const wellFormed: MinuteRange[] = [];
  for (const range of ranges) {
    if (messages.length >= MAX_ISSUES) return messages;
    const inDay =
      Number.isInteger(range.start) &&
      Number.isInteger(range.end) &&
      range.start >= 0 &&
      range.end <= MINUTES_PER_DAY;
    if (!inDay) {
      messages.push(labelled(label, text("group.notWholeMinutes")));
    } else if (range.start >= range.end) {
      messages.push(labelled(label, text("group.endBeforeStart", { range: formatRange(range) })));
    } else {
      wellFormed.push(range);
    }
  }
  wellFormed.sort((a, b) => a.start - b.start || a.end - b.end);
  // Compare each range with the one reaching furthest so far, so that a range nested in a long
  // one is reported even when a shorter range sits between them.
  let reach: MinuteRange | undefined;
  for (const range of wellFormed) {
    if (messages.length >= MAX_ISSUES) break;
    if (reach && range.start < reach.end) {
      messages.push(labelled(label, text("group.overlap", { first: formatRange(reach), second: formatRange(range) })));
    }
    if (!reach || range.end > reach.end) reach = range;
  }
  return messages;
}

function callTimeGroupIssues(group: CallTimeGroupShape): CallTimeGroupIssue[] {
  const issues: CallTimeGroupIssue[] = [];
  if (group.name.length === 0) {
    issues.push({ path: ["name"], message: text("group.nameRequired") });
  } else if (group.name.length > GROUP_NAME_MAX) {
    issues.push({ path: ["name"], message: text("group.nameTooLong", { max: GROUP_NAME_MAX }) });
  }
  if (!isValidTimeZone(group.timeZone)) {
    issues.push({ path: ["timeZone"], message: text("group.unknownZone", { zone: group.timeZone }) });
  }
  const makeUpDayAs = group.makeUpDayAs;
  if (makeUpDayAs !== null && !(Number.isInteger(makeUpDayAs) && makeUpDayAs >= 1 && makeUpDayAs <= 5)) {
    issues.push({ path: ["makeUpDayAs"], message: text("group.makeUpDayAs") });
  }
  for (const day of ISO_WEEKDAYS) {
    for (const message of rangeIssues(group.weekly[day], isoWeekdayText(day))) issues.push({ path: ["weekly", day], message });
  }
  if (issues.length >= MAX_ISSUES) return issues.slice(0, MAX_ISSUES);
  const seenDates = new Set<string>();
  group.overrides.forEach((override, index) => {
    if (issues.length >= MAX_ISSUES) return;
    const { date } = override;
    if (!isIsoDate(date)) {
      issues.push({ path: ["overrides", index, "date"], message: text("notADate", { date }) });
    } else if (seenDates.has(date)) {
      issues.push({ path: ["overrides", index, "date"], message: text("group.duplicateOverride", { date }) });
    }
    seenDates.add(date);
    for (const message of rangeIssues(override.ranges, sameText(date))) {
      issues.push({ path: ["overrides", index], message });
    }
  });
  return issues.slice(0, MAX_ISSUES);
}

function toCallTimeGroup(shape: CallTimeGroupShape): CallTimeGroup {
  const byStart = (ranges: MinuteRange[]) =>
    ranges.map((r) => ({ start: r.start, end: r.end })).sort((a, b) => a.start - b.start);
  const weekly = emptyWeek();
  for (const day of ISO_WEEKDAYS) weekly[day] = byStart(shape.weekly[day]);
  return {
    name: shape.name,
    timeZone: canonicalTimeZone(shape.timeZone) ?? shape.timeZone,
    weekly,
    skipHolidays: shape.skipHolidays,
    makeUpDayAs: shape.makeUpDayAs as CallTimeGroup["makeUpDayAs"],
    overrides: shape.overrides
      .map((o) => ({ date: o.date, ranges: byStart(o.ranges) }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    isDefault: shape.isDefault,
  };
}

/**
 * The group as a form or an API sends it. Output: a CallTimeGroup with each day's ranges sorted.
 * Messages are English; use validateCallTimeGroup for messages in both languages.
 */
export const ZCallTimeGroup = ZCallTimeGroupShape.superRefine((group, ctx) => {
  for (const issue of callTimeGroupIssues(group)) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message.en });
  }
}).transform(toCallTimeGroup);
export type TCallTimeGroup = z.output<typeof ZCallTimeGroup>;
export type TCallTimeGroupInput = z.input<typeof ZCallTimeGroup>;

export type CallTimeGroupValidation =
  | { ok: true; group: CallTimeGroup }
  | { ok: false; issues: CallTimeGroupIssue[] };

/** Same rules as ZCallTimeGroup, with every message in English and Chinese. */
export function validateCallTimeGroup(input: unknown): CallTimeGroupValidation {
  const parsed = ZCallTimeGroupShape.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, MAX_ISSUES).map(shapeIssue) };
  }
  const issues = callTimeGroupIssues(parsed.data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, group: toCallTimeGroup(parsed.data) };
}

/** A value of the wrong type (a string where a number belongs, …): say where, in both languages. */
function shapeIssue(issue: z.core.$ZodIssue): CallTimeGroupIssue {
  const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
  if (path[0] === "weekly" && typeof path[1] === "string" && /^[1-7]$/.test(path[1])) {
    const day = Number(path[1]) as IsoWeekday;
    if (issue.code === "too_big") return { path: ["weekly", day], message: labelled(isoWeekdayText(day), text("group.tooManyRanges", { max: MAX_RANGES_PER_DAY })) };
    return { path: ["weekly", day], message: text("invalidShape", { where: isoWeekdayText(day), detail: issue.message }) };
  }
  if (path[0] === "overrides" && path.length === 1 && issue.code === "too_big") {
    return { path, message: text("group.tooManyOverrides", { max: MAX_OVERRIDES }) };
  }
  return { path, message: text("invalidShape", { where: path.join("."), detail: issue.message }) };
}

/** A group with no hours on any weekday and no override that opens a date: tasks on it would never dial. */
export function dialsNever(group: Pick<CallTimeGroup, "weekly" | "overrides">): boolean {
  return Object.values(group.weekly).every((ranges) => ranges.length === 0) && group.overrides.every((o) => o.ranges.length === 0);
}
