// Functions over the CN holiday calendar (docs/design.md "Holiday calendar"). The data type is in
// ./holiday-calendar.ts; the schedule engine reads calendars in ./schedule.ts.

// docs/providers/research.md §5: read chinese-days' data file, never its date functions (they fall back to
// Mon–Fri for years they do not know and count ordinary weekends as holidays).
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { z } from "zod";
import { domainText as text } from "./catalog";
import { isIsoDate } from "./call-time-group";
import type { HolidayCalendar, HolidayDay, HolidayKind } from "./holiday-calendar";
import { type LocalizedText } from "./text";


export type DayKind = HolidayKind | "normal" | "unknown";

export interface DayInfo {
  kind: DayKind;
  /** e.g. "National Day,国庆节"; present for holidays and make-up workdays. */
  name?: string;
}

/** One day of a year's arrangement, as parseYearArrangement returns it. */
export interface ArrangementDay extends HolidayDay {
  date: string;
}

export interface ArrangementIssue {
  path: (string | number)[];
  message: LocalizedText;
}

export type YearArrangementParse =
  | { ok: true; year: number; days: ArrangementDay[] }
  | { ok: false; issues: ArrangementIssue[] };

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

// chinese-days values read "National Day,国庆节,3": English name, Chinese name, then the number of
// extra days that year (docs/providers/research.md §5). The count is not part of the holiday's name.
function nameWithoutDayCount(value: string): string {
  return value.split(",").slice(0, 2).join(",");
}

let packageCalendar: HolidayCalendar | undefined;

/**
 * The CN calendar shipped in chinese-days 1.5.7: statutory holidays and make-up workdays for the
 * years it has data for (2004–2026). Other years stay uncovered, so they read as "unknown".
 * The result is frozen and shared; derive a changed calendar with mergeArrangement.
 */
export function cnCalendarFromPackage(): HolidayCalendar {
  if (packageCalendar) return packageCalendar;
  const source = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const days: Record<string, HolidayDay> = {};
  const years = new Set<number>();
  for (const [date, value] of Object.entries(source.holidays)) {
    days[date] = Object.freeze({ kind: "holiday", name: nameWithoutDayCount(value) });
    years.add(yearOf(date));
  }
  for (const [date, value] of Object.entries(source.workdays)) {
    days[date] = Object.freeze({ kind: "makeUpWorkday", name: nameWithoutDayCount(value) });
    years.add(yearOf(date));
  }
  packageCalendar = Object.freeze({
    region: "CN",
    coveredYears: Object.freeze([...years].sort((a, b) => a - b)) as number[],
    days: Object.freeze(days),
  });
  return packageCalendar;
}

/** What the calendar says about a local date: a holiday, a make-up workday, normal, or unknown (year not covered). */
export function dayInfo(calendar: HolidayCalendar, date: string): DayInfo {
  if (!calendar.coveredYears.includes(yearOf(date))) return { kind: "unknown" };
  const day = calendar.days[date];
  return day ? { kind: day.kind, name: day.name } : { kind: "normal" };
}

export { holidayNameText } from "./holiday-names";

// --- importing a new year's arrangement --------------------------------------------------------

const ZArrangementShape = z.object({
  year: z.number().int().min(1949).max(2200),
  holidays: z.array(z.object({ name: z.string().trim(), from: z.string().trim(), to: z.string().trim() })),
  makeUpWorkdays: z.array(z.object({ name: z.string().trim(), date: z.string().trim() })).default([]),
});
type ArrangementShape = z.output<typeof ZArrangementShape>;

