// NXCloud's callbacks from the simulator to a local receiver, verified and parsed by the real adapter.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nxcloudAdapter } from "../../lib/providers/nxcloud";
import { NXCLOUD_PATHS } from "../../lib/providers/nxcloud/wire";
import type { RetryStrategy } from "../../lib/domain/retry-strategy";
import type { InboundWebhook, ProviderContext, TaskDraft, WebhookEvent } from "../../lib/providers/types";
import { DEMO_CREDENTIALS } from "./demo";
import type { NxcloudSimulator } from "./server";
import { contacts, ctxFor, draft, HOUR, rawPost, startReceiver, startSim, stopSims, type Receiver } from "./testing";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
afterEach(async () => {
  await stopSims();
  receiver.received.length = 0;
  receiver.failNext = 0;
});

const bodyOf = (h: InboundWebhook) => JSON.parse(h.rawBody) as Record<string, unknown>;
const isTaskCallback = (h: InboundWebhook) => !("callInfoDetail" in bodyOf(h));

async function runTaskWithCallbacks(sim: NxcloudSimulator, ctx: ProviderContext, numbers = 3, overrides: Partial<TaskDraft> = {}): Promise<string> {
  const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 2 }, ...overrides }));
  await nxcloudAdapter.addContacts!(ctx, remoteId, contacts(numbers));
  await nxcloudAdapter.startTask!(ctx, remoteId);
  sim.clock.advance(3 * HOUR);
  sim.tick();
  await sim.flushWebhooks();
  return remoteId;
}

