// Issue 14 goal 6: two app instances on one PostgreSQL, each started by the start script `npm start` runs.
// Callbacks delivered alternately to both (re-deliveries included) are applied exactly once, and the
// scheduled sync runs once per interval between them. PostgreSQL only — it is the database several instances
// share (README "Using PostgreSQL"); a SQLite file belongs to one instance — so this is the "pg" project,
// which scripts/test-integration.sh runs in its PostgreSQL pass (vitest.config.ts).
// Bounded: each instance must answer /api/health within its start-up budget (a first start builds the app),
// every wait below has a count, and the instances' process groups are stopped (then killed) afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { getDb } from "../db";
import { databaseKind, freshDatabase } from "../testing/db";
import { createAccount, NX_CREDENTIALS, nxSimTask, signedNxcloudCall, startNxcloud } from "./test-support";
import { upsertRemoteTask } from "./upsert";

const root = path.resolve(import.meta.dirname, "../../..");
const FIRST_PORT = Number(process.env.TWO_INSTANCES_PORT ?? 3211);
const PORTS = [FIRST_PORT, FIRST_PORT + 1];
const INTERVAL_SEC = 3;
const CALLS = 120;

if (databaseKind() !== "postgresql") throw new Error("two-instances.pg.test.ts needs TEST_DATABASE_URL to name a PostgreSQL database (scripts/test-integration.sh)");

/** A port left held by an earlier run would answer /api/health for the wrong database: refuse to start. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function startInstance(port: number): ChildProcess {
  // Its own process group (tsx's CLI → start.ts → server.mjs), so stopping it reaches every process in it.
  return spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      DIALBOARD_EMBEDDED: "0",
      DIALBOARD_SYNC_INTERVAL_SEC: String(INTERVAL_SEC),
      LOG_LEVEL: "error",
      NODE_ENV: "production",
    },
  });
}

async function waitUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, tries: number, everyMs: number): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is gone
  }
}

/** SIGTERM to the instance's whole group; SIGKILL to what is left after 15 s. */
async function stop(child: ChildProcess, port: number): Promise<void> {
  signalGroup(child, "SIGTERM");
  const gone = await waitUntil(`instance on ${port} to stop`, async () => child.exitCode !== null && (await portIsFree(port)), 60, 250).catch(() => false);
  if (!gone) signalGroup(child, "SIGKILL");
}

describe("two instances on one PostgreSQL", () => {
  let sim: NxcloudSimulator;
  let accountId: string;
  let taskId: string;
  const instances: { child: ChildProcess; port: number }[] = [];

  beforeAll(async () => {
    for (const port of PORTS) if (!(await portIsFree(port))) throw new Error(`port ${port} is in use (TWO_INSTANCES_PORT picks others)`);
    sim = await startNxcloud();
    await freshDatabase();
    sim.state.tasks.push(nxSimTask(1));
    accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
    const task = { remoteId: "bench-000001", name: "t", kind: "call" as const, taskType: "callbot", status: "running" as const, rawStatus: "2", createdAt: null, stats: null, concurrency: null, raw: {} };
    taskId = (await upsertRemoteTask(accountId, task)).id;
    // One after the other: the first builds the app when its sources changed, the second finds the build ready
    // (two builds into one .next at once would break each other).
    for (const port of PORTS) {
      const child = startInstance(port);
      instances.push({ child, port });
      await waitUntil(`instance on ${port}`, async () => child.exitCode === null && (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, 1_200, 500);
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => stop(i.child, i.port)));
    await sim?.stop();
    await getDb().$disconnect();
  }, 60_000);

  it("apply callbacks delivered alternately to both exactly once", async () => {
    const calls = Array.from({ length: CALLS }, (_, i) => signedNxcloudCall({ userTaskID: "bench-000001", callID: `two-${i}`, startTs: Math.floor(Date.now() / 1000) - 600 + i }));
    // Every tenth call is delivered again, to the other instance.
    const deliveries = [...calls.map((c, i) => ({ c, port: PORTS[i % 2] })), ...calls.filter((_, i) => i % 10 === 0).map((c, i) => ({ c, port: PORTS[(i + 1) % 2] }))];
    const statuses: number[] = [];
    for (let i = 0; i < deliveries.length; i += 10) {
      const chunk = deliveries.slice(i, i + 10);
      const answers = await Promise.all(chunk.map(({ c, port }) => fetch(`http://127.0.0.1:${port}/api/webhooks/nxcloud/${accountId}`, { method: "POST", body: c.body, headers: c.headers })));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const db = getDb();
    await waitUntil("every stored callback applied", async () => (await db.webhookEvent.count({ where: { appliedAt: null } })) === 0, 240, 250);
    const rollup = await db.hourlyRollup.aggregate({ where: { taskId }, _sum: { calls: true } });
    expect({
      calls: await db.callRecord.count({ where: { taskId } }),
      rollup: rollup._sum.calls,
      inbox: await db.webhookEvent.count(),
      applied: await db.webhookEvent.count({ where: { appliedAt: { not: null } } }),
    }).toEqual({ calls: CALLS, rollup: CALLS, inbox: CALLS, applied: CALLS });
  });

  it("run the scheduled sync once per interval between them", async () => {
    const db = getDb();
    const scheduled = () => db.syncRun.count({ where: { accountId, trigger: "schedule" } });
    // Both instances tick every interval (intervals aligned on the clock); without the shared claim each would
    // run its own pass, two per interval. Counted over whole intervals observed from here.
    const slot = () => Math.floor(Date.now() / (INTERVAL_SEC * 1000));
    const firstSlot = slot();
    const before = await scheduled();
    await waitUntil("six more scheduled syncs", async () => (await scheduled()) >= before + 6, 320, 250);
    const runs = (await scheduled()) - before;
    const intervals = slot() - firstSlot + 1;
    expect(runs).toBeGreaterThanOrEqual(6);
    // One more than the intervals: the pass of the interval before the first may record its run after `before`.
    // Without the claim, six runs take three intervals.
    expect(runs).toBeLessThanOrEqual(intervals + 1);
  });
});
