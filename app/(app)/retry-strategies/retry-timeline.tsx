"use client";
// The timeline preview: for a first call time and a call-time group, when each attempt of a
// strategy would really happen and why it moved. A vertical list, so it reads the same on a phone.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import { isoWeekdayName, weekSummary, type CallTimeGroup } from "@/lib/domain/call-time-group";
import { yearsBetween, type HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { holidayNameText } from "@/lib/domain/holiday-names";
import type { RetryStrategy } from "@/lib/domain/retry-strategy";
import { useHolidayCalendar } from "@/components/schedule/use-holiday-calendar";
import {
  defaultFirstCall,
  attemptTimeParts,
  instantFromLocalInput,
  localInputFromInstant,
  timelineRows,
  type TimelineReason,
  type TimelineRow,
} from "./timeline";

export type PreviewGroup = CallTimeGroup & { id: string };

const REASON_TONE: Record<TimelineReason, string> = {
  none: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  "outside-window": "bg-amber-50 text-amber-800 ring-amber-200",
  holiday: "bg-amber-50 text-amber-800 ring-amber-200",
  "after-previous": "bg-slate-100 text-slate-700 ring-slate-200",
  collapsed: "bg-amber-50 text-amber-800 ring-amber-200",
  "dropped-only-today": "bg-red-50 text-red-700 ring-red-200",
  "no-window": "bg-red-50 text-red-700 ring-red-200",
};

export function RetryTimeline({
  strategy,
  groups,
  calendar: initialCalendar,
  calendarYears,
  now,
  onCollapsedChange,
}: {
  /** null while the strategy does not validate. */
  strategy: RetryStrategy | null;
  groups: PreviewGroup[];
  calendar: HolidayCalendar;
  /** The years `calendar` holds; the timeline loads the years its first call and retries fall in. */
  calendarYears: readonly number[];
  /** ISO instant the page was rendered at: the default first call is the next working day after it. */
  now: string;
  /** The retries (1 = retry 1) shown collapsing into the attempt before them, for the provider panel to explain. */
  onCollapsedChange?: (retries: number[]) => void;
}) {
  const t = useTranslations("retry");
  const locale = useLocale();
  const [groupId, setGroupId] = useState(() => (groups.find((g) => g.isDefault) ?? groups[0]).id);
  const group = groups.find((g) => g.id === groupId) ?? groups[0];
  const [firstCallText, setFirstCallText] = useState(() => defaultFirstCall(group, initialCalendar, new Date(now)));
  const groupSummary = [weekSummary(group, locale), ...(group.skipHolidays ? [t("preview.skipsHolidays")] : [])].join(" · ");
  const firstCall = useMemo(() => instantFromLocalInput(firstCallText, group.timeZone), [firstCallText, group]);
  const [wantedYears, setWantedYears] = useState<number[]>([]);
  const { calendar, loading } = useHolidayCalendar(initialCalendar, calendarYears, wantedYears);
  const rows = useMemo(
    () => (strategy && firstCall ? timelineRows(firstCall, strategy, group, calendar) : null),
    [strategy, firstCall, group, calendar],
  );
  // The years from the first call to the last attempt, in the group's zone. Loading one may move an attempt
  // into a later year, which is then loaded too.
  const spanKey = rows ? yearsSpanned(rows, group.timeZone).join(",") : "";
  if (spanKey !== wantedYears.join(",")) setWantedYears(spanKey ? spanKey.split(",").map(Number) : []);
  const collapsedKey = rows && !loading ? rows.filter((row) => row.reason === "collapsed").map((row) => row.round).join(",") : "";
  useEffect(() => onCollapsedChange?.(collapsedKey ? collapsedKey.split(",").map(Number) : []), [collapsedKey, onCollapsedChange]);

  return (
    <div className="space-y-4" data-testid="retry-timeline">
      <p className="text-sm text-slate-600">{t("preview.intro")}</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        <Field
          label={t("preview.firstCall")}
          hint={t("preview.zone", { zone: group.timeZone })}
          error={firstCall ? null : t("preview.badFirstCall")}
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="datetime-local"
              value={firstCallText}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setFirstCallText(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("preview.group")} hint={groupSummary}>
          {({ id, describedBy }) => (
            <Select id={id} value={group.id} aria-describedby={describedBy} onChange={(e) => setGroupId(e.target.value)}>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {!strategy ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200">{t("preview.fixErrors")}</p>
      ) : loading ? (
        <p className="text-sm text-slate-600" data-testid="timeline-loading">{t("preview.loadingYears")}</p>
      ) : rows ? (
        <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5" aria-label={t("preview.title")}>
          {rows.map((row) => (
            <TimelineItem key={row.round} row={row} timeZone={group.timeZone} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function yearsSpanned(rows: TimelineRow[], timeZone: string): number[] {
  const years = rows.flatMap((row) => [row.nominal, ...(row.actual ? [row.actual] : [])]).map((at) => Number(localInputFromInstant(at, timeZone).slice(0, 4)));
  return yearsBetween(Math.min(...years), Math.max(...years));
}

function TimelineItem({ row, timeZone }: { row: TimelineRow; timeZone: string }) {
  const t = useTranslations("retry");
  const locale = useLocale();
  const attemptTime = (at: Date) => {
    const { month, day, weekday, time } = attemptTimeParts(at, timeZone);
    return t("preview.attemptTime", { month: String(month), day, weekday: isoWeekdayName(weekday, locale, "short"), time });
  };
  const moved = row.actual === null || row.actual.getTime() !== row.nominal.getTime();
  const title = row.round === 0 ? t("preview.attemptFirst") : t("preview.attemptRetry", { n: row.round });
  const reason =
    row.reason === "holiday" && row.holidayName
      ? t("reason.holidayNamed", { name: localize(holidayNameText(row.holidayName), locale) })
      : row.reason === "collapsed"
        ? t("reason.collapsed", { with: row.collapsedInto === 0 ? t("preview.attemptFirst") : t("preview.attemptRetry", { n: row.collapsedInto ?? 0 }) })
        : t(`reason.${row.reason}`);
  return (
    <li className="relative" data-testid={`attempt-${row.round}`}>
      <span
        aria-hidden="true"
        className={`absolute -left-[1.72rem] top-1 h-3 w-3 rounded-full ring-4 ring-white ${
          row.actual === null ? "bg-red-500" : moved ? "bg-amber-500" : "bg-emerald-500"
        }`}
      />
      <p className="text-sm font-medium text-slate-900">{title}</p>
      <p className="text-base font-semibold tabular-nums text-slate-900" data-testid="attempt-actual">
        {row.actual ? attemptTime(row.actual) : t("preview.never")}
      </p>
      {moved ? (
        <p className="text-sm tabular-nums text-slate-500" data-testid="attempt-nominal">
          {t("preview.planned", { time: attemptTime(row.nominal) })}
        </p>
      ) : null}
      <p className={`mt-1 inline-block rounded px-1.5 py-0.5 text-xs ring-1 ${REASON_TONE[row.reason]}`} data-testid="attempt-reason">
        {reason}
      </p>
      {row.crossesUnknownYear ? <p className="mt-1 text-xs text-amber-800">{t("preview.unknownYear")}</p> : null}
    </li>
  );
}
