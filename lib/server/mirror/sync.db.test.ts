import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { NXCLOUD_TASK_STATUS } from "../../providers/nxcloud/wire";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { createAccount, NX_CREDENTIALS, nxSimTask, startNxcloud } from "./test-support";
import { flushBackgroundSyncs, getSyncRun, startSync, syncAccount, syncAllAccounts, type SyncResult } from "./sync";

// Acceptance (issue 5): with 20 % faults injected in the simulator, a full sync converges to exactly the
// simulator's tasks — no duplicates, none missing — and a failed run never marks anything gone.
const FAULTS = { errorRate: 0.2, rateLimitRate: 0.05, retryAfterSec: 0, seed: 11 };

let sim: NxcloudSimulator;
let accountId: string;

async function setFaults(faults: Record<string, number>) {
  const res = await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify(faults) });
  expect(res.status).toBe(200);
}

/** Runs syncs until one completes (a run can fail when every retry of a page draws a fault). */
async function syncUntilOk(): Promise<SyncResult> {
  for (let i = 0; i < 5; i++) {
    const res = await syncAccount(accountId);
    if (res.status === "ok") return res;
  }
  throw new Error("sync did not converge in 5 runs");
}

async function expectMirrorEqualsSimulator() {
  const rows = await getDb().task.findMany({ where: { accountId }, select: { remoteId: true, status: true, rawStatus: true, totalCalls: true, goneAt: true } });
  const live = rows.filter((r) => r.goneAt === null);
  const remote = sim.state.tasks;
  expect(live.map((r) => r.remoteId).sort()).toEqual(remote.map((t) => t.userTaskID).sort());
  expect(new Set(rows.map((r) => r.remoteId)).size).toBe(rows.length);
  const byId = new Map(live.map((r) => [r.remoteId, r]));
  for (const t of remote) {
    expect(byId.get(t.userTaskID)?.rawStatus).toBe(String(t.taskStatus));
    expect(byId.get(t.userTaskID)?.totalCalls).toBe(t.totalCall);
  }
  return rows;
}

beforeAll(async () => {
  sim = await startNxcloud(FAULTS);
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  await freshDatabase();
  sim.state.tasks.length = 0;
  await setFaults(FAULTS);
  accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
});

describe("syncAccount against the NXCloud simulator with 20 % faults", () => {
  it("converges to exactly the simulator's tasks, marks vanished ones gone, and follows changes", async () => {
    for (let i = 0; i < 250; i++) sim.state.tasks.push(nxSimTask(i, { status: (i % 5) + 1, orders: 2, called: i % 3 }));
    // Mirrored earlier, deleted on the provider since.
    await getDb().task.create({ data: { accountId, remoteId: "vanished-1", name: "Old", status: "paused", createdAt: new Date(Date.now() - 60_000) } });

    const first = await syncUntilOk();
    expect(first).toMatchObject({ seen: 250, created: 250, gone: 1 });
    const rows = await expectMirrorEqualsSimulator();
    const vanished = rows.find((r) => r.remoteId === "vanished-1");
    expect(vanished?.goneAt).not.toBeNull();
    // Gone is not deleted: only the provider says "deleted".
    expect(vanished?.status).toBe("paused");
    const run = await getSyncRun(first.runId);
    expect(run).toMatchObject({ status: "ok", pages: 3, seen: 250, created: 250, gone: 1 });
    expect(await getDb().taskSnapshot.count()).toBe(250);

    // The provider changes: 10 tasks removed, 5 new, 7 paused.
    sim.state.tasks.splice(0, 10);
    for (let i = 1000; i < 1005; i++) sim.state.tasks.push(nxSimTask(i));
    for (const t of sim.state.tasks.slice(0, 7)) t.taskStatus = NXCLOUD_TASK_STATUS.paused;
    const second = await syncUntilOk();
    expect(second).toMatchObject({ seen: 245, created: 5, gone: 10 });
    await expectMirrorEqualsSimulator();
    expect(await getDb().task.count({ where: { accountId } })).toBe(256);

    // A task that comes back is live again.
    sim.state.tasks.push(nxSimTask(0, { status: 1 }));
    await syncUntilOk();
    await expectMirrorEqualsSimulator();
  });

  it("an account's first sync (its pages written outside Prisma) leaves the mirror a second sync finds nothing to change in", async () => {
    await setFaults({ errorRate: 0, rateLimitRate: 0 });
    for (let i = 0; i < 150; i++) sim.state.tasks.push(nxSimTask(i, { status: (i % 5) + 1, orders: 2, called: i % 3 }));
    const first = await syncAccount(accountId);
    expect(first).toMatchObject({ status: "ok", seen: 150, created: 150, updated: 0 });
    await expectMirrorEqualsSimulator();
    expect(await getDb().taskSnapshot.count()).toBe(150);
    const second = await syncAccount(accountId);
    expect(second).toMatchObject({ status: "ok", seen: 150, created: 0, updated: 0 });
    expect(await getDb().task.count({ where: { accountId } })).toBe(150);
  });

  it("a failed run records its error and marks nothing gone", async () => {
    for (let i = 0; i < 150; i++) sim.state.tasks.push(nxSimTask(i, { orders: 1 }));
    await syncUntilOk();
    sim.state.tasks.splice(0, 100);
    await setFaults({ errorRate: 1, rateLimitRate: 0 });
    const res = await syncAccount(accountId);
    expect(res.status).toBe("error");
    expect(res.gone).toBe(0);
    expect(JSON.parse(res.error ?? "{}")).toMatchObject({ code: expect.stringMatching(/^HTTP_5/) });
    expect(await getDb().task.count({ where: { accountId, goneAt: { not: null } } })).toBe(0);
    const run = await getSyncRun(res.runId);
    expect(run?.status).toBe("error");
    expect(run?.finishedAt).not.toBeNull();
  });

  it("startSync returns the run at once; the run finishes in the background", async () => {
    await setFaults({ errorRate: 0, rateLimitRate: 0 });
    for (let i = 0; i < 120; i++) sim.state.tasks.push(nxSimTask(i, { orders: 1 }));
    const { runId } = await startSync(accountId, "manual");
    expect((await getDb().syncRun.findUnique({ where: { id: runId } }))?.trigger).toBe("manual");
    await flushBackgroundSyncs();
    expect(await getSyncRun(runId)).toMatchObject({ status: "ok", seen: 120, expected: 120 });
  });

  it("syncAllAccounts syncs enabled accounts only", async () => {
    await setFaults({ errorRate: 0, rateLimitRate: 0 });
    sim.state.tasks.push(nxSimTask(1));
    const disabled = await createAccount("nxcloud", sim.url, NX_CREDENTIALS, {});
    await getDb().providerAccount.update({ where: { id: disabled }, data: { enabled: false } });
    const results = await syncAllAccounts("schedule");
    expect(results).toHaveLength(1);
    expect(await getDb().syncRun.findMany({ select: { accountId: true, trigger: true } })).toEqual([{ accountId, trigger: "schedule" }]);
  });
});
