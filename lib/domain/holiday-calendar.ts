// Contract type for a holiday calendar (docs/design.md "Holiday calendar"). Pure data so it can be
// stored in the DB and passed to the schedule engine. Functions over it live in ./holidays.ts.

export type HolidayKind = "holiday" | "makeUpWorkday";

export interface HolidayDay {
  kind: HolidayKind;
  /** e.g. "National Day,国庆节" */
  name: string;
}

export interface HolidayCalendar {
  region: "CN";
  /** Years whose arrangement is known. A date in any other year is "unknown", never "normal". */
  coveredYears: number[];
  /** Keyed by local date YYYY-MM-DD. Only statutory holidays and make-up workdays; ordinary weekends are absent. */
  days: Record<string, HolidayDay>;
}

/** The most years one request for holiday data may ask for (a month or a retry timeline spans two). */
export const HOLIDAY_YEARS_MAX = 6;
/** Years a calendar request may name; outside them nothing is worth a lookup. */
export const HOLIDAY_YEAR_MIN = 1900;
export const HOLIDAY_YEAR_MAX = 2200;

/**
 * `base` with the years of `loaded` added (a browser holds only the years it has looked at). A year listed in
 * `loadedYears` but not covered by `loaded` is unknown, and stays unknown in the result.
 */
export function withYears(base: HolidayCalendar, loaded: HolidayCalendar, loadedYears: readonly number[]): HolidayCalendar {
  const replaced = new Set(loadedYears.map(String));
  const days: Record<string, HolidayDay> = {};
  for (const [date, day] of Object.entries(base.days)) if (!replaced.has(date.slice(0, 4))) days[date] = day;
  for (const [date, day] of Object.entries(loaded.days)) if (replaced.has(date.slice(0, 4))) days[date] = day;
  const covered = new Set(base.coveredYears.filter((y) => !loadedYears.includes(y)));
  for (const y of loaded.coveredYears) if (loadedYears.includes(y)) covered.add(y);
  return { region: base.region, coveredYears: [...covered].sort((a, b) => a - b), days };
}

/** The calendar years between two local dates (YYYY-MM-DD or any string starting with the year), both included. */
export function yearsBetween(from: string | number, to: string | number): number[] {
  const first = typeof from === "number" ? from : Number(from.slice(0, 4));
  const last = typeof to === "number" ? to : Number(to.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last && years.length < HOLIDAY_YEARS_MAX; y++) years.push(y);
  return years;
}
