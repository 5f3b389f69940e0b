// Webhook ingestion (issue 14 goal 1): signed NXCloud by-call callbacks for one real task, 10 % of them
// delivered twice (same bytes and headers, as a provider re-delivers), posted by autocannon from a separate
// process over loopback with 20 connections to the server `npm start` runs (scripts/server.mjs: Next, with
// callbacks on the lean path before it) — next to a bare node:http server loaded the same way in the same run
// (the ceiling of this machine and client). Then, once every stored row is applied, the counts that prove
// nothing was lost or counted twice. Ends with one line per database:
//   BENCH webhooks events_per_s=… baseline_req_per_s=… ratio=… p99_ms=… stored=… expected=… db=sqlite
// PostgreSQL too when BENCH_PG_URL (or TEST_DATABASE_URL_PG) names one (its public schema is replaced);
// BENCH_DB=sqlite|postgres runs one; BENCH_WEBHOOK_PORT moves the app's port (3219). `npm run bench -- webhooks --rows 20000` sizes it (unique calls).
// Needs a production build (.next); one is made when missing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freshBenchDatabase, stubServerOnly, type Row } from "./support";

const root = path.resolve(import.meta.dirname, "..");
const DUPLICATE_SHARE = 0.1;
const CONNECTIONS = 20;
const WARMUP = 1_000;
/** The app server's port (the bare one picks its own). */
const APP_PORT = Number(process.env.BENCH_WEBHOOK_PORT ?? 3219);

interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
}

