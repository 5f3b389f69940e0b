// What both editor pages (new and [id]) give the editor besides the group itself.
import "server-only";
import { isIsoDate } from "@/lib/domain/call-time-group";
import type { HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { calendarForYears, getHolidayCalendar } from "@/lib/server/services/holiday-calendar";

export interface EditorData {
  calendar: HolidayCalendar;
  zones: string[];
  now: string;
  previewFrom: string | null;
}

/** `from` is ?from=YYYY-MM-DD: preview another fortnight, e.g. National Day 2026. */
export async function editorData(from: string | string[] | undefined): Promise<EditorData> {
  const now = new Date();
  const previewFrom = typeof from === "string" && isIsoDate(from) ? from : null;
  const year = previewFrom ? Number(previewFrom.slice(0, 4)) : now.getUTCFullYear();
  // Fourteen days from any zone's "today" stay within these years; the browser gets only them.
  const calendar = calendarForYears(await getHolidayCalendar(), [year - 1, year, year + 1]);
  return { calendar, zones: Intl.supportedValuesOf("timeZone"), now: now.toISOString(), previewFrom };
}
