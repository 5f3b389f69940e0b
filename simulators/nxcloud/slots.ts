// The simulator's own decoding of NXCloud's working time (docs/providers/nxcloud.md §1.7): dialAtWeekDay
// 1 = Monday … 7 = Sunday; dialAtUpHour h opens [h:00, h:30), dialAtDownHour h opens [h:30, h+1:00);
// zoneSecond a fixed offset from UTC. The dialing engine wants a call-time group, so that is what it gets.
import type { CallTimeGroup, IsoWeekday, MinuteRange } from "../../lib/domain/call-time-group";

export interface DialTime {
  zoneSecond: number;
  dialAtWeekDay: string;
  dialAtUpHour: string;
  dialAtDownHour: string;
}

function numbers(list: string): Set<number> {
  return new Set(
    list
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "")
      .map(Number),
  );
}

/** Fixed-offset IANA zones (no daylight saving) for offsets that are not whole hours. */
const HALF_HOUR_ZONES: Record<number, string> = {
  [-9.5 * 3600]: "Pacific/Marquesas",
  [3.5 * 3600]: "Asia/Tehran",
  [4.5 * 3600]: "Asia/Kabul",
  [5.5 * 3600]: "Asia/Kolkata",
  [5.75 * 3600]: "Asia/Kathmandu",
  [6.5 * 3600]: "Asia/Yangon",
  [8.75 * 3600]: "Australia/Eucla",
  [9.5 * 3600]: "Australia/Darwin",
};

/** A zone that is always `zoneSecond` from UTC, or null when the simulator knows none. */
export function zoneOf(zoneSecond: number): string | null {
  if (zoneSecond === 0) return "UTC";
  if (zoneSecond % 3600 === 0) {
    const hours = zoneSecond / 3600;
    // Etc/GMT zones have POSIX signs: Etc/GMT-8 is eight hours ahead of UTC.
    return `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
  }
  return HALF_HOUR_ZONES[zoneSecond] ?? null;
}

/** The 48 half-hour slots of a day as minute ranges, touching slots merged. */
function dayRanges(up: Set<number>, down: Set<number>): MinuteRange[] {
  const ranges: MinuteRange[] = [];
  for (let slot = 0; slot < 48; slot++) {
    const hour = Math.floor(slot / 2);
    const open = slot % 2 === 0 ? up.has(hour) : down.has(hour);
    if (!open) continue;
    const start = slot * 30;
    const last = ranges[ranges.length - 1];
    if (last && last.end === start) last.end = start + 30;
    else ranges.push({ start, end: start + 30 });
  }
  return ranges;
}

export function groupOfDialTime(dial: DialTime, name: string): CallTimeGroup {
  const ranges = dayRanges(numbers(dial.dialAtUpHour), numbers(dial.dialAtDownHour));
  const days = numbers(dial.dialAtWeekDay);
  const weekly = {} as Record<IsoWeekday, MinuteRange[]>;
  for (const day of [1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]) weekly[day] = days.has(day) ? ranges.map((r) => ({ ...r })) : [];
  return {
    name,
    timeZone: zoneOf(dial.zoneSecond) ?? "UTC",
    weekly,
    // NXCloud has no holiday or date rules: the slots apply every selected weekday.
    skipHolidays: false,
    makeUpDayAs: null,
    overrides: [],
    isDefault: false,
  };
}
