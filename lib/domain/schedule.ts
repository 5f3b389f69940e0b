// The call-time schedule engine (docs/design.md "Domain model"): when a call-time group allows dialling.
//
// A group's ranges are wall-clock minutes in its IANA zone. Wall times are turned into instants
// the way Temporal's disambiguation "compatible" does: a time inside a DST gap moves forward by
// the gap, a time that happens twice takes the earlier instant. Windows are half-open [start, end).
//
// Calendars and groups are treated as values: the engine caches an index per calendar object, so
// change a calendar by making a new one (holidays.ts mergeArrangement), never in place.

import { tzOffset } from "@date-fns/tz";
import { isValidTimeZone, normalizeRanges, type CallTimeGroup, type IsoWeekday, type MinuteRange } from "./call-time-group";
import type { HolidayCalendar, HolidayDay, HolidayKind } from "./holiday-calendar";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** nextWindow looks this many local days ahead before giving up. */
export const SEARCH_HORIZON_DAYS = 366;

export interface CallWindow {
  start: Date;
  end: Date;
}

/** Which rule decided a day: the preview shows it next to the day. */
export type DayRule = "weekly" | "holiday" | "makeUpWorkday" | "override" | "unknownYear" | "closed";

export interface DaySchedule {
  /** Local date in the group's zone, YYYY-MM-DD. */
  date: string;
  weekday: IsoWeekday;
  rule: DayRule;
  /** What the calendar says about the date, whether or not the group skips holidays. */
  holidayKind?: HolidayKind;
  /** e.g. "National Day,国庆节". */
  holidayName?: string;
  /** The local ranges dialled that day. */
  ranges: MinuteRange[];
  /** Those ranges as instants, clipped to the requested period. */
  windows: CallWindow[];
}

// --- local dates as day numbers (days since 1970-01-01) ------------------------------------------

function civilFromDay(day: number): [year: number, month: number, dayOfMonth: number] {
  // Howard Hinnant's days → civil algorithm: pure arithmetic, no Date allocation per day.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth];
}

function yearOfDay(day: number): number {
  // civilFromDay's arithmetic up to the year, without allocating; the March-based year turns into
  // the next calendar year from day 306 (1 January).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  return yearOfEra + era * 400 + (dayOfYear >= 306 ? 1 : 0);
}

