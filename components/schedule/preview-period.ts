// Which days the group preview shows: the fortnight it opens on, or a whole month the user browsed to.
// Dates are local dates of the group's zone (YYYY-MM-DD), computed on UTC dates so no zone shifts them.

export type PreviewView = { kind: "fortnight" } | { kind: "month"; month: string /* YYYY-MM */ };

export interface PreviewPeriod {
  first: string;
  last: string;
  days: number;
}

const DAY_MS = 86_400_000;
export const FORTNIGHT_DAYS = 14;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function previewPeriod(view: PreviewView, firstDay: string): PreviewPeriod {
  if (view.kind === "fortnight") {
    const start = Date.parse(`${firstDay}T00:00:00Z`);
    return { first: firstDay, last: isoDate(start + (FORTNIGHT_DAYS - 1) * DAY_MS), days: FORTNIGHT_DAYS };
  }
  const [y, m] = view.month.split("-").map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${view.month}-01`, last: `${view.month}-${String(days).padStart(2, "0")}`, days };
}

/** "2026-12" shifted by `by` months: shiftMonth("2026-12", 1) = "2027-01". */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}