interface Load {
  sent: number;
  /** First request prepared to last answer read (webhook-load.mjs says why not autocannon's own span). */
  seconds: number;
  /** autocannon's start–finish, whole seconds late. */
  autocannonSeconds: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

function load(base: string, file: string): Load {
  const res = spawnSync(process.execPath, [path.join(root, "bench/webhook-load.mjs"), base, file, String(CONNECTIONS)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (res.status !== 0) throw new Error(`load failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split("\n").pop()!) as Load;
}

function waitForLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !exited) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not come up`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

function buildIfMissing(): void {
  if (existsSync(path.join(root, ".next/BUILD_ID"))) return;
  const res = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (res.status !== 0) throw new Error("next build failed");
}


/** Deliveries for `calls` calls of one task, `share` of them sent twice, interleaved with the first sends. */
function deliveries(support: typeof import("../lib/server/mirror/test-support"), accountId: string, task: string, calls: number, share: number): Delivery[] {
  const startTs = Math.floor(Date.now() / 1000) - 3600;
  const unique = Array.from({ length: calls }, (_, i) => {
    const signed = support.signedNxcloudCall({ userTaskID: task, callID: `${task}-call-${i}`, answered: i % 3 !== 0, startTs: startTs + (i % 600) });
    return { path: `/api/webhooks/nxcloud/${accountId}`, body: signed.body, headers: signed.headers };
  });
  const all = [...unique];
  const duplicates = Math.round(calls * share);
  for (let k = 0; k < duplicates; k++) all.splice(Math.floor((k * 7919) % all.length) + 1, 0, unique[(k * 37) % calls]);
  return all;
}

interface Measured {
  base: Load;
  app: Load;
  deliveries: number;
  expected: number;
  stored: number;
  inbox: number;
  applied: number;
  rollup: number;
  applySeconds: number;
}

async function measure(dbUrl: string, dir: string, calls: number): Promise<Measured> {
  await freshBenchDatabase(dbUrl);
  const support = await import("../lib/server/mirror/test-support");
  const { getDb } = await import("../lib/server/db");
  const { upsertRemoteTask } = await import("../lib/server/mirror/upsert");
  const db = getDb();
  const accountId = await support.createAccount("nxcloud", "http://127.0.0.1:9", support.NX_CREDENTIALS);
  const taskIds: Record<string, string> = {};
  for (const remoteId of ["bench-warmup", "bench-task"]) {
    const task = { remoteId, name: remoteId, kind: "call" as const, taskType: "callbot", status: "running" as const, rawStatus: "2", createdAt: null, stats: null, concurrency: null, raw: {} };
    taskIds[remoteId] = (await upsertRemoteTask(accountId, task)).id;
  }
  const files = { warmBase: "warm-base.json", warmApp: "warm-app.json", main: "main.json" };
  const main = deliveries(support, accountId, "bench-task", calls, DUPLICATE_SHARE);
  writeFileSync(path.join(dir, files.main), JSON.stringify(main));
  writeFileSync(path.join(dir, files.warmBase), JSON.stringify(main.slice(0, WARMUP)));
  writeFileSync(path.join(dir, files.warmApp), JSON.stringify(deliveries(support, accountId, "bench-warmup", WARMUP, DUPLICATE_SHARE)));

  const bare = spawn(process.execPath, [path.join(root, "bench/webhook-bare.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  // BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": a profile of the server under load.
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts/server.mjs")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: dbUrl,
      DIALBOARD_EMBEDDED: "0",
      DIALBOARD_SYNC_INTERVAL_SEC: "0",
      BETTER_AUTH_URL: `http://127.0.0.1:${APP_PORT}`,
    },
  });
  try {
    const bareUrl = `http://127.0.0.1:${await waitForLine(bare)}`;
    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    await waitForHealth(`${appUrl}/api/health`, app);
    load(bareUrl, path.join(dir, files.warmBase));
    load(appUrl, path.join(dir, files.warmApp));
    const base = load(bareUrl, path.join(dir, files.main));
    const started = performance.now();
    const measured = load(appUrl, path.join(dir, files.main));
    const where = { accountId, dedupeKey: { startsWith: "nxcloud:call:bench-task-" } };
    // Applied in the server's background: wait for the last stored row (bounded).
    for (let i = 0; i < 1_200; i++) {
      if ((await db.webhookEvent.count({ where: { ...where, appliedAt: null, failedAt: null } })) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const applySeconds = (performance.now() - started) / 1000;
    const [stored, inbox, applied, rollup] = await Promise.all([
      db.callRecord.count({ where: { taskId: taskIds["bench-task"] } }),
      db.webhookEvent.count({ where }),
      db.webhookEvent.count({ where: { ...where, appliedAt: { not: null } } }),
      db.hourlyRollup.aggregate({ where: { taskId: taskIds["bench-task"] }, _sum: { calls: true } }),
    ]);
    return { base, app: measured, deliveries: main.length, expected: calls, stored, inbox, applied, rollup: rollup._sum.calls ?? 0, applySeconds };
  } finally {
    await Promise.all([stop(app), stop(bare)]);
    await db.$disconnect();
  }
}

export async function run({ rows = 10_000 }: { rows?: number } = {}): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-webhooks-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  process.env.LOG_LEVEL ??= "error";
  // The bench seeds the account the server then reads: both hold the same keys.
  process.env.DIALBOARD_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
  stubServerOnly();
  buildIfMissing();
  const dbs: { name: "sqlite" | "postgres"; url: string }[] = [{ name: "sqlite", url: `file:${path.join(dir, "bench.db")}` }];
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL_PG;
  if (pgUrl) dbs.push({ name: "postgres", url: pgUrl });
  const out: Row[] = [];
  try {
    for (const db of dbs.filter((d) => !process.env.BENCH_DB || d.name === process.env.BENCH_DB)) {
      const m = await measure(db.url, dir, rows);
      const baseRate = m.base.sent / m.base.seconds;
      const rate = m.app.sent / m.app.seconds;
      const refused = Object.entries(m.app.statuses).filter(([s]) => s !== "200").map(([s, n]) => `${n}×${s}`).join(", ") || "none";
      const exact = m.stored === m.expected && m.inbox === m.expected && m.applied === m.expected && m.rollup === m.expected;
      out.push(
        { name: "bare node:http, same deliveries (ceiling)", value: baseRate, unit: "req/s", note: `p99 ${m.base.p99} ms, ${CONNECTIONS} connections; ${m.base.sent} in ${m.base.seconds.toFixed(2)} s (autocannon's span ${m.base.autocannonSeconds} s)` },
        { name: `webhooks → inbox, answered (${db.name})`, value: rate, unit: "events/s", note: `ratio ${(rate / baseRate).toFixed(2)}; ${m.app.sent}/${m.deliveries} sent in ${m.app.seconds.toFixed(2)} s (autocannon's span ${m.app.autocannonSeconds} s), ${Math.round(m.expected * DUPLICATE_SHARE)} re-deliveries; not 200: ${refused}` },
        { name: `webhooks p99 latency (${db.name})`, value: m.app.p99, unit: "ms", note: `p50 ${m.app.p50} ms; ${m.app.errors} errors, ${m.app.timeouts} timeouts` },
        { name: `received → applied (${db.name})`, value: m.expected / m.applySeconds, unit: "events/s", note: "until every stored row is applied" },
        { name: `calls stored (${db.name})`, value: m.stored, unit: "calls", note: `${exact ? "exact" : "MISMATCH"}: expected ${m.expected}; roll-up ${m.rollup}, inbox ${m.inbox}, applied ${m.applied}` },
      );
      console.log(
        `BENCH webhooks events_per_s=${Math.round(rate)} baseline_req_per_s=${Math.round(baseRate)} ratio=${(rate / baseRate).toFixed(3)} p99_ms=${m.app.p99} stored=${m.stored} expected=${m.expected} db=${db.name}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run()) console.log(`${r.name.padEnd(48)} ${r.value.toFixed(1).padStart(10)} ${r.unit.padEnd(9)} ${r.note ?? ""}`);
}
