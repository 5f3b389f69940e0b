"use client";
// Date overrides: a date that is closed all day or has its own hours. An override beats the weekly
// hours and the holiday calendar (docs/design.md), so a company event or a one-off Sunday campaign fits.
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { isIsoDate, type DateOverride, type LocalizedText } from "@/lib/domain/call-time-group";
import { localize } from "@/i18n/locales";
import { RangeRows } from "./day-range-list";
import type { EditorAction } from "./editor-state";

export function OverridesEditor({
  overrides,
  errors,
  dispatch,
  readOnly,
}: {
  overrides: DateOverride[];
  /** Messages per override index. */
  errors: Record<number, LocalizedText[]>;
  dispatch: (action: EditorAction) => void;
  readOnly: boolean;
}) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  const id = useId();
  const [date, setDate] = useState("");
  const taken = overrides.some((o) => o.date === date);
  return (
    <div className="space-y-3">
      {overrides.length === 0 ? <p className="text-sm text-slate-600">{t("overrides.empty")}</p> : null}
      <ul className="space-y-3">
        {overrides.map((override, index) => {
          const own = errors[index] ?? [];
          const errorId = `${id}-override-${index}-errors`;
          const closed = override.ranges.length === 0;
          return (
            <li key={index} className="rounded-md p-3 ring-1 ring-slate-200" data-testid={`override-${override.date}`}>
              <div className="flex flex-wrap items-center gap-3">
                <input
                  type="date"
                  aria-label={t("overrides.date")}
                  value={override.date}
                  disabled={readOnly}
                  onChange={(e) => dispatch({ type: "setOverrideDate", index, date: e.target.value })}
                  className="rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                />
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-300"
                    checked={closed}
                    disabled={readOnly}
                    onChange={(e) => dispatch({ type: "setOverrideClosed", index, closed: e.target.checked })}
                  />
                  {t("overrides.closed")}
                </label>
                {readOnly ? null : (
                  <Button variant="ghost" size="sm" onClick={() => dispatch({ type: "removeOverride", index })} aria-label={t("overrides.remove", { date: override.date })}>
                    {t("overrides.removeShort")}
                  </Button>
                )}
              </div>
              {closed ? null : (
                <div className="mt-2">
                  <RangeRows
                    ranges={override.ranges}
                    label={override.date}
                    idPrefix={`override-${index}`}
                    invalid={own.length > 0}
                    describedBy={own.length > 0 ? errorId : undefined}
                    readOnly={readOnly}
                    onChange={(rangeIndex, range) => dispatch({ type: "setOverrideRange", index, rangeIndex, range })}
                    onRemove={(rangeIndex) => dispatch({ type: "removeOverrideRange", index, rangeIndex })}
                  />
                  {readOnly ? null : (
                    <Button variant="ghost" size="sm" className="mt-1" onClick={() => dispatch({ type: "addOverrideRange", index })}>
                      {t("list.add")}
                    </Button>
                  )}
                </div>
              )}
              {own.length > 0 ? (
                <ul id={errorId} role="alert" className="mt-1 text-sm text-red-600">
                  {own.map((e) => (
                    <li key={e.en}>{localize(e, locale)}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
      {readOnly ? null : (
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm text-slate-700" htmlFor={`${id}-new`}>
            <span className="mb-1 block font-medium">{t("overrides.newDate")}</span>
            <input
              id={`${id}-new`}
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              className="rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
            />
          </label>
          <Button
            variant="secondary"
            disabled={!isIsoDate(date) || taken}
            onClick={() => {
              dispatch({ type: "addOverride", date });
              setDate("");
            }}
          >
            {t("overrides.add")}
          </Button>
          {taken ? <p className="text-sm text-slate-600">{t("overrides.taken")}</p> : null}
        </div>
      )}
    </div>
  );
}
