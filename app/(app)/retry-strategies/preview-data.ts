// What the timeline preview needs from the server: the call-time groups to pick from, the holiday
// calendar of the years around the render time (the default first call is the next working day after it;
// the timeline loads the years of any other first call and its retries itself) and that render time.
import type { PreviewGroup } from "./retry-timeline";
import { defaultCallTimeGroup } from "@/lib/domain/call-time-group";
import type { HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { listCallTimeGroups } from "@/lib/server/services/call-time-groups";
import { calendarForYears, getHolidayCalendar } from "@/lib/server/services/holiday-calendar";

const EXAMPLE_GROUP_ID = "example-office-hours";

export async function loadPreviewData(exampleName: string): Promise<{ groups: PreviewGroup[]; calendar: HolidayCalendar; calendarYears: number[]; now: string }> {
  const [stored, calendar] = await Promise.all([listCallTimeGroups(), getHolidayCalendar()]);
  const now = new Date();
  // The example is always offered, so a strategy can be previewed before any group exists and
  // against the same plain office hours everywhere.
  const example: PreviewGroup = { ...defaultCallTimeGroup(exampleName), id: EXAMPLE_GROUP_ID };
  const groups: PreviewGroup[] = [...stored.map(({ taskCount: _taskCount, ...group }) => group), example];
  // The browser starts with the years of the default first call; RetryTimeline fetches the others it shows.
  const year = now.getUTCFullYear();
  const calendarYears = [year, year + 1];
  return { groups, calendar: calendarForYears(calendar, calendarYears), calendarYears, now: now.toISOString() };
}