describe("callbacks", () => {
  it("arrive signed, verify, parse into task-status and call events, and a tampered one is refused", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url, { webhookUrl: receiver.url });
    const remoteId = await runTaskWithCallbacks(sim, ctx);

    expect(receiver.received.length).toBeGreaterThan(0);
    const events: WebhookEvent[] = [];
    for (const hook of receiver.received) {
      expect(hook.headers.algorithm).toBeUndefined();
      expect(nxcloudAdapter.verifyWebhook(ctx, hook)).toBe(true);
      events.push(...nxcloudAdapter.parseWebhook(ctx, hook));
    }
    const statuses = events.filter((e) => e.type === "task-status");
    expect(statuses.map((e) => e.type === "task-status" && e.status)).toEqual(["running", "completed"]);
    expect(statuses.every((e) => e.remoteTaskId === remoteId)).toBe(true);
    const callEvents = events.filter((e) => e.type === "call");
    const simCalls = sim.state.calls.filter((c) => c.userTaskID === remoteId);
    // By-order and by-call callbacks of the same call share a dedupe key, so each call counts once.
    expect(new Set(callEvents.map((e) => e.dedupeKey)).size).toBe(simCalls.length);

    const hook = receiver.received[receiver.received.length - 1];
    expect(nxcloudAdapter.verifyWebhook(ctx, { ...hook, rawBody: hook.rawBody.replace(/"taskStatus":\d/, '"taskStatus":5') + " " })).toBe(false);
    expect(nxcloudAdapter.verifyWebhook(ctx, { query: {}, headers: { ...hook.headers, sign: "0".repeat(32) }, rawBody: hook.rawBody })).toBe(false);
    expect(nxcloudAdapter.verifyWebhook(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, secretKey: "other" } }), hook)).toBe(false);
  });

  it("every call is reported by call; an order is reported once, when it is finished", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url, { webhookUrl: receiver.url });
    // A retry strategy turns on roundRedial: an unanswered number is called once more.
    const retryStrategy: RetryStrategy = { name: "once", rounds: [{ after: { days: 0, hours: 0, minutes: 10 } }], measureFrom: "previous-call", onlyToday: false, retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"] };
    const remoteId = await runTaskWithCallbacks(sim, ctx, 10, { retryStrategy });
    const calls = sim.state.calls.filter((c) => c.userTaskID === remoteId);
    const byCall = receiver.received.filter((h) => bodyOf(h).callbackType === 2);
    const byOrder = receiver.received.filter((h) => bodyOf(h).callbackType === "1");
    expect(byCall).toHaveLength(calls.length);
    // Some numbers were redialled: more calls than orders, yet one by-order callback per number.
    expect(calls.length).toBeGreaterThan(10);
    expect(byOrder).toHaveLength(10);
    expect(byOrder.every((h) => bodyOf(h).finish === true)).toBe(true);
  });

  it("task callbacks go to the URL createTask's example carries at the top level", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url, { webhookUrl: receiver.url });
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 1, taskKeep: true } }));
    await nxcloudAdapter.startTask!(ctx, remoteId);
    await sim.flushWebhooks();
    expect(receiver.received.filter(isTaskCallback)).toHaveLength(1);
    expect((await rawPost(url, NXCLOUD_PATHS.listTask, { productID: "callbot", page: 1, size: 1, queryConditions: { userTaskID: [remoteId] } })).taskData).toMatchObject([
      { taskSetting: { taskCreateSetting: { taskCallbackUrl: receiver.url } } },
    ]);
  });

  it("the task-status callback's createTs is the task's creation: the event is dated and keyed by the header's createTs", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url, { webhookUrl: receiver.url });
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 1, taskKeep: true } }));
    const createdAt = sim.state.tasks[0].createTs;
    sim.clock.advance(5 * HOUR);
    await nxcloudAdapter.startTask!(ctx, remoteId);
    await nxcloudAdapter.pauseTask!(ctx, remoteId);
    await nxcloudAdapter.startTask!(ctx, remoteId);
    await sim.flushWebhooks();
    const hooks = receiver.received.filter(isTaskCallback);
    expect(hooks.map((h) => bodyOf(h).taskStatus)).toEqual([2, 5, 2]);
    expect(hooks.every((h) => bodyOf(h).createTs === createdAt)).toBe(true);
    const events = hooks.flatMap((h) => nxcloudAdapter.parseWebhook(ctx, h));
    // The two "running" changes are two events, not one re-delivery.
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(3);
    events.forEach((e, i) => expect(e.occurredAt.getTime()).toBe(Number(hooks[i].headers.createts) * 1000));
  });

  it("a duplicated delivery carries the same dedupe key", async () => {
    const { sim, url } = await startSim({ faults: { webhookDuplicateRate: 1 } });
    const ctx = ctxFor(url, { webhookUrl: receiver.url });
    await runTaskWithCallbacks(sim, ctx);
    const keys = receiver.received.flatMap((h) => nxcloudAdapter.parseWebhook(ctx, h).map((e) => e.dedupeKey));
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect([...counts.entries()].filter(([k]) => k.includes(":task:")).every(([, n]) => n === 2)).toBe(true);
    expect([...counts.values()].every((n) => n % 2 === 0)).toBe(true);
  });

  it("are signed with the account's SHA256 setting and retried after a non-200", async () => {
    const credentials = { ...DEMO_CREDENTIALS, algorithm: "SHA256" };
    const { sim, url } = await startSim({ credentials });
    const ctx = ctxFor(url, { credentials, webhookUrl: receiver.url });
    receiver.failNext = 1;
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "3", maxCall: 1, taskKeep: true } }));
    await nxcloudAdapter.pauseTask!(ctx, remoteId);
    await sim.flushWebhooks();
    expect(receiver.failNext).toBe(0);
    const events = receiver.received.flatMap((h) => {
      expect(nxcloudAdapter.verifyWebhook(ctx, h)).toBe(true);
      expect(nxcloudAdapter.verifyWebhook(ctxFor(url), h)).toBe(false);
      return nxcloudAdapter.parseWebhook(ctx, h);
    });
    expect(events.map((e) => e.type === "task-status" && e.rawStatus).sort()).toEqual(["2", "5"]);
  });

  it("only the seeded demo tasks report to the embedding app's URL; no other task falls back to it", async () => {
    const { sim, url } = await startSim({ seedDemo: true, webhookUrl: receiver.url });
    const demo = sim.state.tasks.find((t) => t.taskStatus === 1 && t.setting.startupType === 1)!;
    const created = await rawPost(url, NXCLOUD_PATHS.createTask, {
      productID: "callbot",
      userTaskID: "no-callback-url",
      sceneID: "scene-1",
      taskCreateSetting: { startupType: 1, zoneSecond: 28800, dialAtWeekDay: "1", dialAtUpHour: "9", dialAtDownHour: "9", maxCall: 1, taskName: "t" },
    });
    expect(created.retCode).toBe(0);
    for (const userTaskID of [demo.userTaskID, "no-callback-url"]) {
      expect((await rawPost(url, NXCLOUD_PATHS.mgrTaskStatus, { productID: "callbot", userTaskID, taskOperate: 1 })).retCode).toBe(0);
    }
    await sim.flushWebhooks();
    expect(receiver.received.filter(isTaskCallback).map((h) => bodyOf(h).userTaskID)).toEqual([demo.userTaskID]);
  });
});
