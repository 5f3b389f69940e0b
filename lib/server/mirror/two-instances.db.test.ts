// Issue 14 goal 6: two app instances on one PostgreSQL, each started by the start script `npm start` runs.
// Callbacks delivered alternately to both (re-deliveries included) are applied exactly once, and the
// scheduled sync runs once per interval between them. PostgreSQL only: it is the database several instances
// share (README "Using PostgreSQL"); a SQLite file belongs to one instance.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { getDb } from "../db";
import { databaseKind, freshDatabase } from "../testing/db";
import { createAccount, NX_CREDENTIALS, nxSimTask, signedNxcloudCall, startNxcloud } from "./test-support";
import { upsertRemoteTask } from "./upsert";

const root = path.resolve(import.meta.dirname, "../../..");
const PORTS = [Number(process.env.TWO_INSTANCES_PORT ?? 3211), Number(process.env.TWO_INSTANCES_PORT ?? 3211) + 1];
const INTERVAL_SEC = 3;
const CALLS = 120;

function startInstance(port: number): ChildProcess {
  return spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    cwd: root,
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

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe.runIf(databaseKind() === "postgresql")("two instances on one PostgreSQL", () => {
  let sim: NxcloudSimulator;
  let accountId: string;
  let taskId: string;
  const instances: ChildProcess[] = [];

  beforeAll(async () => {
    sim = await startNxcloud();
    await freshDatabase();
    sim.state.tasks.push(nxSimTask(1));
    accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
    const task = { remoteId: "bench-000001", name: "t", kind: "call" as const, taskType: "callbot", status: "running" as const, rawStatus: "2", createdAt: null, stats: null, concurrency: null, raw: {} };
    taskId = (await upsertRemoteTask(accountId, task)).id;
    // The first builds the app when its sources changed; the second then finds the build ready.
    for (const port of PORTS) {
      const child = startInstance(port);
      instances.push(child);
      await waitUntil(`instance on ${port}`, async () => child.exitCode === null && (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, 1_200, 500);
    }
  }, 900_000);

  afterAll(async () => {
    await Promise.all(instances.map(stop));
    await sim?.stop();
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
    await waitUntil("every stored callback applied", async () => (await db.webhookEvent.count({ where: { appliedAt: null } })) === 0, 120, 250);
    const rollup = await db.hourlyRollup.aggregate({ where: { taskId }, _sum: { calls: true } });
    expect({
      calls: await db.callRecord.count({ where: { taskId } }),
      rollup: rollup._sum.calls,
      inbox: await db.webhookEvent.count(),
      applied: await db.webhookEvent.count({ where: { appliedAt: { not: null } } }),
    }).toEqual({ calls: CALLS, rollup: CALLS, inbox: CALLS, applied: CALLS });
  }, 120_000);

  it("run the scheduled sync once per interval between them", async () => {
    const db = getDb();
    const runs = await waitUntil(
      "four scheduled syncs",
      async () => {
        const rows = await db.syncRun.findMany({ where: { accountId, trigger: "schedule" }, select: { startedAt: true }, orderBy: { startedAt: "asc" } });
        return rows.length >= 4 && rows;
      },
      240,
      250,
    );
    // Both instances tick every interval; each interval (aligned on the clock) has one pass.
    const slots = runs.map((r) => Math.floor(r.startedAt.getTime() / (INTERVAL_SEC * 1000)));
    expect(new Set(slots).size).toBe(slots.length);
  }, 120_000);
});