function* datesFromTo(from: string, to: string): Generator<string> {
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= last; t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

function arrangementIssues(input: ArrangementShape): { issues: ArrangementIssue[]; days: ArrangementDay[] } {
  const { year } = input;
  const issues: ArrangementIssue[] = [];
  const byDate = new Map<string, ArrangementDay>();

  const checkDate = (date: string, path: (string | number)[]): boolean => {
    if (!isIsoDate(date)) {
      issues.push({ path, message: text("notADate", { date }) });
      return false;
    }
    if (yearOf(date) !== year) {
      issues.push({ path, message: text("holidays.notInYear", { date, year: String(year) }) });
      return false;
    }
    return true;
  };
  const checkName = (name: string, path: (string | number)[]): void => {
    if (name.length === 0 || name.length > 80) {
      issues.push({ path, message: text("holidays.name") });
    }
  };

  if (input.holidays.length === 0) {
    // docs/providers/research.md addendum §5: a not-yet-published year appears as an empty placeholder file.
    issues.push({ path: ["holidays"], message: text("holidays.noneListed", { year: String(year) }) });
  }
  input.holidays.forEach((holiday, index) => {
    checkName(holiday.name, ["holidays", index, "name"]);
    const fromOk = checkDate(holiday.from, ["holidays", index, "from"]);
    const toOk = checkDate(holiday.to, ["holidays", index, "to"]);
    if (!fromOk || !toOk) return;
    if (holiday.from > holiday.to) {
      issues.push({ path: ["holidays", index, "to"], message: text("holidays.endBeforeStart", { from: holiday.from, to: holiday.to }) });
      return;
    }
    for (const date of datesFromTo(holiday.from, holiday.to)) {
      if (byDate.has(date)) {
        issues.push({ path: ["holidays", index], message: text("holidays.inTwoHolidays", { date }) });
      } else {
        byDate.set(date, { date, kind: "holiday", name: holiday.name });
      }
    }
  });
  input.makeUpWorkdays.forEach((workday, index) => {
    checkName(workday.name, ["makeUpWorkdays", index, "name"]);
    if (!checkDate(workday.date, ["makeUpWorkdays", index, "date"])) return;
    const existing = byDate.get(workday.date);
    if (existing) {
      issues.push({
        path: ["makeUpWorkdays", index, "date"],
        message: text(existing.kind === "holiday" ? "holidays.holidayAndWorkday" : "holidays.listedTwice", { date: workday.date }),
      });
      return;
    }
    byDate.set(workday.date, { date: workday.date, kind: "makeUpWorkday", name: workday.name });
  });
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { issues, days };
}

/**
 * A year's arrangement as an administrator imports it, e.g.
 * `{ year: 2027, holidays: [{ name: "Spring Festival,春节", from: "2027-02-05", to: "2027-02-11" }],
 *    makeUpWorkdays: [{ name: "Spring Festival,春节", date: "2027-02-13" }] }`.
 * English messages; parseYearArrangement gives both languages and the resulting days.
 */
export const ZYearArrangement = ZArrangementShape.superRefine((input, ctx) => {
  for (const issue of arrangementIssues(input).issues) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message.en });
  }
});
export type TYearArrangement = z.output<typeof ZYearArrangement>;

/** Validates an arrangement (JSON text or an object) and lists its days, sorted by date. */
export function parseYearArrangement(input: unknown): YearArrangementParse {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, issues: [{ path: [], message: text("holidays.notJson") }] };
    }
  }
  const parsed = ZArrangementShape.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        return {
          path: issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
          message: text("invalidShape", { where: issue.path.map(String).join("."), detail: issue.message }),
        };
      }),
    };
  }
  const { issues, days } = arrangementIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, year: parsed.data.year, days };
}

/** A new calendar that covers `year` with exactly `days` (any earlier data for that year is replaced). */
export function mergeArrangement(
  calendar: HolidayCalendar,
  year: number,
  days: readonly ArrangementDay[],
): HolidayCalendar {
  const merged: Record<string, HolidayDay> = {};
  for (const [date, day] of Object.entries(calendar.days)) {
    if (yearOf(date) !== year) merged[date] = day;
  }
  for (const day of days) {
    if (yearOf(day.date) !== year) throw new RangeError(`${day.date} is not in ${year}`);
    merged[day.date] = { kind: day.kind, name: day.name };
  }
  const coveredYears = [...new Set([...calendar.coveredYears, year])].sort((a, b) => a - b);
  return { region: calendar.region, coveredYears, days: merged };
}
