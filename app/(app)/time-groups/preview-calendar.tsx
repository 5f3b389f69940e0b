"use client";
// The next days as the engine sees them (describeDays): when dialling is allowed each day, which
// rule decided it (weekly hours, a holiday, a make-up workday, an override), in the group's zone
// and, when the viewer is elsewhere, in the viewer's zone too. A year the calendar does not know
// is called out, because its holidays are not skipped.
import { useLocale, useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";
import { formatRange, isoWeekdayName, type CallTimeGroup } from "@/lib/domain/call-time-group";
import type { HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { holidayNameText } from "@/lib/domain/holiday-names";
import { describeDays, type CallWindow, type DaySchedule } from "@/lib/domain/schedule";
import { localize, type Locale } from "@/i18n/locales";
import { formatList } from "@/lib/domain/text";

const DAY_MS = 86_400_000;

function ruleText(
  day: DaySchedule,
  group: CallTimeGroup,
  t: (key: string, values?: Record<string, string>) => string,
  locale: Locale,
): string {
  const holiday = day.holidayName ? localize(holidayNameText(day.holidayName), locale) : "";
  switch (day.rule) {
    case "holiday":
      return t("preview.rule.holiday", { name: holiday });
    case "makeUpWorkday":
      return t("preview.rule.makeUp", { name: holiday, day: isoWeekdayName(group.makeUpDayAs ?? day.weekday, locale) });
    case "override":
      return t("preview.rule.override");
    case "unknownYear":
      return t("preview.rule.unknownYear", { year: day.date.slice(0, 4) });
    case "closed":
    case "weekly":
      if (day.holidayKind === "holiday") return t("preview.rule.holidayNotSkipped", { name: holiday });
      if (day.holidayKind === "makeUpWorkday") return t("preview.rule.makeUpNotUsed", { name: holiday });
      return day.rule === "weekly" ? t("preview.rule.weekly") : t("preview.rule.closed");
  }
}

function viewerWindows(windows: CallWindow[], zone: string, locale: Locale): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "short" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return formatList(
    windows.map((w) => `${day.format(w.start)} ${time.format(w.start)}–${time.format(w.end)}`),
    locale,
  );
}

export function PreviewCalendar({
  group,
  calendar,
  from,
  days = 14,
  viewerZone,
}: {
  group: CallTimeGroup;
  calendar: HolidayCalendar;
  /** Local midnight, in the group's zone, of the first day shown. */
  from: Date;
  days?: number;
  /** The browser's zone once known; shown only when it differs from the group's. */
  viewerZone: string | null;
}) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  // The end is a few hours past the last day, then cut to `days` dates, so a DST day does not drop the last one.
  const schedule = describeDays(group, from, new Date(from.getTime() + days * DAY_MS), calendar).slice(0, days);
  const unknownYears = [...new Set(schedule.filter((d) => d.rule === "unknownYear").map((d) => d.date.slice(0, 4)))];
  const showViewer = viewerZone !== null && viewerZone !== group.timeZone;
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric" });
  return (
    <div className="space-y-3">
      {unknownYears.length > 0 ? (
        <Notice tone="warning">
          <span data-testid="preview-unknown-year">{t("preview.unknownYears", { years: unknownYears.join(", ") })}</span>
        </Notice>
      ) : null}
      <p className="text-xs text-slate-600">
        {showViewer ? t("preview.zones", { group: group.timeZone, viewer: viewerZone }) : t("preview.zone", { zone: group.timeZone })}
      </p>
      <ol className="grid gap-2 sm:grid-cols-2 xl:grid-cols-7" data-testid="preview">
        {schedule.map((day) => {
          const open = day.ranges.length > 0;
          const special = day.rule === "holiday" || day.rule === "makeUpWorkday" || day.rule === "override" || day.rule === "unknownYear";
          return (
            <li
              key={day.date}
              data-testid={`preview-${day.date}`}
              data-rule={day.rule}
              className={`rounded-md p-2 text-sm ring-1 ${
                day.rule === "holiday"
                  ? "bg-red-50 ring-red-200"
                  : day.rule === "makeUpWorkday"
                    ? "bg-amber-50 ring-amber-200"
                    : day.rule === "unknownYear"
                      ? "bg-amber-50 ring-amber-300"
                      : "bg-white ring-slate-200"
              }`}
            >
              <p className="font-medium text-slate-900">
                <time dateTime={day.date}>
                  {isoWeekdayName(day.weekday, locale, "short")} {dateFormat.format(new Date(`${day.date}T00:00:00Z`))}
                </time>
              </p>
              <p className={`text-xs ${special ? "font-medium text-slate-800" : "text-slate-600"}`}>{ruleText(day, group, t, locale)}</p>
              <p className={`mt-1 tabular-nums ${open ? "text-slate-900" : "text-slate-600"}`}>
                {open ? formatList(day.ranges.map(formatRange), locale) : t("preview.closed")}
              </p>
              {showViewer && day.windows.length > 0 ? (
                <p className="mt-0.5 text-xs tabular-nums text-slate-600">
                  {t("preview.yourTime", { windows: viewerWindows(day.windows, viewerZone, locale) })}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
