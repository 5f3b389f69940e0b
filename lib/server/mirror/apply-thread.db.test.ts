// Stored callbacks applied in the thread scripts/server.mjs gives them (apply-thread.ts, issue 14 goal 1), against
// a real database: what the thread applies is counted once, a flush waits for it, and if the thread ends the
// server's own thread takes over without losing or doubling a call.
import { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { applyInThread } from "./apply-thread";
import { createAccount, NX_CREDENTIALS, signedNxcloudCall, startNxcloud } from "./test-support";
import { upsertRemoteTask } from "./upsert";
import { flushWebhookApplies, receiveWebhook, useWebhookApplyRunner } from "./webhooks";

const WORKER = new URL("../../../scripts/webhook-apply-worker.mjs", import.meta.url);

let sim: NxcloudSimulator;
let accountId: string;
let taskId: string;
let stop: (() => Promise<void>) | null = null;

beforeAll(async () => {
  sim = await startNxcloud();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  await freshDatabase();
  accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
  const task = { remoteId: "t-1", name: "t-1", kind: "call" as const, taskType: "callbot", status: "running" as const, rawStatus: "2", createdAt: null, stats: null, concurrency: null, raw: {} };
  taskId = (await upsertRemoteTask(accountId, task)).id;
});
afterEach(async () => {
  await stop?.();
  stop = null;
  useWebhookApplyRunner(null);
});

/** Delivers calls `from`…`to - 1` of task t-1; the first `twice` of them again, as a provider re-delivers. */
async function deliver(from: number, to: number, twice = 0): Promise<void> {
  for (let i = from; i < to; i++) {
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: `c-${i}`, answered: i % 2 === 0, startTs: 1_790_000_000 + i });
    for (let k = 0; k < (i - from < twice ? 2 : 1); k++) {
      const outcome = await receiveWebhook({ provider: "nxcloud", accountId, headers: call.headers, rawBody: call.body, query: new URLSearchParams() });
      expect(outcome.status).toBe(200);
    }
  }
}

async function counts() {
  const db = getDb();
  const [calls, applied, pending, rollup] = await Promise.all([
    db.callRecord.count({ where: { taskId } }),
    db.webhookEvent.count({ where: { appliedAt: { not: null } } }),
    db.webhookEvent.count({ where: { appliedAt: null } }),
    db.hourlyRollup.aggregate({ where: { taskId }, _sum: { calls: true, answered: true } }),
  ]);
  return { calls, applied, pending, rollupCalls: rollup._sum.calls, rollupAnswered: rollup._sum.answered };
}

describe("the apply thread", () => {
  it("applies stored callbacks, each call once, in batches it answers for; a flush waits for it", async () => {
    const worker = new Worker(WORKER);
    let answered = 0;
    worker.on("message", (m: { error?: string }) => {
      expect(m.error).toBeUndefined();
      answered++;
    });
    stop = applyInThread(worker);
    await deliver(0, 120, 15);
    await flushWebhookApplies();
    expect(await counts()).toEqual({ calls: 120, applied: 120, pending: 0, rollupCalls: 120, rollupAnswered: 60 });
    // The thread answered for every batch it was given; nothing was applied without it.
    expect(answered).toBeGreaterThan(0);
  });

  it("when the thread ends, the server's thread applies the rest: no call lost, none counted twice", async () => {
    const worker = new Worker(WORKER);
    stop = applyInThread(worker);
    await deliver(0, 40, 5);
    await flushWebhookApplies();
    expect((await counts()).applied).toBe(40);
    await worker.terminate();
    await deliver(40, 100, 5);
    await flushWebhookApplies();
    expect(await counts()).toEqual({ calls: 100, applied: 100, pending: 0, rollupCalls: 100, rollupAnswered: 50 });
  });
});
