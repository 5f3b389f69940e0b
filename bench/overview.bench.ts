// Overview and task page with history (issue 6 "Performance", issue 14 goal 3): a database seeded with 10,000
// tasks and 1,000,000 call records, their hourly roll-ups maintained as the mirror does, then the server time of
// the overview's aggregates and of one task page's statistics and forecast (median and p95), next to one
// indexed aggregate query over the same roll-up rows (the 24 h chart's sums per hour, in SQL) measured in the
// same run: `BENCH overview p95_ms=… baseline_p95_ms=… ratio=… overview_7d_p95_ms=… task_stats_p95_ms=…
// task_stats_ratio=… db=sqlite` (the task page's statistics against the same floor; and db=postgres when BENCH_PG_URL
// names a scratch PostgreSQL database, whose public schema it drops; BENCH_DB=sqlite|postgres runs one).
// Run alone: `npx tsx bench/overview.bench.ts`.
// The million call records, their roll-ups and the snapshots bypass the ORM: one prepared statement per table
// inside a transaction on SQLite (better-sqlite3, the driver under Prisma's SQLite adapter), unnest() batches
// on PostgreSQL. An ORM insert of a million rows would take longer than the measurements it prepares.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freshBenchDatabase, stubServerOnly, type Row } from "./support";

const TASKS = 10_000;
const CALLS = 1_000_000;
const ACCOUNTS = ["nxcloud", "aliyun-vms", "yunfu", "wshoto"] as const;
/** Snapshots of the task whose page is measured: about a month of one per sync-minute during working hours. */
const PAGE_TASK_SNAPSHOTS = 5_000;
const SNAPSHOTS_PER_OTHER_TASK = 3;
/** Each task dials within one stretch of this many hours (a working day), so roll-ups stay far fewer than calls. */
const ACTIVE_HOURS = 10;
const INSERT_CHUNK = 5_000;
/** How Prisma's SQLite adapter stores a DateTime (text, ISO 8601 with an explicit offset). */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");
const RUNS = { overview: 50, taskPage: 50, health: 50, baseline: 50 } as const;
/**
 * Unmeasured runs before each series, the baseline's too. With 3, the overview's first series on PostgreSQL
 * (right after the 1,000,000-row seed) had 65–80 ms runs among its first twenty that the 7-day series, the same
 * code measured just after, never had: start-up work (JIT, the connection pool filling, the seed's garbage), not
 * the overview's cost.
 */
const WARMUP_RUNS = 10;
const PG_BATCH = 20_000;

type Cell = string | number | Date | null;
type PgType = "text" | "int" | "timestamp";

/** Writes seed rows straight through the database driver, in the form Prisma reads back. */
interface Sink {
  insert(table: string, columns: [string, PgType][], rows: Cell[][]): Promise<void>;
  close(): Promise<void>;
}

