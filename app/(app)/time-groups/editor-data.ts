// What both editor pages (new and [id]) give the editor besides the group itself.
import "server-only";
import { isIsoDate } from "@/lib/domain/call-time-group";
import { yearsBetween, type HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { calendarForYears, getHolidayCalendar } from "@/lib/server/services/holiday-calendar";

const DAY_MS = 86_400_000;

export interface EditorData {
  calendar: HolidayCalendar;
  /** The years `calendar` holds (known or not); the preview loads others when it shows them. */
  calendarYears: number[];
  zones: string[];
  now: string;
  previewFrom: string | null;
}

/** `from` is ?from=YYYY-MM-DD: preview another fortnight, e.g. National Day 2026. */
export async function editorData(from: string | string[] | undefined): Promise<EditorData> {
  const now = new Date();
  const previewFrom = typeof from === "string" && isIsoDate(from) ? from : null;
  // The opening fortnight from any zone's "today" (a day either side of UTC's) lies within these years; the
  // preview loads the years of any other month it is browsed to.
  const start = previewFrom ? Date.parse(`${previewFrom}T00:00:00Z`) : now.getTime();
  const calendarYears = yearsBetween(new Date(start - DAY_MS).toISOString(), new Date(start + 15 * DAY_MS).toISOString());
  const calendar = calendarForYears(await getHolidayCalendar(), calendarYears);
  return { calendar, calendarYears, zones: Intl.supportedValuesOf("timeZone"), now: now.toISOString(), previewFrom };
}
