// Contract types for call-time groups (docs/design.md "Domain model"). The zod schema and
// validation live here too; the schedule engine is in ./schedule.ts.

import { domainText as text } from "./catalog";
import { formatList, inEachLocale, localize, type LocalizedText, type Locale } from "./text";
import { formatRange } from "./time-format";

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

/** A group with no hours on any weekday and no override that opens a date: tasks on it would never dial. */
export function dialsNever(group: Pick<CallTimeGroup, "weekly" | "overrides">): boolean {
  return Object.values(group.weekly).every((ranges) => ranges.length === 0) && group.overrides.every((o) => o.ranges.length === 0);
}