function dayFromDateKey(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dateKeyOfDay(day: number): string {
  const [year, month, dayOfMonth] = civilFromDay(day);
  return `${year}-${month < 10 ? "0" : ""}${month}-${dayOfMonth < 10 ? "0" : ""}${dayOfMonth}`;
}

function weekdayOfDay(day: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1 as IsoWeekday;
}

// --- a zone's UTC offsets ----------------------------------------------------------------------

const CHUNK_DAYS = 32;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;

interface OffsetChunk {
  initial: number;
  transitions: { at: number; offset: number }[];
}

/**
 * UTC offsets of one zone. Asking Intl for every conversion costs microseconds, so the offsets are
 * sampled once per day over 32-day chunks and each change is located to the minute; afterwards a
 * conversion is arithmetic. (A zone changing its offset twice within one day would be missed.)
 */
class ZoneClock {
  private readonly chunks = new Map<number, OffsetChunk>();
  // Walks go day by day, so the chunk asked for is nearly always the one asked for last.
  private lastIndex = NaN;
  private lastChunk: OffsetChunk = { initial: 0, transitions: [] };

  constructor(private readonly zone: string) {}

  private chunkAt(ms: number): OffsetChunk {
    const index = Math.floor(ms / CHUNK_MS);
    if (index === this.lastIndex) return this.lastChunk;
    let chunk = this.chunks.get(index);
    if (!chunk) {
      chunk = this.scan(index);
      this.chunks.set(index, chunk);
    }
    this.lastIndex = index;
    this.lastChunk = chunk;
    return chunk;
  }

  /** Offset in minutes (UTC+8 → 480) in force at the instant. */
  offsetAt(ms: number): number {
    const chunk = this.chunkAt(ms);
    let offset = chunk.initial;
    for (const transition of chunk.transitions) {
      if (ms < transition.at) break;
      offset = transition.offset;
    }
    return offset;
  }

  /**
   * The offset when it holds unchanged from two days before until two days after the local day,
   * as on all but a few days a year; then every wall time of the day converts with it alone, the
   * same result instant() would give. Null near a change of offset.
   */
  steadyOffset(day: number): number | null {
    // The span is 5 days, shorter than a chunk, so the two chunks are the same or adjacent.
    const first = this.chunkAt((day - 2) * DAY_MS);
    const last = this.chunkAt((day + 3) * DAY_MS);
    if (first.transitions.length > 0 || last.transitions.length > 0 || first.initial !== last.initial) return null;
    return first.initial;
  }

  /** The local day number of an instant. */
  localDay(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms) * MINUTE_MS) / DAY_MS);
  }

  /** The instant of a local wall time (`minute` may be 1440, i.e. the next midnight). */
  instant(day: number, minute: number): number {
    const wall = day * DAY_MS + minute * MINUTE_MS;
    const offsetBefore = this.offsetAt(wall - DAY_MS);
    const offsetAfter = this.offsetAt(wall + DAY_MS);
    const withOffsetBefore = wall - offsetBefore * MINUTE_MS;
    if (offsetBefore === offsetAfter) return withOffsetBefore;
    const withOffsetAfter = wall - offsetAfter * MINUTE_MS;
    const beforeFits = this.offsetAt(withOffsetBefore) === offsetBefore;
    const afterFits = this.offsetAt(withOffsetAfter) === offsetAfter;
    if (beforeFits && afterFits) return Math.min(withOffsetBefore, withOffsetAfter);
    if (afterFits) return withOffsetAfter;
    // Either the wall time fits the earlier offset, or it lies in a gap: read with the offset in
    // force before the gap, it lands after the gap, moved forward by the gap's length.
    return withOffsetBefore;
  }

  private sample(ms: number): number {
    return tzOffset(this.zone, new Date(ms));
  }

  private scan(index: number): OffsetChunk {
    const start = index * CHUNK_MS;
    const initial = this.sample(start);
    const transitions: OffsetChunk["transitions"] = [];
    let previous = initial;
    for (let i = 1; i <= CHUNK_DAYS; i++) {
      const sampledAt = start + i * DAY_MS;
      const offset = this.sample(sampledAt);
      if (offset === previous) continue;
      let unchanged = sampledAt - DAY_MS;
      let changed = sampledAt;
      while (changed - unchanged > MINUTE_MS) {
        const middle = unchanged + Math.floor((changed - unchanged) / MINUTE_MS / 2) * MINUTE_MS;
        if (this.sample(middle) === previous) unchanged = middle;
        else changed = middle;
      }
      transitions.push({ at: changed, offset });
      previous = offset;
    }
    return { initial, transitions };
  }
}

const clocks = new Map<string, ZoneClock>();

function clockFor(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
    clock = new ZoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

// --- a group and a calendar, ready for day-by-day evaluation -------------------------------------

interface CalendarIndex {
  byDay: Map<number, HolidayDay>;
  coveredYears: Set<number>;
}

const calendarIndexes = new WeakMap<HolidayCalendar, CalendarIndex>();

function indexCalendar(calendar: HolidayCalendar): CalendarIndex {
  let index = calendarIndexes.get(calendar);
  if (!index) {
    const byDay = new Map<number, HolidayDay>();
    for (const [date, day] of Object.entries(calendar.days)) byDay.set(dayFromDateKey(date), day);
    index = { byDay, coveredYears: new Set(calendar.coveredYears) };
    calendarIndexes.set(calendar, index);
  }
  return index;
}

interface Schedule {
  clock: ZoneClock;
  /** Indexed by ISO weekday 1..7, normalised. */
  weekly: MinuteRange[][];
  /** The plan of a date the calendar says nothing about, by weekday, shared to spare an allocation per day. */
  ordinaryDays: DayPlan[];
  unknownYearDays: DayPlan[];
  overrides: Map<number, MinuteRange[]>;
  skipHolidays: boolean;
  makeUpDayAs: IsoWeekday | null;
  calendar: CalendarIndex;
}

function compile(group: CallTimeGroup, calendar: HolidayCalendar): Schedule {
  const weekly: MinuteRange[][] = [[]];
  for (let day = 1; day <= 7; day++) weekly.push(normalizeRanges(group.weekly[day as IsoWeekday] ?? []));
  const overrides = new Map<number, MinuteRange[]>();
  for (const override of group.overrides) overrides.set(dayFromDateKey(override.date), normalizeRanges(override.ranges));
  const ordinaryDays: DayPlan[] = weekly.map((ranges) => ({
    rule: ranges.length > 0 ? "weekly" : "closed",
    ranges,
    calendarDay: undefined,
  }));
  const unknownYearDays: DayPlan[] = weekly.map((ranges) => ({ rule: "unknownYear", ranges, calendarDay: undefined }));
  return {
    clock: clockFor(group.timeZone),
    weekly,
    ordinaryDays,
    unknownYearDays,
    overrides,
    skipHolidays: group.skipHolidays,
    makeUpDayAs: group.makeUpDayAs,
    calendar: indexCalendar(calendar),
  };
}

interface DayPlan {
  rule: DayRule;
  ranges: MinuteRange[];
  calendarDay: HolidayDay | undefined;
}

const WORKING_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5];

