// Contract type for a holiday calendar (DESIGN.md "Holiday calendar"). Pure data so it can be
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
