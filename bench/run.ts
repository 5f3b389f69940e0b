// `npm run bench`: every benchmark in bench/, each printing its figures next to the baseline it measured in
// the same run. Never part of `npm test`; nothing here is asserted.
import { benchSchedule } from "./schedule.bench";
import type { Row } from "./support";

type Bench = { title: string; key?: string; run: () => Promise<Row[]> };

// `npm run bench -- import --rows 10000000`: flags after the names.
const args = process.argv.slice(2);
const rowsAt = args.indexOf("--rows");
const rows = rowsAt >= 0 ? Number(args[rowsAt + 1]) : undefined;

const BENCHES: Bench[] = [
  {
    title: "Schedule engine",
    run: async () => (await benchSchedule()).map((r) => ({ name: r.name, value: r.opsPerSec, unit: "ops/s", note: r.note })),
  },
  { title: "Webhook ingestion", key: "webhooks", run: async () => (await import("./webhooks.bench")).run({ rows }) },
  { title: "Full sync", run: async () => (await import("./sync.bench")).run() },
  { title: "Overview and task page", run: async () => (await import("./overview.bench")).run() },
  { title: "Input validation", run: async () => (await import("./validation.bench")).run() },
  { title: "Contact list import", key: "import", run: async () => (await import("./import.bench")).run({ rows }) },
  { title: "Number search", key: "number-search", run: async () => (await import("./number-search.bench")).run({ rows }) },
  { title: "First-load JavaScript", key: "first-load-js", run: async () => (await import("./first-load-js.bench")).run() },
];

const only = args.filter((a, i) => !a.startsWith("--") && (rowsAt < 0 || i !== rowsAt + 1)).map((s) => s.toLowerCase());

for (const bench of BENCHES) {
  if (only.length && !only.some((o) => bench.key === o || bench.title.toLowerCase().includes(o))) continue;
  console.log(`\n## ${bench.title}`);
  try {
    for (const r of await bench.run()) {
      const value = r.value >= 100 ? Math.round(r.value).toLocaleString("en-US") : r.value.toFixed(2);
      console.log(`${r.name.padEnd(52)} ${value.padStart(14)} ${r.unit.padEnd(8)} ${r.note ?? ""}`);
    }
  } catch (e) {
    console.log(`failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