/**
 * Whose hours a make-up workday (调休) dials with: the weekday the group names, else the day's own weekday's
 * when it has hours, else those of the first working weekday (Mon–Fri) that has any. A make-up Saturday is
 * a working day, so a Mon–Fri group dials it with its weekday hours by default (issue 15 point 11); a group
 * that sets hours for that weekday keeps them. Null when no weekday has hours at all.
 */
export function makeUpWeekday(
  weekly: Readonly<Record<IsoWeekday, readonly MinuteRange[]>> | readonly (readonly MinuteRange[])[],
  makeUpDayAs: IsoWeekday | null,
  weekday: IsoWeekday,
): IsoWeekday | null {
  const hours = (day: IsoWeekday) => (weekly as Record<number, readonly MinuteRange[] | undefined>)[day] ?? [];
  if (makeUpDayAs !== null) return makeUpDayAs;
  if (hours(weekday).length > 0) return weekday;
  return WORKING_WEEKDAYS.find((day) => hours(day).length > 0) ?? null;
}

/**
 * docs/design.md day rule: a date override beats everything; with skipHolidays a statutory holiday is
 * closed and a make-up workday dials the ranges of makeUpWeekday(); otherwise the weekday's ranges.
 * Without calendar data for the year the weekly ranges apply, flagged.
 */
function planDay(schedule: Schedule, day: number): DayPlan {
  const calendarDay = schedule.calendar.byDay.get(day);
  const override = schedule.overrides.get(day);
  if (override) return { rule: "override", ranges: override, calendarDay };
  const weekday = weekdayOfDay(day);
  if (schedule.skipHolidays) {
    if (!schedule.calendar.coveredYears.has(yearOfDay(day))) return schedule.unknownYearDays[weekday];
    if (calendarDay?.kind === "holiday") return { rule: "holiday", ranges: [], calendarDay };
    if (calendarDay?.kind === "makeUpWorkday") {
      const as = makeUpWeekday(schedule.weekly, schedule.makeUpDayAs, weekday);
      return { rule: "makeUpWorkday", ranges: as === null ? [] : schedule.weekly[as], calendarDay };
    }
  }
  if (!calendarDay) return schedule.ordinaryDays[weekday];
  const ranges = schedule.weekly[weekday];
  return { rule: ranges.length > 0 ? "weekly" : "closed", ranges, calendarDay };
}

/**
 * Walks local days from `firstDay`, merging windows that touch (also across midnight), and hands
 * each merged window to `visit` in order; `visit` returns true to stop. Starting one day early
 * catches a previous day's window that ends after midnight because 24:00 fell in a DST gap.
 */
