"use client";
// The week as a grid: 7 days × 30-minute cells (15 when zoomed). Drag over empty cells to paint,
// start a drag on a painted cell to erase; a click toggles one cell. Keyboard: arrows move, Space
// or Enter toggles, so the grid needs no mouse. The exact ranges of the day under the pointer or
// focus are shown above it, because a cell only says "partly" for 10:15.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import {
  formatMinute,
  formatRange,
  ISO_WEEKDAYS,
  isoWeekdayName,
  normalizeRanges,
  type IsoWeekday,
  type MinuteRange,
} from "@/lib/domain/call-time-group";

import { formatList } from "@/lib/domain/text";
import { cellFill, type EditorAction } from "./editor-state";

interface Cell {
  day: IsoWeekday;
  slot: number;
}

interface Drag {
  from: Cell;
  to: Cell;
  erase: boolean;
}

function inRect(drag: Drag, day: IsoWeekday, slot: number): boolean {
  const [d1, d2] = [Math.min(drag.from.day, drag.to.day), Math.max(drag.from.day, drag.to.day)];
  const [s1, s2] = [Math.min(drag.from.slot, drag.to.slot), Math.max(drag.from.slot, drag.to.slot)];
  return day >= d1 && day <= d2 && slot >= s1 && slot <= s2;
}

function cellOf(element: Element | null): Cell | null {
  const cell = element?.closest<HTMLElement>("[data-slot]");
  if (!cell) return null;
  return { day: Number(cell.dataset.day) as IsoWeekday, slot: Number(cell.dataset.slot) };
}

