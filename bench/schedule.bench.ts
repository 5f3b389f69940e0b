// Schedule engine throughput (docs/design.md "Testing": benchmarks live here, never in `npm test`).
// Run alone with `npx tsx bench/schedule.bench.ts`, or through `npm run bench`.

import { pathToFileURL } from "node:url";
import { defaultCallTimeGroup } from "../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../lib/domain/holidays";
import { nextWindow, windows } from "../lib/domain/schedule";

export interface BenchResult {
  name: string;
  opsPerSec: number;
  note: string;
}

const MEASURE_MS = 500;

/** Calls `operation` repeatedly for about MEASURE_MS after a warm-up, and returns calls per second. */
function measure(operation: (i: number) => unknown): number {
  for (let i = 0; i < 200; i++) operation(i);
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let i = 0; i < 50; i++) operation(calls + i);
    calls += 50;
    elapsed = performance.now() - started;
  }
  return Math.round((calls / elapsed) * 1000);
}

export async function benchSchedule(): Promise<BenchResult[]> {
  const calendar = cnCalendarFromPackage();
  const group = defaultCallTimeGroup("Weekdays"); // Mon–Fri 09:00–12:00, 13:00–18:00, skip holidays
  const yearStart = new Date("2026-01-01T00:00:00+08:00");
  const yearEnd = new Date("2027-01-01T00:00:00+08:00");
  const yearWindows = windows(group, yearStart, yearEnd, calendar).length;

  const windowsPerSec = measure(() => windows(group, yearStart, yearEnd, calendar));
  // Start times spread over 2026, every 7 h 13 min, so they land inside, between and before windows.
  const step = (7 * 60 + 13) * 60_000;
  const nextWindowPerSec = measure((i) => nextWindow(group, new Date(yearStart.getTime() + (i % 1200) * step), calendar));
  // Baseline in the same run: only allocating the {start, end} Dates that windows() returns — the floor
  // any implementation with this signature pays.
  const baselinePerSec = measure(() => {
    const out: { start: Date; end: Date }[] = [];
    for (let i = 0; i < yearWindows; i++) out.push({ start: new Date(yearStart.getTime() + i), end: new Date(yearStart.getTime() + i + 1) });
    return out;
  });
  const holidayStart = new Date("2026-09-30T18:30:00+08:00");
  const acrossHolidayPerSec = measure(() => nextWindow(group, holidayStart, calendar));

  return [
    {
      name: "schedule: windows() over 2026",
      opsPerSec: windowsPerSec,
      note: `Asia/Shanghai Mon–Fri 09–12, 13–18, skip holidays; ${yearWindows} windows per call`,
    },
    { name: "baseline: allocate the same windows", opsPerSec: baselinePerSec, note: `${yearWindows} {start, end} Date pairs, no schedule logic` },
    { name: "schedule: nextWindow()", opsPerSec: nextWindowPerSec, note: "from instants spread over 2026" },
    {
      name: "schedule: nextWindow() across National Day",
      opsPerSec: acrossHolidayPerSec,
      note: "from 30 Sep 18:30 to 8 Oct 09:00 (8 days skipped)",
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await benchSchedule()) {
    console.log(`${result.name.padEnd(45)} ${result.opsPerSec.toLocaleString("en-US").padStart(12)} ops/s  ${result.note}`);
  }
}