function sqliteSink(file: string): Sink {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  return {
    async insert(table, columns, rows) {
      const statement = raw.prepare(`INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      raw.transaction(() => {
        for (const row of rows) statement.run(...row.map((v) => (v instanceof Date ? sqliteDate(v) : v)));
      })();
    },
    async close() {
      raw.close();
    },
  };
}

async function pgSink(url: string): Promise<Sink> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(table, columns, rows) {
      // TIMESTAMP(3) columns hold UTC without a zone, as Prisma's PostgreSQL adapter writes them.
      const cast = (v: Cell) => (v instanceof Date ? v.toISOString().replace("Z", "") : v);
      for (let i = 0; i < rows.length; i += PG_BATCH) {
        const batch = rows.slice(i, i + PG_BATCH);
        const arrays = columns.map((_, k) => batch.map((row) => cast(row[k])));
        const sql = `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${columns.map(([, t], k) => `$${k + 1}::${t}[]`).join(", ")})`;
        await client.query(sql, arrays);
      }
    },
    async close() {
      // As autovacuum leaves a loaded table: statistics, and the visibility map that lets an index-only scan skip
      // the table (without it the first runs measured autovacuum catching up).
      await client.query("VACUUM ANALYZE");
      await client.end();
    },
  };
}

async function openDatabase(name: "sqlite" | "postgres", url: string) {
  await freshBenchDatabase(url);
  const { getDb } = await import("../lib/server/db");
  return { db: getDb(), sink: name === "postgres" ? await pgSink(url) : sqliteSink(url.replace(/^file:/, "")) };
}
const HOUR_MS = 3_600_000;



/** Deterministic, so two runs seed the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < WARMUP_RUNS; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] };
}

type Outcome = "answered" | "no-answer" | "busy" | "failed" | "rejected";
function outcomeOf(r: number): Outcome {
  if (r < 0.4) return "answered";
  if (r < 0.75) return "no-answer";
  if (r < 0.85) return "busy";
  if (r < 0.95) return "failed";
  return "rejected";
}
// The same columns as lib/server/mirror/calls.ts: rejected reads as busy.
const COLUMN: Record<Outcome, "answered" | "noAnswer" | "busy" | "failed"> = {
  answered: "answered",
  "no-answer": "noAnswer",
  busy: "busy",
  rejected: "busy",
  failed: "failed",
};

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-overview-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  process.env.LOG_LEVEL ??= "error";
  stubServerOnly();
  const dbs: { name: "sqlite" | "postgres"; url: string }[] = [{ name: "sqlite", url: `file:${path.join(dir, "bench.db")}` }];
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL_PG;
  if (pgUrl) dbs.push({ name: "postgres", url: pgUrl });
  const out: Row[] = [];
  try {
    // BENCH_DB=postgres (or sqlite) runs one database only.
    for (const db of dbs.filter((d) => !process.env.BENCH_DB || d.name === process.env.BENCH_DB)) out.push(...(await measure(db.name, db.url)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function measure(dbName: "sqlite" | "postgres", url: string): Promise<Row[]> {
  const { getOverview } = await import("../lib/server/services/stats/overview");
  const { getTaskStats } = await import("../lib/server/services/stats/task-stats");
  const { getTaskForecast } = await import("../lib/server/services/stats/forecast");
  const { checkHealth } = await import("../lib/server/services/health");

  const { db, sink } = await openDatabase(dbName, url);
  try {
    const random = mulberry32(6);
    const now = new Date();
    const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const seedStarted = performance.now();

    const accountIds: string[] = [];
    for (const kind of ACCOUNTS) {
      const row = await db.providerAccount.create({ data: { kind, name: `${kind} bench`, baseUrl: "http://127.0.0.1:9", credentialsEnc: "x" }, select: { id: true } });
      accountIds.push(row.id);
    }
    const weekly = JSON.stringify({ 1: [{ start: 540, end: 1080 }], 2: [{ start: 540, end: 1080 }], 3: [{ start: 540, end: 1080 }], 4: [{ start: 540, end: 1080 }], 5: [{ start: 540, end: 1080 }], 6: [], 7: [] });
    const group = await db.callTimeGroup.create({ data: { name: "Weekdays 9–18", weekly, skipHolidays: true }, select: { id: true } });
    const strategy = await db.retryStrategy.create({
      data: { name: "Twice more", definition: JSON.stringify({ rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }, { after: { days: 0, hours: 2, minutes: 0 } }], measureFrom: "previous-call", onlyToday: false, retryOn: ["no-answer", "busy"] }) },
      select: { id: true },
    });

    // Tasks: 30 % running (dialling in the last hours), 10 % paused, 2 % failed, the rest completed.
    const callsPerTask = CALLS / TASKS;
    const tasks = Array.from({ length: TASKS }, (_, i) => {
      const r = random();
      const status = r < 0.3 ? "running" : r < 0.4 ? "paused" : r < 0.42 ? "failed" : "completed";
      const activeFrom = status === "running" ? currentHour - (ACTIVE_HOURS - 1) * HOUR_MS : currentHour - Math.floor(random() * 30 * 24) * HOUR_MS - ACTIVE_HOURS * HOUR_MS;
      return { id: `bench-task-${String(i).padStart(5, "0")}`, status, activeFrom, accountId: accountIds[i % accountIds.length] };
    });

    // Tasks first (the calls' foreign key); answeredCalls is set once the calls are drawn.
    for (let i = 0; i < TASKS; i += INSERT_CHUNK) {
      await db.task.createMany({
        data: tasks.slice(i, i + INSERT_CHUNK).map((task, k) => ({
          id: task.id,
          accountId: task.accountId,
          remoteId: task.id,
          name: `Bench task ${i + k}`,
          status: task.status,
          rawStatus: task.status,
          totalOrders: 60,
          finishedOrders: task.status === "completed" ? 60 : 30,
          attemptedOrders: 50,
          answeredOrders: 35,
          totalCalls: callsPerTask,
          answeredCalls: 0,
          concurrency: 10,
          callTimeGroupId: task.status === "running" || task.status === "paused" ? group.id : null,
          retryStrategyId: strategy.id,
          lastSyncAt: task.status === "completed" ? new Date(task.activeFrom + ACTIVE_HOURS * HOUR_MS) : now,
        })),
      });
    }

    // Call records and, as the mirror keeps them, the hourly roll-ups and task counters they add up to.
    const rollups = new Map<string, { taskId: string; hour: Date; calls: number; answered: number; noAnswer: number; busy: number; failed: number; talkSeconds: number }>();
    const answeredByTask = new Map<string, number>();
    const callColumns: [string, PgType][] = [["id", "text"], ["taskId", "text"], ["callId", "text"], ["outcome", "text"], ["startedAt", "timestamp"], ["answeredAt", "timestamp"], ["endedAt", "timestamp"], ["durationSec", "int"]];
    const insertCalls = async (from: number, to: number) => {
      const rows: Cell[][] = [];
      for (let c = from; c < to; c++) {
        const task = tasks[c % TASKS];
        const startedAt = new Date(Math.min(now.getTime(), task.activeFrom + Math.floor(random() * ACTIVE_HOURS * HOUR_MS)));
        const outcome = outcomeOf(random());
        const durationSec = outcome === "answered" ? 30 + Math.floor(random() * 120) : 0;
        const answeredAt = outcome === "answered" ? new Date(startedAt.getTime() + 8_000) : null;
        rows.push([`call-${c}`, task.id, `call-${c}`, outcome, startedAt, answeredAt, new Date(startedAt.getTime() + 8_000 + durationSec * 1000), durationSec]);
        const hour = Math.floor(startedAt.getTime() / HOUR_MS) * HOUR_MS;
        const key = `${task.id}|${hour}`;
        const rollup = rollups.get(key) ?? { taskId: task.id, hour: new Date(hour), calls: 0, answered: 0, noAnswer: 0, busy: 0, failed: 0, talkSeconds: 0 };
        rollup.calls++;
        rollup[COLUMN[outcome]]++;
        if (outcome === "answered") {
          rollup.talkSeconds += durationSec;
          answeredByTask.set(task.id, (answeredByTask.get(task.id) ?? 0) + 1);
        }
        rollups.set(key, rollup);
      }
      await sink.insert("CallRecord", callColumns, rows);
    };
    for (let c = 0; c < CALLS; c += 100_000) await insertCalls(c, Math.min(CALLS, c + 100_000));

    const rollupRows = [...rollups.values()];
    await sink.insert(
      "HourlyRollup",
      [["id", "text"], ["taskId", "text"], ["hour", "timestamp"], ["calls", "int"], ["answered", "int"], ["noAnswer", "int"], ["busy", "int"], ["failed", "int"], ["talkSeconds", "int"]],
      rollupRows.map((r, i) => [`rollup-${i}`, r.taskId, r.hour, r.calls, r.answered, r.noAnswer, r.busy, r.failed, r.talkSeconds]),
    );
    // answeredCalls per task, grouped by value so 10,000 tasks take a few dozen updates.
    const byAnswered = new Map<number, string[]>();
    for (const [taskId, answered] of answeredByTask) byAnswered.set(answered, [...(byAnswered.get(answered) ?? []), taskId]);
    for (const [answered, ids] of byAnswered) await db.task.updateMany({ where: { id: { in: ids } }, data: { answeredCalls: answered } });

    const pageTask = tasks.find((t) => t.status === "running") ?? tasks[0];
    const snapshots: { taskId: string; at: Date; totalOrders: number; finishedOrders: number; attemptedOrders: number; answeredOrders: number; totalCalls: number; answeredCalls: number }[] = [];
    for (let s = 0; s < PAGE_TASK_SNAPSHOTS; s++) {
      snapshots.push({ taskId: pageTask.id, at: new Date(now.getTime() - (PAGE_TASK_SNAPSHOTS - s) * 60_000), totalOrders: 60, finishedOrders: Math.floor((30 * s) / PAGE_TASK_SNAPSHOTS), attemptedOrders: 50, answeredOrders: 35, totalCalls: Math.floor((callsPerTask * s) / PAGE_TASK_SNAPSHOTS), answeredCalls: Math.floor((40 * s) / PAGE_TASK_SNAPSHOTS) });
    }
    for (const task of tasks) {
      if (task === pageTask) continue;
      for (let s = 0; s < SNAPSHOTS_PER_OTHER_TASK; s++) {
        snapshots.push({ taskId: task.id, at: new Date(task.activeFrom + s * HOUR_MS), totalOrders: 60, finishedOrders: 10 * s, attemptedOrders: 20 * s, answeredOrders: 10 * s, totalCalls: 30 * s, answeredCalls: 12 * s });
      }
    }
    await sink.insert(
      "TaskSnapshot",
      [["id", "text"], ["taskId", "text"], ["at", "timestamp"], ["totalOrders", "int"], ["finishedOrders", "int"], ["attemptedOrders", "int"], ["answeredOrders", "int"], ["totalCalls", "int"], ["answeredCalls", "int"]],
      snapshots.map((x, i) => [`snapshot-${i}`, x.taskId, x.at, x.totalOrders, x.finishedOrders, x.attemptedOrders, x.answeredOrders, x.totalCalls, x.answeredCalls]),
    );
    await sink.close();
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const [callRows, rollupCount, rollupSum] = await Promise.all([
      db.callRecord.count(),
      db.hourlyRollup.count(),
      db.hourlyRollup.aggregate({ _sum: { calls: true } }),
    ]);

    const health = await timeRuns(RUNS.health, () => checkHealth());
    // The floor: one aggregate over the roll-up rows the 24 h chart reads, through the same client and index.
    const chartFrom = () => new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
    const baselineSql =
      dbName === "postgres"
        ? 'SELECT "hour", SUM("calls") AS calls, SUM("answered") AS answered FROM "HourlyRollup" WHERE "hour" >= $1 GROUP BY "hour"'
        : 'SELECT "hour", SUM("calls") AS calls, SUM("answered") AS answered FROM "HourlyRollup" WHERE "hour" >= ? GROUP BY "hour"';
    const baseline = await timeRuns(RUNS.baseline, () => db.$queryRawUnsafe(baselineSql, dbName === "postgres" ? chartFrom() : sqliteDate(chartFrom())));
    const overview24 = await timeRuns(RUNS.overview, () => getOverview({ now: new Date(), range: "24h" }));
    const overview7d = await timeRuns(RUNS.overview, () => getOverview({ now: new Date(), range: "7d" }));
    const taskStats = await timeRuns(RUNS.taskPage, () => getTaskStats({ taskId: pageTask.id, now: new Date() }));
    const forecast = await timeRuns(RUNS.taskPage, () => getTaskForecast({ taskId: pageTask.id, now: new Date() }));
    const sample = await getOverview({ now: new Date(), range: "24h" });

    const fmt = (t: { median: number; p95: number }) => `p95 ${t.p95.toFixed(1)} ms`;
    console.log(
      `BENCH overview p95_ms=${overview24.p95.toFixed(1)} baseline_p95_ms=${baseline.p95.toFixed(1)} ratio=${(overview24.p95 / baseline.p95).toFixed(2)} overview_7d_p95_ms=${overview7d.p95.toFixed(1)} task_stats_p95_ms=${taskStats.p95.toFixed(1)} task_stats_ratio=${(taskStats.p95 / baseline.p95).toFixed(2)} db=${dbName}`,
    );
    return [
      {
        name: "seed: tasks, call records, roll-ups, snapshots",
        value: seedSeconds,
        unit: "s",
        note: `${TASKS} tasks, ${callRows} calls → ${rollupCount} roll-up rows (${rollupSum._sum.calls} calls), ${snapshots.length} snapshots`,
      },
      { name: `one indexed roll-up aggregate (baseline, ${dbName}) median`, value: baseline.median, unit: "ms", note: `${fmt(baseline)}, ${RUNS.baseline} runs` },
      { name: "health check (same run) median", value: health.median, unit: "ms", note: `${fmt(health)}, ${RUNS.health} runs` },
      {
        name: "overview, 24 h chart median",
        value: overview24.median,
        unit: "ms",
        note: `${fmt(overview24)}, ${RUNS.overview} runs; ${sample.kpis.runningTasks} running, ${sample.kpis.callsToday} calls today, ${sample.attention.length} attention rows`,
      },
      { name: "overview, 7 d chart median", value: overview7d.median, unit: "ms", note: `${fmt(overview7d)}, ${RUNS.overview} runs` },
      { name: "task page statistics median", value: taskStats.median, unit: "ms", note: `${fmt(taskStats)}, ${RUNS.taskPage} runs; ${PAGE_TASK_SNAPSHOTS} snapshots thinned for the chart` },
      { name: "task page forecast median", value: forecast.median, unit: "ms", note: `${fmt(forecast)}, ${RUNS.taskPage} runs` },
    ];
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run()) console.log(`${r.name.padEnd(48)} ${r.value.toFixed(1).padStart(10)} ${r.unit.padEnd(4)} ${r.note ?? ""}`);
}