function walkWindows(
  schedule: Schedule,
  firstDay: number,
  lastDay: number,
  visit: (start: number, end: number) => boolean,
): void {
  let start = NaN;
  let end = NaN;
  const { clock } = schedule;
  for (let day = firstDay; day <= lastDay; day++) {
    const ranges = planDay(schedule, day).ranges;
    if (ranges.length === 0) continue;
    const offset = clock.steadyOffset(day);
    const midnight = day * DAY_MS - (offset ?? 0) * MINUTE_MS;
    for (const range of ranges) {
      const rangeStart = offset === null ? clock.instant(day, range.start) : midnight + range.start * MINUTE_MS;
      const rangeEnd = offset === null ? clock.instant(day, range.end) : midnight + range.end * MINUTE_MS;
      if (rangeEnd <= rangeStart) continue; // the whole range lies in a DST gap
      if (rangeStart <= end) {
        if (rangeEnd > end) end = rangeEnd;
        continue;
      }
      if (!Number.isNaN(start) && visit(start, end)) return;
      start = rangeStart;
      end = rangeEnd;
    }
  }
  if (!Number.isNaN(start)) visit(start, end);
}

// --- the engine's API --------------------------------------------------------------------------

/** True when the group allows dialling at the instant. */
export function isCallable(group: CallTimeGroup, at: Date, calendar: HolidayCalendar): boolean {
  const schedule = compile(group, calendar);
  const t = at.getTime();
  const today = schedule.clock.localDay(t);
  for (let day = today - 1; day <= today; day++) {
    for (const range of planDay(schedule, day).ranges) {
      if (schedule.clock.instant(day, range.start) <= t && t < schedule.clock.instant(day, range.end)) return true;
    }
  }
  return false;
}

/**
 * The window containing `from` (starting at `from`) or else the next one, looking
 * SEARCH_HORIZON_DAYS local days ahead; null if the group never opens in that time. A group that
 * stays open past the horizon gets a window ending at the horizon.
 */
export function nextWindow(group: CallTimeGroup, from: Date, calendar: HolidayCalendar): CallWindow | null {
  const schedule = compile(group, calendar);
  const fromMs = from.getTime();
  const today = schedule.clock.localDay(fromMs);
  let found: CallWindow | null = null;
  walkWindows(schedule, today - 1, today + SEARCH_HORIZON_DAYS, (start, end) => {
    if (end <= fromMs) return false;
    found = { start: new Date(Math.max(start, fromMs)), end: new Date(end) };
    return true;
  });
  return found;
}

/** Every dialling window in [from, to), merged where they touch and clipped to the period. */
export function windows(group: CallTimeGroup, from: Date, to: Date, calendar: HolidayCalendar): CallWindow[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(fromMs < toMs)) return [];
  const schedule = compile(group, calendar);
  const result: CallWindow[] = [];
  walkWindows(schedule, schedule.clock.localDay(fromMs) - 1, schedule.clock.localDay(toMs), (start, end) => {
    if (start >= toMs) return true;
    if (end > fromMs) result.push({ start: new Date(Math.max(start, fromMs)), end: new Date(Math.min(end, toMs)) });
    return false;
  });
  return result;
}

/** Each local date in the group's zone that [from, to) touches, with the rule that decided it. */
export function describeDays(group: CallTimeGroup, from: Date, to: Date, calendar: HolidayCalendar): DaySchedule[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(fromMs < toMs)) return [];
  const schedule = compile(group, calendar);
  const { clock } = schedule;
  const days: DaySchedule[] = [];
  for (let day = clock.localDay(fromMs), last = clock.localDay(toMs - 1); day <= last; day++) {
    const plan = planDay(schedule, day);
    const dayWindows: CallWindow[] = [];
    for (const range of plan.ranges) {
      const start = Math.max(clock.instant(day, range.start), fromMs);
      const end = Math.min(clock.instant(day, range.end), toMs);
      if (start < end) dayWindows.push({ start: new Date(start), end: new Date(end) });
    }
    days.push({
      date: dateKeyOfDay(day),
      weekday: weekdayOfDay(day),
      rule: plan.rule,
      ...(plan.calendarDay ? { holidayKind: plan.calendarDay.kind, holidayName: plan.calendarDay.name } : {}),
      ranges: plan.ranges.map((range) => ({ start: range.start, end: range.end })),
      windows: dayWindows,
    });
  }
  return days;
}