export function WeekGrid({
  weekly,
  dispatch,
  readOnly,
}: {
  weekly: Record<IsoWeekday, MinuteRange[]>;
  dispatch: (action: EditorAction) => void;
  readOnly: boolean;
}) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  const [size, setSize] = useState<30 | 15>(30);
  const slots = 1440 / size;
  const [focus, setFocus] = useState<Cell>({ day: 1, slot: (9 * 60) / size });
  const [pointed, setPointed] = useState<Cell | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;

  useEffect(() => {
    if (!drag) return;
    const finish = () => {
      const current = dragRef.current;
      if (!current) return;
      const [s1, s2] = [Math.min(current.from.slot, current.to.slot), Math.max(current.from.slot, current.to.slot)];
      dispatch({
        type: "paint",
        fromDay: current.from.day,
        toDay: current.to.day,
        start: s1 * size,
        end: (s2 + 1) * size,
        erase: current.erase,
      });
      setDrag(null);
    };
    window.addEventListener("pointerup", finish);
    window.addEventListener("pointercancel", finish);
    return () => {
      window.removeEventListener("pointerup", finish);
      window.removeEventListener("pointercancel", finish);
    };
  }, [drag, dispatch, size]);

  function moveFocus(next: Cell) {
    setFocus(next);
    setPointed(next);
    gridRef.current?.querySelector<HTMLElement>(`[data-day="${next.day}"][data-slot="${next.slot}"]`)?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const { day, slot } = focus;
    const moves: Record<string, Cell> = {
      ArrowUp: { day, slot: Math.max(0, slot - 1) },
      ArrowDown: { day, slot: Math.min(slots - 1, slot + 1) },
      ArrowLeft: { day: Math.max(1, day - 1) as IsoWeekday, slot },
      ArrowRight: { day: Math.min(7, day + 1) as IsoWeekday, slot },
      Home: { day, slot: 0 },
      End: { day, slot: slots - 1 },
    };
    if (moves[e.key]) {
      e.preventDefault();
      moveFocus(moves[e.key]);
    } else if ((e.key === " " || e.key === "Enter") && !readOnly) {
      e.preventDefault();
      const erase = cellFill(weekly[day], slot * size, size) === "full";
      dispatch({ type: "paint", fromDay: day, toDay: day, start: slot * size, end: (slot + 1) * size, erase });
    }
  }

  function changeZoom(next: 30 | 15) {
    setSize(next);
    setFocus((f) => ({ day: f.day, slot: Math.floor((f.slot * size) / next) }));
  }

  const info = pointed ?? null;
  const infoRanges = info ? normalizeRanges(weekly[info.day]) : [];

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label={t("grid.zoom")} className="inline-flex rounded-md ring-1 ring-slate-300">
          {([30, 15] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={size === s}
              onClick={() => changeZoom(s)}
              className={`px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md ${
                size === s ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-100"
              }`}
            >
              {t("grid.minutes", { minutes: s })}
            </button>
          ))}
        </div>
        <p className="text-xs text-slate-600">{readOnly ? t("grid.readOnlyHelp") : t("grid.help")}</p>
      </div>
      <p className="mb-2 min-h-5 text-sm text-slate-700" data-testid="grid-info">
        {info ? (
          <>
            <span className="font-medium">
              {isoWeekdayName(info.day, locale)} {formatRange({ start: info.slot * size, end: (info.slot + 1) * size })}
            </span>
            {" · "}
            {infoRanges.length > 0
              ? t("grid.dayRanges", { ranges: formatList(infoRanges.map(formatRange), locale) })
              : t("grid.dayClosed")}
          </>
        ) : (
          t("grid.pointHint")
        )}
      </p>
      <div
        ref={gridRef}
        role="grid"
        aria-label={t("grid.label")}
        aria-readonly={readOnly || undefined}
        onKeyDown={onKeyDown}
        onPointerMove={(e) => {
          if (!dragRef.current) return;
          const cell = cellOf(document.elementFromPoint(e.clientX, e.clientY));
          if (cell && (cell.day !== dragRef.current.to.day || cell.slot !== dragRef.current.to.slot)) {
            setDrag({ ...dragRef.current, to: cell });
            setPointed(cell);
          }
        }}
        onPointerLeave={() => {
          if (!dragRef.current) setPointed(null);
        }}
        className="select-none text-xs"
        data-testid="week-grid"
      >
        <div role="row" className="grid grid-cols-[3rem_repeat(7,minmax(0,1fr))] gap-px">
          <span role="columnheader">
            <span className="sr-only">{t("grid.time")}</span>
          </span>
          {ISO_WEEKDAYS.map((day) => (
            <span key={day} role="columnheader" className="py-1 text-center font-medium text-slate-700">
              <abbr title={isoWeekdayName(day, locale)} className="no-underline">
                {isoWeekdayName(day, locale, "short")}
              </abbr>
            </span>
          ))}
        </div>
        {Array.from({ length: slots }, (_, slot) => {
          const minute = slot * size;
          const onHour = minute % 60 === 0;
          return (
            <div
              key={slot}
              role="row"
              className={`grid grid-cols-[3rem_repeat(7,minmax(0,1fr))] gap-px ${onHour ? "border-t border-slate-200" : ""}`}
            >
              <span
                role="rowheader"
                className={`pr-1 text-right leading-none tabular-nums text-slate-600 ${size === 15 ? "h-2.5" : "h-3.5"}`}
              >
                <span aria-hidden="true">{onHour ? formatMinute(minute) : ""}</span>
                <span className="sr-only">{formatRange({ start: minute, end: minute + size })}</span>
              </span>
              {ISO_WEEKDAYS.map((day) => {
                const fill = cellFill(weekly[day], minute, size);
                const previewing = drag && inRect(drag, day, slot);
                const focused = focus.day === day && focus.slot === slot;
                const colour = previewing
                  ? drag.erase
                    ? "bg-red-200"
                    : "bg-brand-500/70"
                  : fill === "full"
                    ? "bg-brand-600"
                    : fill === "partial"
                      ? "bg-[linear-gradient(135deg,var(--color-brand-600)_50%,var(--color-brand-100)_50%)]"
                      : "bg-slate-100 hover:bg-brand-100";
                return (
                  <div
                    key={day}
                    role="gridcell"
                    tabIndex={focused ? 0 : -1}
                    aria-selected={fill === "full"}
                    aria-label={`${isoWeekdayName(day, locale)} ${formatRange({ start: minute, end: minute + size })}${
                      fill === "partial" ? ` (${t("grid.partly")})` : ""
                    }`}
                    data-day={day}
                    data-slot={slot}
                    data-fill={fill}
                    onFocus={() => {
                      setFocus({ day, slot });
                      setPointed({ day, slot });
                    }}
                    onPointerEnter={() => {
                      if (!dragRef.current) setPointed({ day, slot });
                    }}
                    onPointerDown={(e) => {
                      if (readOnly || e.button !== 0) return;
                      e.preventDefault();
                      // Touch captures the pointer on the first cell; release it so moves reach the others.
                      (e.target as Element).releasePointerCapture?.(e.pointerId);
                      setFocus({ day, slot });
                      (e.currentTarget as HTMLElement).focus();
                      setDrag({ from: { day, slot }, to: { day, slot }, erase: fill === "full" });
                    }}
                    className={`${size === 15 ? "h-2.5" : "h-3.5"} ${colour} ${readOnly ? "" : "cursor-pointer touch-none"} outline-offset-0 focus-visible:outline-2 focus-visible:outline-slate-900`}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
