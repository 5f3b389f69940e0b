// Issue 12 point 3: how long a crafted call-time group with thousands of overlapping ranges keeps the server
// busy before it is refused — the schema and next-safe-action's validation error shape, as a server action
// runs them. Run alone with `npx tsx bench/validation.bench.ts`, or `npm run bench validation`.
import { pathToFileURL } from "node:url";
import { createSafeActionClient } from "next-safe-action";
import { ZCallTimeGroup } from "../lib/domain/call-time-group-validation";
import type { Row } from "./support";

const action = createSafeActionClient({ defaultValidationErrorsShape: "flattened" })
  .inputSchema(ZCallTimeGroup)
  .action(async () => ({ ok: true }));

function probe(ranges: number) {
  return {
    name: "Probe",
    timeZone: "Asia/Shanghai",
    weekly: { 1: Array.from({ length: ranges }, (_, i) => ({ start: i % 1000, end: (i % 1000) + 100 })), 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
    skipHolidays: true,
    makeUpDayAs: null,
    overrides: [],
    isDefault: false,
  };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const ranges of [8_000, 20_000]) {
    const input = probe(ranges);
    await action(input as never); // warm-up
    const started = performance.now();
    const res = await action(input as never);
    const ms = performance.now() - started;
    rows.push({ name: `refuse ${ranges.toLocaleString("en-US")} overlapping ranges`, value: ms, unit: "ms", note: res?.validationErrors ? "refused" : "ACCEPTED" });
    console.log(`BENCH validation ranges=${ranges} refuse_ms=${ms.toFixed(1)}`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} (${r.note})`);
}
