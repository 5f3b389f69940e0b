// Number search (issue 13 "Benchmarks"): one number looked up across a ledger of N TaskNumber rows (default
// 10,000,000: 1,000 tasks × 10,000 numbers, each number in ~7 tasks) with its tasks, as the number page reads it,
// next to a primary-key lookup of one (task, number) in the same table in the same run. Prints
// `BENCH number-search p95_ms=… baseline_p95_ms=… ratio=… rows=… db=sqlite` (and db=postgres when BENCH_PG_URL
// or TEST_DATABASE_URL_PG names a database it may empty).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeBenchDatabase, freshBenchDatabase, stubServerOnly, type Row } from "./support";

const TASKS = 1_000;
const LOOKUPS = 300;

function p95(ms: number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

/** The k-th number of the ledger: numbers repeat across tasks (a number is in ~TASKS/7 tasks). */
function phoneSql(db: "sqlite" | "postgres", n: string): string {
  const digits = db === "sqlite" ? `printf('%08d', (${n} * 7919) % 1428571)` : `lpad(((${n}::bigint * 7919) % 1428571)::text, 8, '0')`;
  return `'+86138' || ${digits}`;
}

async function fill(db: "sqlite" | "postgres", rows: number): Promise<string[]> {
  const { getDb } = await import("../lib/server/db");
  const prisma = getDb();
  const account = await prisma.providerAccount.create({ data: { kind: "nxcloud", name: "bench", baseUrl: "http://127.0.0.1:9", credentialsEnc: "x" }, select: { id: true } });
  const taskIds: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    taskIds.push((await prisma.task.create({ data: { accountId: account.id, remoteId: `t${i}`, name: `Task ${i}`, status: "running" }, select: { id: true } })).id);
  }
  const perTask = Math.ceil(rows / TASKS);
  const now = new Date().toISOString();
  // One statement per task keeps each transaction (and the WAL) a reasonable size.
  for (let t = 0; t < TASKS; t++) {
    const base = t * perTask;
    const count = Math.min(perTask, rows - base);
    if (count <= 0) break;
    if (db === "sqlite") {
      await prisma.$executeRawUnsafe(
        `WITH RECURSIVE seq(n) AS (SELECT ${base} UNION ALL SELECT n + 1 FROM seq WHERE n < ${base + count - 1})
         INSERT OR IGNORE INTO "TaskNumber" ("taskId", "phone", "state", "attempts", "updatedAt", "createdAt")
         SELECT '${taskIds[t]}', ${phoneSql(db, "n")}, 'sent', n % 3, '${now.replace("Z", "+00:00")}', '${now.replace("Z", "+00:00")}' FROM seq`,
      );
    } else {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "TaskNumber" ("taskId", "phone", "state", "attempts", "updatedAt", "createdAt")
         SELECT '${taskIds[t]}', ${phoneSql(db, "n")}, 'sent', n % 3, '${now}', '${now}' FROM generate_series(${base}, ${base + count - 1}) AS n
         ON CONFLICT DO NOTHING`,
      );
    }
  }
  if (db === "postgres") await prisma.$executeRawUnsafe(`ANALYZE "TaskNumber"`);
  else await prisma.$executeRawUnsafe(`ANALYZE`);
  return taskIds;
}

async function measure(db: "sqlite" | "postgres", url: string, rows: number): Promise<{ p95: number; base: number; rows: number }> {
  await freshBenchDatabase(url);
  const taskIds = await fill(db, rows);
  const { getDb } = await import("../lib/server/db");
  const prisma = getDb();
  const stored = await prisma.taskNumber.count();
  const { ledgerOf } = await import("../lib/server/numbers/ledger-views");
  const search: number[] = [];
  const pk: number[] = [];
  const perTask = Math.ceil(rows / TASKS);
  for (let i = 0; i < LOOKUPS; i++) {
    // A number that is in the ledger: the n-th of task t.
    const t = (i * 37) % TASKS;
    const n = t * perTask + ((i * 7919) % perTask);
    const phone = `+86138${String((n * 7919) % 1428571).padStart(8, "0")}`;
    let t0 = performance.now();
    const found = await ledgerOf(phone);
    search.push(performance.now() - t0);
    if (found.length === 0) throw new Error(`${phone} not found`);
    t0 = performance.now();
    const row = await prisma.taskNumber.findUnique({ where: { taskId_phone: { taskId: taskIds[t], phone } }, select: { state: true, attempts: true } });
    pk.push(performance.now() - t0);
    if (!row) throw new Error(`${phone} not in task ${t}`);
  }
  await closeBenchDatabase();
  return { p95: p95(search), base: p95(pk), rows: stored };
}

export async function run({ rows = 10_000_000 }: { rows?: number } = {}): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-search-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  process.env.LOG_LEVEL ??= "error";
  stubServerOnly();
  const dbs: { name: "sqlite" | "postgres"; url: string }[] = [{ name: "sqlite", url: `file:${path.join(dir, "bench.db")}` }];
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL_PG;
  if (pgUrl) dbs.push({ name: "postgres", url: pgUrl });
  const out: Row[] = [];
  // BENCH_DB=postgres (or sqlite) runs one database only.
  for (const db of dbs.filter((d) => !process.env.BENCH_DB || d.name === process.env.BENCH_DB)) {
    const r = await measure(db.name, db.url, rows);
    out.push(
      { name: `number across every task, p95 (${db.name})`, value: r.p95, unit: "ms", note: `${r.rows.toLocaleString("en")} ledger rows` },
      { name: `primary-key lookup, p95 (${db.name})`, value: r.base, unit: "ms", note: "baseline" },
    );
    console.log(`BENCH number-search p95_ms=${r.p95.toFixed(2)} baseline_p95_ms=${r.base.toFixed(2)} ratio=${(r.p95 / r.base).toFixed(2)} rows=${r.rows} db=${db.name}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rowsArg = process.argv.indexOf("--rows");
  for (const r of await run({ rows: rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : undefined })) console.log(r.name, r.value.toFixed(2), r.unit, r.note ?? "");
}
