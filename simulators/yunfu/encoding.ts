// How the platform reads a call-time group, as this simulator understands the documents
// (docs/providers/yunfu.md §5): `week` 0 is Monday (seed 000: "week": 0 //周一), times are "H:i" (both "9:00" and "09:00"),
// a slot never crosses midnight (begin < end, checked on save), China time, and skip_holiday follows the
// statutory calendar. The simulator's own decoding: it never uses the client's mapping.
import { emptyWeek, type CallTimeGroup, type IsoWeekday } from "../../lib/domain/call-time-group";
import { minutesOf, type DayContent } from "./protocol";
import type { SimGroup } from "./state";

/** week 0 = Monday … 6 = Sunday → ISO weekday. */
export const isoWeekday = (week: number) => (week + 1) as IsoWeekday;

/** The group as the dialing engine needs it. */
export function groupSchedule(group: SimGroup): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of group.content) {
    for (const t of day.times) {
      const start = minutesOf(t.begin_time);
      const end = minutesOf(t.end_time);
      if (start !== null && end !== null && start < end) weekly[isoWeekday(day.week)].push({ start, end });
    }
  }
  for (const ranges of Object.values(weekly)) ranges.sort((a, b) => a.start - b.start);
  return {
    name: group.name,
    timeZone: "Asia/Shanghai",
    weekly,
    skipHolidays: group.skip_holiday,
    makeUpDayAs: null,
    overrides: [],
    isDefault: group.is_default,
  };
}

/** A slot that is not "begin before end" in H:i, as the platform refuses it on save; null when all are fine. */
export function timesProblem(content: DayContent[]): string | null {
  for (const day of content) {
    for (const t of day.times) {
      const begin = minutesOf(t.begin_time);
      const end = minutesOf(t.end_time);
      if (begin === null || end === null) return `时间格式错误: ${begin === null ? t.begin_time : t.end_time}`;
      if (begin >= end) return `开始时间必须早于结束时间: ${t.begin_time}-${t.end_time}`;
    }
  }
  return null;
}
