// Holiday names as the calendar stores them, for pages. Kept apart from ./holidays.ts, which imports
// chinese-days' whole data file: a page that only names a holiday must not download every year's arrangement.
import type { LocalizedText } from "./call-time-group";

/** "National Day,国庆节" → { en: "National Day", zh: "国庆节" }; a name without a comma is used for both. */
export function holidayNameText(name: string): LocalizedText {
  const [en, zh] = name.split(",");
  return { en: en.trim(), zh: (zh ?? en).trim() };
}
