"use client";
// Holiday years on demand: a page ships the years around today, and a preview that shows another month or a
// retry timeline reaching another year loads those years from /api/holidays when it needs them. Until a year
// has arrived it is "loading", never shown as unknown (that would be a false warning) nor as normal.
import { useEffect, useState } from "react";
import { withYears, type HolidayCalendar } from "@/lib/domain/holiday-calendar";

interface Loaded {
  calendar: HolidayCalendar;
  years: number[];
}

export function useHolidayCalendar(
  initial: HolidayCalendar,
  /** The years the page's calendar was made for (known or not). */
  initialYears: readonly number[],
  /** The years on screen now. */
  wanted: readonly number[],
): { calendar: HolidayCalendar; loading: boolean; failed: boolean } {
  const [loaded, setLoaded] = useState<Loaded>({ calendar: initial, years: [...initialYears] });
  const [failedYears, setFailedYears] = useState<number[]>([]);
  const missingKey = wanted.filter((y) => !loaded.years.includes(y) && !failedYears.includes(y)).join(",");

  useEffect(() => {
    if (!missingKey) return;
    const controller = new AbortController();
    fetch(`/api/holidays?years=${missingKey}`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { years: number[]; calendar: HolidayCalendar };
        setLoaded((prev) => ({ calendar: withYears(prev.calendar, body.calendar, body.years), years: [...new Set([...prev.years, ...body.years])] }));
      })
      .catch((e: unknown) => {
        if ((e as Error).name === "AbortError") return;
        // The year then reads as unknown, which is what the preview can honestly say about it.
        setFailedYears((prev) => [...prev, ...missingKey.split(",").map(Number)]);
      });
    return () => controller.abort();
  }, [missingKey]);

  return { calendar: loaded.calendar, loading: missingKey.length > 0, failed: wanted.some((y) => failedYears.includes(y)) };
}
