"use client";
// The week as a list: per day an on/off switch that remembers the day's ranges, typed HH:MM ranges,
// add/remove, and "copy to…" other days. Errors are shown on the day that has them.
import { Switch } from "@/components/ui/switch";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  formatRange,
  ISO_WEEKDAYS,
  isoWeekdayName,
  type IsoWeekday,
  type LocalizedText,
  type MinuteRange,
} from "@/lib/domain/call-time-group";
import { localize } from "@/i18n/locales";
import type { EditorAction } from "./editor-state";
import { TimeInput } from "./time-input";

export function RangeRows({
  ranges,
  label,
  idPrefix,
  invalid,
  describedBy,
  readOnly,
  onChange,
  onRemove,
}: {
  ranges: MinuteRange[];
  label: string;
  idPrefix: string;
  invalid: boolean;
  describedBy?: string;
  readOnly: boolean;
  onChange: (index: number, range: MinuteRange) => void;
  onRemove: (index: number) => void;
}) {
  const t = useTranslations("timeGroups");
  return (
    <ul className="space-y-1.5">
      {ranges.map((range, index) => (
        <li key={index} className="flex items-start gap-1.5">
          <TimeInput
            value={range.start}
            label={t("list.start", { day: label, n: index + 1 })}
            testId={`${idPrefix}-start-${index}`}
            invalid={invalid}
            describedBy={describedBy}
            disabled={readOnly}
            onChange={(start) => onChange(index, { start, end: range.end })}
          />
          <span aria-hidden="true" className="py-1.5 text-slate-500">
            –
          </span>
          <TimeInput
            value={range.end}
            label={t("list.end", { day: label, n: index + 1 })}
            testId={`${idPrefix}-end-${index}`}
            invalid={invalid}
            describedBy={describedBy}
            disabled={readOnly}
            onChange={(end) => onChange(index, { start: range.start, end })}
          />
          {readOnly ? null : (
            <Button
              variant="ghost"
              size="sm"
              className="py-1.5"
              aria-label={t("list.remove", { day: label, range: formatRange(range) })}
              onClick={() => onRemove(index)}
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
                <path d="M6 4V3h8v1h4v2H2V4zm-2 3h12l-1 11H5z" />
              </svg>
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Copy to…": a small panel under its button with the other days to copy this day's hours to. Escape, Cancel or a
 * click elsewhere closes it. Written here rather than with a popover library, whose code was a large part of the
 * editor's first load (issue 14 goal 4).
 */
function CopyTo({ from, dispatch }: { from: IsoWeekday; dispatch: (action: EditorAction) => void }) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<IsoWeekday[]>([]);
  const wrapper = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const others = ISO_WEEKDAYS.filter((d) => d !== from);
  const label = t("list.copyFrom", { day: isoWeekdayName(from, locale) });

  /** Closed and forgotten; focus back on the button unless the user clicked elsewhere. */
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    setChosen([]);
    if (refocus) trigger.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLInputElement>("[role=dialog] input")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close(true);
    };
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close]);

  return (
    <div ref={wrapper} className="relative inline-block">
      <Button
        ref={trigger}
        variant="ghost"
        size="sm"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {t("list.copy")}
      </Button>
      {open ? (
        <div id={panelId} role="dialog" aria-label={label} className="absolute right-0 top-full z-40 mt-1 w-56 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-slate-900">{label}</legend>
            {others.map((day) => (
              <label key={day} className="flex items-center gap-2 py-0.5 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-300"
                  checked={chosen.includes(day)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, day] : c.filter((d) => d !== day)))}
                />
                {isoWeekdayName(day, locale)}
              </label>
            ))}
          </fieldset>
          <div className="mt-3 flex justify-end gap-2">
            <Button variant="secondary" size="sm" onClick={() => close(true)}>
              {t("list.cancel")}
            </Button>
            <Button
              size="sm"
              disabled={chosen.length === 0}
              onClick={() => {
                dispatch({ type: "copyDay", from, to: chosen });
                close(true);
              }}
            >
              {t("list.apply")}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function DayRangeList({
  weekly,
  dayErrors,
  dispatch,
  readOnly,
}: {
  weekly: Record<IsoWeekday, MinuteRange[]>;
  dayErrors: Partial<Record<IsoWeekday, LocalizedText[]>>;
  dispatch: (action: EditorAction) => void;
  readOnly: boolean;
}) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  return (
    <ul className="divide-y divide-slate-100" data-testid="day-list">
      {ISO_WEEKDAYS.map((day) => {
        const ranges = weekly[day];
        const name = isoWeekdayName(day, locale);
        const errors = dayErrors[day] ?? [];
        const errorId = `day-${day}-errors`;
        const switchId = `day-${day}-switch`;
        return (
          <li key={day} className="py-2.5" data-testid={`day-${day}`}>
            <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
              <div className="flex w-32 items-center gap-2 pt-1">
                <Switch
                  id={switchId}
                  checked={ranges.length > 0}
                  disabled={readOnly}
                  onCheckedChange={(enabled) => dispatch({ type: "setDayEnabled", day, enabled })}
                  className="relative h-5 w-9 flex-none rounded-full bg-slate-300 transition-colors data-[state=checked]:bg-brand-600 disabled:opacity-60"
                  thumbClassName="block h-4 w-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.125rem]"
                />
                <label htmlFor={switchId} className="text-sm font-medium text-slate-900">
                  {name}
                </label>
              </div>
              <div className="min-w-0 flex-1">
                {ranges.length === 0 ? (
                  <p className="pt-1 text-sm text-slate-500">{t("list.closed")}</p>
                ) : (
                  <RangeRows
                    ranges={ranges}
                    label={name}
                    idPrefix={`day-${day}`}
                    invalid={errors.length > 0}
                    describedBy={errors.length > 0 ? errorId : undefined}
                    readOnly={readOnly}
                    onChange={(index, range) => dispatch({ type: "setRange", day, index, range })}
                    onRemove={(index) => dispatch({ type: "removeRange", day, index })}
                  />
                )}
                {readOnly ? null : (
                  <div className="-ml-2.5 mt-1 flex flex-wrap gap-1">
                    <Button variant="ghost" size="sm" aria-label={t("list.addOn", { day: name })} onClick={() => dispatch({ type: "addRange", day })}>
                      {t("list.add")}
                    </Button>
                    {ranges.length > 0 ? <CopyTo from={day} dispatch={dispatch} /> : null}
                  </div>
                )}
                {errors.length > 0 ? (
                  <ul id={errorId} role="alert" className="mt-1 space-y-0.5 text-sm text-red-600" data-testid={`day-${day}-errors`}>
                    {errors.map((e) => (
                      <li key={e.en}>{localize(e, locale)}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
