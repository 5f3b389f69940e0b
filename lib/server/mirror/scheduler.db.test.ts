import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { nxcloudParseWebhook } from "../../providers/nxcloud/webhook";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { runScheduledPass, runScheduledPassOncePerInterval, startMirrorScheduler, stopMirrorScheduler } from "./scheduler";
import { createAccount, NX_CREDENTIALS, nxSimTask, signedNxcloudCall, startNxcloud } from "./test-support";
import { flushWebhookApplies, INBOX_KEEP_MS, receiveWebhook } from "./webhooks";

let sim: NxcloudSimulator;
beforeAll(async () => {
  sim = await startNxcloud();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  await freshDatabase();
});

describe("the scheduled pass", () => {
  it("does nothing without accounts", async () => {
    expect(await runScheduledPass()).toEqual({ recovered: 0, synced: 0 });
    expect(await getDb().syncRun.count()).toBe(0);
  });

  it("applies inbox rows left unapplied, then syncs every enabled account", async () => {
    sim.state.tasks.length = 0;
    sim.state.tasks.push(nxSimTask(1));
    const accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
    const call = signedNxcloudCall({ userTaskID: "bench-000001", callID: "lost-in-crash" });
    const [event] = nxcloudParseWebhook({ query: {}, headers: call.headers, rawBody: call.body });
    await getDb().webhookEvent.create({
      data: { accountId, dedupeKey: event.dedupeKey, body: JSON.stringify({ event, raw: call.body }), receivedAt: new Date(Date.now() - 120_000) },
    });
    expect(await runScheduledPass()).toEqual({ recovered: 1, synced: 1 });
    expect(await getDb().callRecord.count()).toBe(1);
    expect(await getDb().syncRun.findFirst({ select: { trigger: true, status: true } })).toEqual({ trigger: "schedule", status: "ok" });
  });

  it("drops inbox rows applied over a week ago, keeps every other; that call sent again is not counted twice", async () => {
    sim.state.tasks.length = 0;
    sim.state.tasks.push(nxSimTask(1));
    const accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
    const db = getDb();
    const deliver = async (callID: string) => {
      const call = signedNxcloudCall({ userTaskID: "bench-000001", callID });
      const outcome = await receiveWebhook({ provider: "nxcloud", accountId, headers: call.headers, rawBody: call.body, query: new URLSearchParams() });
      await flushWebhookApplies();
      return outcome;
    };
    expect((await deliver("old-call")).status).toBe(200);
    expect((await deliver("recent-call")).status).toBe(200);
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    await db.webhookEvent.updateMany({ where: { dedupeKey: { contains: "old-call" } }, data: { appliedAt: ago(INBOX_KEEP_MS + 60_000) } });
    await db.webhookEvent.updateMany({ where: { dedupeKey: { contains: "recent-call" } }, data: { appliedAt: ago(INBOX_KEEP_MS - 3_600_000) } });
    // Older still, never applied: one that failed for good, and a request kept unparsed.
    const long = ago(3 * INBOX_KEEP_MS);
    await db.webhookEvent.create({ data: { accountId, dedupeKey: "failed", body: "{}", receivedAt: long, failedAt: long, error: "gone", attempts: 5 } });
    await db.webhookEvent.create({ data: { accountId, dedupeKey: "unparsed:x", body: "{}", receivedAt: long, unparsed: true, error: "bad" } });

    await runScheduledPass(now);
    const kept = (await db.webhookEvent.findMany({ select: { dedupeKey: true } })).map((r) => r.dedupeKey).sort();
    expect(kept).toHaveLength(3);
    expect(kept.some((k) => k.includes("old-call"))).toBe(false);
    expect(kept.some((k) => k.includes("recent-call"))).toBe(true);
    expect(kept).toEqual(expect.arrayContaining(["failed", "unparsed:x"]));

    // The provider sends the dropped call once more: stored and applied again, and still one call in the counts.
    expect((await deliver("old-call")).body).toMatchObject({ ok: true, received: 1, duplicates: 0 });
    expect(await db.callRecord.count()).toBe(2);
    expect((await db.hourlyRollup.aggregate({ _sum: { calls: true } }))._sum.calls).toBe(2);
  });

  it("is off when the interval is 0", () => {
    expect(startMirrorScheduler(0)).toBeNull();
    const cron = startMirrorScheduler(3_600);
    expect(cron?.isRunning()).toBe(true);
    stopMirrorScheduler();
    expect(cron?.isRunning()).toBe(false);
  });
});

describe("several instances", () => {
  it("run one scheduled pass per interval between them", async () => {
    sim.state.tasks.length = 0;
    sim.state.tasks.push(nxSimTask(1));
    await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
    // Ticks of two instances (the same function, racing) inside one 60 s interval, then in the next one.
    const interval = new Date(Date.UTC(2031, 0, 6, 9, 0, 0));
    const at = (sec: number) => new Date(interval.getTime() + sec * 1000);
    const first = await Promise.all([runScheduledPassOncePerInterval(60, at(1)), runScheduledPassOncePerInterval(60, at(2))]);
    const again = await runScheduledPassOncePerInterval(60, at(59));
    const next = await Promise.all([runScheduledPassOncePerInterval(60, at(61)), runScheduledPassOncePerInterval(60, at(75))]);
    expect(first.filter((r) => r !== null)).toHaveLength(1);
    expect(again).toBeNull();
    expect(next.filter((r) => r !== null)).toHaveLength(1);
    expect(await getDb().syncRun.count({ where: { trigger: "schedule" } })).toBe(2);
  });
});
