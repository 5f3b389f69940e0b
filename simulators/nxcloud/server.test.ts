// The real NXCloud adapter against the NXCloud simulator over HTTP on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { ProviderError } from "../../lib/providers/errors";
import { nxcloudAdapter } from "../../lib/providers/nxcloud";
import { nxcloudSignedHeaders } from "../../lib/providers/nxcloud/sign";
import { NXCLOUD_PATHS } from "../../lib/providers/nxcloud/wire";
import type { InboundWebhook, ProviderContext, TaskDraft, WebhookEvent } from "../../lib/providers/types";
import type { FaultConfig } from "../core/types";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";
import { createNxcloudSimulator, type NxcloudSimulator } from "./server";

const calendar = cnCalendarFromPackage();
// Monday 2 March 2026, 08:00 in Beijing: an ordinary workday.
const MONDAY_0800 = new Date("2026-03-02T00:00:00Z");
const HOUR = 3_600_000;

const running: NxcloudSimulator[] = [];
async function startSim(opts: { faults?: Partial<FaultConfig>; seedDemo?: boolean; credentials?: Record<string, string> } = {}) {
  const sim = createNxcloudSimulator({
    port: 0,
    credentials: opts.credentials ?? DEMO_CREDENTIALS,
    calendar,
    // Frozen clock: tests move simulated time with clock.advance and tick().
    dialing: { factor: 0, answerProbability: 0.5 },
    faults: opts.faults,
    seedDemo: opts.seedDemo,
    startAt: MONDAY_0800,
  });
  running.push(sim);
  const url = await sim.start();
  return { sim, url };
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

function ctxFor(url: string, extra: Partial<ProviderContext> = {}): ProviderContext {
  return { baseUrl: url, credentials: DEMO_CREDENTIALS, settings: DEMO_SETTINGS, backoffMs: 5, ...extra };
}

function workdayGroup(start = 9 * 60, end = 18 * 60): CallTimeGroup {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start, end }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false };
}

function draft(overrides: Partial<TaskDraft> = {}): TaskDraft {
  return {
    name: "双十一大促回访",
    description: "",
    taskType: "callbot",
    callTimeGroup: workdayGroup(),
    retryStrategy: null,
    params: { startupType: "1", maxCall: 5 },
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

const contacts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ phone: `+86138${String(i).padStart(8, "0")}`, name: `客户${i}`, variables: { 姓名: `客户${i}` } }));

/** A request signed like the client does, to reach endpoints the adapter does not expose or to break the signature. */
async function rawPost(url: string, path: string, body: unknown, tamper?: (h: Record<string, string>) => Record<string, string>) {
  const text = JSON.stringify(body);
  const signed = nxcloudSignedHeaders({
    uuid: DEMO_CREDENTIALS.uuid,
    secretKey: DEMO_CREDENTIALS.secretKey,
    algorithm: "MD5",
    body: text,
    now: new Date(),
  });
  const headers = { "content-type": "application/json", ...signed } as Record<string, string>;
  const res = await fetch(url + path, { method: "POST", headers: tamper ? tamper(headers) : headers, body: text });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { retCode: number };
}

async function expectProviderError(p: Promise<unknown>, code: string): Promise<ProviderError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProviderError);
  expect((e as ProviderError).code).toBe(code);
  return e as ProviderError;
}

describe("authentication and signatures", () => {
  it("pings with MD5 and SHA256 requests", async () => {
    const { url } = await startSim();
    await nxcloudAdapter.ping(ctxFor(url));
    await nxcloudAdapter.ping(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, algorithm: "SHA256" } }));
  });

  it("a wrong secret is refused with retCode 6, an unknown uuid with 6002", async () => {
    const { url } = await startSim();
    const wrongKey = await expectProviderError(
      nxcloudAdapter.ping(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, secretKey: "not-the-secret" } })),
      "6",
    );
    expect(wrongKey.userMessage.en).toContain("secret key");
    await expectProviderError(nxcloudAdapter.listTasks(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, uuid: "someone-else" } }), null), "6002");
  });

  it("a missing sign is 6001 and a body changed after signing is 6", async () => {
    const { url } = await startSim();
    const listBody = { productID: "callbot", page: 1, size: 10, queryConditions: {} };
    const missing = await rawPost(url, NXCLOUD_PATHS.listTask, listBody, (h) => {
      const { sign: _drop, ...rest } = h;
      return rest;
    });
    expect(missing.retCode).toBe(6001);
    const text = JSON.stringify(listBody);
    const signed = nxcloudSignedHeaders({
      uuid: DEMO_CREDENTIALS.uuid,
      secretKey: DEMO_CREDENTIALS.secretKey,
      algorithm: "MD5",
      body: text,
      now: new Date(),
    });
    const res = await fetch(url + NXCLOUD_PATHS.listTask, {
      method: "POST",
      headers: { "content-type": "application/json", ...signed },
      body: text.replace('"size":10', '"size":11'),
    });
    expect(((await res.json()) as { retCode: number }).retCode).toBe(6);
    const wrongAlgorithm = await rawPost(url, NXCLOUD_PATHS.listTask, listBody, (h) => ({ ...h, algorithm: "SHA256" }));
    expect(wrongAlgorithm.retCode).toBe(6);
  });

  it("the client rejects an answer whose sign does not match its body", async () => {
    const { url } = await startSim();
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = (await res.text()).replace('"totalCount":0', '"totalCount":7');
      return new Response(text, { status: res.status, headers: res.headers });
    };
    await expectProviderError(nxcloudAdapter.listTasks(ctxFor(url, { fetch: tampering }), null), "BAD_RESPONSE_SIGN");
  });
});

describe("task lifecycle", () => {
  it("creates, updates, fills, starts, pauses, dials and completes a task", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const created = await nxcloudAdapter.createTask!(ctx, draft());
    expect(created).toMatchObject({ name: "双十一大促回访", status: "pending", rawStatus: "1", taskType: "callbot", concurrency: 5 });
    const id = created.remoteId;

    const page = await nxcloudAdapter.listTasks(ctx, null);
    expect(page.items.map((t) => t.remoteId)).toContain(id);
    expect(page.nextCursor).toBeNull();

    await nxcloudAdapter.updateTask!(ctx, id, draft({ name: "双十一大促回访（二期）", params: { startupType: "1", maxCall: 8 } }));
    expect(await nxcloudAdapter.getTask(ctx, id)).toMatchObject({ name: "双十一大促回访（二期）", concurrency: 8 });

    const added = await nxcloudAdapter.addContacts!(ctx, id, [...contacts(6), { phone: "13800000000", name: "no country code", variables: {} }]);
    expect(added.accepted).toBe(6);
    expect(added.rejected.map((r) => r.phone)).toEqual(["13800000000"]);

    await nxcloudAdapter.startTask!(ctx, id);
    expect((await nxcloudAdapter.getTask(ctx, id)).status).toBe("running");
    // providers.md §3: updateTask only while pending or paused.
    const refused = await expectProviderError(nxcloudAdapter.updateTask!(ctx, id, draft()), "4");
    expect(refused.userMessage.zh).toContain("状态");

    // 08:00 Beijing is outside 09:00–18:00: nothing is dialled.
    sim.tick();
    expect((await nxcloudAdapter.getStats(ctx, id)).totalCalls).toBe(0);
    sim.clock.advance(4 * HOUR);
    sim.tick();
    const stats = await nxcloudAdapter.getStats(ctx, id);
    expect(stats.totalOrders).toBe(6);
    expect(stats.totalCalls).toBeGreaterThan(0);
    const calls = sim.state.calls.filter((c) => c.userTaskID === id);
    expect(stats.totalCalls).toBe(calls.length);
    expect(stats.answeredCalls).toBe(calls.filter((c) => c.callAnswerTs > 0).length);
    expect(stats.providerAnswerRate).toBe(Math.round((stats.answeredCalls / stats.totalCalls) * 100) / 100);
    for (const c of calls) {
      const beijingHour = new Date((c.callStartTs + 8 * 3600) * 1000).getUTCHours();
      expect(beijingHour).toBeGreaterThanOrEqual(9);
      expect(beijingHour).toBeLessThan(18);
    }

    // Every number is done and taskKeep is off: NXCloud ends the task by itself.
    expect((await nxcloudAdapter.getTask(ctx, id)).status).toBe("completed");
    await expectProviderError(nxcloudAdapter.startTask!(ctx, id), "4");
    await expectProviderError(nxcloudAdapter.addContacts!(ctx, id, contacts(1)), "4");
  });

  it("pauses, resumes and completes by mgrTaskStatus; there is no delete", async () => {
    const { url } = await startSim();
    const ctx = ctxFor(url);
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "3", maxCall: 2, taskKeep: true } }));
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("running");
    await expectProviderError(nxcloudAdapter.startTask!(ctx, remoteId), "4");
    await nxcloudAdapter.pauseTask!(ctx, remoteId);
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("paused");
    await nxcloudAdapter.updateTask!(ctx, remoteId, draft({ params: { startupType: "1", maxCall: 3 } }));
    await nxcloudAdapter.completeTask!(ctx, remoteId);
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("completed");
    await expectProviderError(nxcloudAdapter.pauseTask!(ctx, remoteId), "4");
    expect(nxcloudAdapter.capabilities.operations.delete).toBe(false);
    expect(nxcloudAdapter.deleteTask).toBeUndefined();
    await expectProviderError(nxcloudAdapter.getTask(ctx, "no-such-task"), "NOT_FOUND");
  });

  it("starts a scheduled task at startupAt", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const startupAt = new Date(MONDAY_0800.getTime() + 2 * HOUR).toISOString();
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "2", startupAt, maxCall: 2, taskKeep: true } }));
    sim.clock.advance(HOUR);
    sim.tick();
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("pending");
    sim.clock.advance(2 * HOUR);
    sim.tick();
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("running");
  });

  it("a scheduled start without startupAt is a missing parameter (retCode 2)", async () => {
    const { url } = await startSim();
    await expectProviderError(nxcloudAdapter.createTask!(ctxFor(url), draft({ params: { startupType: "2", maxCall: 2 } })), "2");
  });
});

describe("idempotent create", () => {
  it("the same idempotencyKey never makes a second task", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const d = draft();
    const a = await nxcloudAdapter.createTask!(ctx, d);
    const b = await nxcloudAdapter.createTask!(ctx, d);
    expect(b.remoteId).toBe(a.remoteId);
    expect(sim.state.tasks.filter((t) => t.userTaskID === d.idempotencyKey)).toHaveLength(1);
  });

  it("a create whose answer is lost is found by its userTaskID and not sent again", async () => {
    const { sim, url } = await startSim();
    let lost = 0;
    const losingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith(NXCLOUD_PATHS.createTask) && lost === 0) {
        lost++;
        throw new DOMException("The operation timed out.", "TimeoutError");
      }
      return res;
    };
    const d = draft();
    const task = await nxcloudAdapter.createTask!(ctxFor(url, { fetch: losingFetch }), d);
    expect(task.remoteId).toBe(d.idempotencyKey);
    expect(lost).toBe(1);
    expect(sim.state.createRequests).toBe(1);
    expect(sim.state.tasks).toHaveLength(1);
  });
});

describe("a lost create and skewed clocks", () => {
  it("creates exactly one task when NXCloud's clock is 3 minutes ahead of ours", async () => {
    const { sim, url } = await startSim();
    let lost = 0;
    const losingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith(NXCLOUD_PATHS.createTask) && lost === 0) {
        lost++;
        throw new DOMException("The operation timed out.", "TimeoutError");
      }
      return res;
    };
    const d = draft();
    const ours = () => new Date(sim.clock.now().getTime() - 3 * 60_000);
    const task = await nxcloudAdapter.createTask!(ctxFor(url, { fetch: losingFetch, now: ours }), d);
    expect(lost).toBe(1);
    expect(task.remoteId).toBe(d.idempotencyKey);
    expect(sim.state.createRequests).toBe(1);
  });

  it("a create answered 502 after it landed is found again, not sent twice", async () => {
    const { sim, url } = await startSim();
    let failed = 0;
    const proxyError: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith(NXCLOUD_PATHS.createTask) && failed === 0) {
        failed++;
        await res.text();
        return new Response("Bad Gateway", { status: 502 });
      }
      return res;
    };
    const d = draft();
    await nxcloudAdapter.createTask!(ctxFor(url, { fetch: proxyError }), d);
    expect(failed).toBe(1);
    expect(sim.state.createRequests).toBe(1);
    expect(sim.state.tasks).toHaveLength(1);
  });
});

describe("faults", () => {
  it("reads succeed through 5xx and 429, and a create still makes exactly one task", async () => {
    const { sim, url } = await startSim({ faults: { errorRate: 0.2, rateLimitRate: 0.1, retryAfterSec: 0, seed: 7 }, seedDemo: true });
    const ctx = ctxFor(url, { maxAttempts: 8 });
    for (let i = 0; i < 15; i++) {
      const page = await nxcloudAdapter.listTasks(ctx, null);
      expect(page.items.length).toBe(6);
    }
    const d = draft();
    for (let i = 0; i < 5; i++) {
      const attempt = await nxcloudAdapter.createTask!(ctx, d).catch((e: unknown) => e);
      if (!(attempt instanceof Error)) break;
    }
    expect(sim.state.tasks.filter((t) => t.userTaskID === d.idempotencyKey)).toHaveLength(1);
  });
});

describe("orders and calls", () => {
  it("lists orders and calls, limits listOrderDetail to 500 ids, and stops orders irreversibly", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 2 } }));
    await nxcloudAdapter.addContacts!(ctx, remoteId, contacts(4));
    const orders = await rawPost(url, NXCLOUD_PATHS.listOrder, { productID: "callbot", userTaskID: remoteId, page: 1, size: 10 });
    expect(orders.retCode).toBe(0);
    const orderIDs = (orders.orderData as { orderID: string }[]).map((o) => o.orderID);
    expect(orderIDs).toHaveLength(4);

    const stop = await rawPost(url, NXCLOUD_PATHS.stopOrder, { productID: "callbot", orderIDs: [orderIDs[0]] });
    expect(stop).toMatchObject({ retCode: 0, successCount: 1 });
    const again = await rawPost(url, NXCLOUD_PATHS.stopOrder, { productID: "callbot", orderIDs: [orderIDs[0]] });
    expect(again).toMatchObject({ successCount: 0, errList: [{ orderID: orderIDs[0], errMsg: "order already stopped" }] });

    await nxcloudAdapter.startTask!(ctx, remoteId);
    sim.clock.advance(3 * HOUR);
    sim.tick();
    const calls = await rawPost(url, NXCLOUD_PATHS.listCall, { productID: "callbot", userTaskID: remoteId, page: 1, size: 50 });
    const callData = calls.callData as { orderID: string; callID: string }[];
    expect(callData.length).toBeGreaterThanOrEqual(3);
    expect(callData.map((c) => c.orderID)).not.toContain(orderIDs[0]);

    const detail = await rawPost(url, NXCLOUD_PATHS.listOrderDetail, { productID: "callbot", orderList: orderIDs });
    const details = detail.orderDetailList as { orderID: string; finish: boolean; callInfoDetailList: unknown[] }[];
    expect(details).toHaveLength(4);
    expect(details.every((d) => d.finish)).toBe(true);
    expect(details.reduce((n, d) => n + d.callInfoDetailList.length, 0)).toBe(callData.length);

    const tooMany = await rawPost(url, NXCLOUD_PATHS.listOrderDetail, {
      productID: "callbot",
      orderList: Array.from({ length: 501 }, (_, i) => `o${i}`),
    });
    expect(tooMany.retCode).toBe(4001);
    const missing = await rawPost(url, NXCLOUD_PATHS.listOrder, { productID: "callbot", page: 1, size: 10 });
    expect(missing.retCode).toBe(2);
    const wrongType = await rawPost(url, NXCLOUD_PATHS.listTask, { productID: "callbot", page: "1", size: 10, queryConditions: {} });
    expect(wrongType.retCode).toBe(3);
  });

  it("accepts the documented typo key \"dialAtUpHour \" in createTask", async () => {
    const { sim, url } = await startSim();
    const res = await rawPost(url, NXCLOUD_PATHS.createTask, {
      productID: "callbot",
      userTaskID: "typo-task",
      sceneID: "scene-1",
      taskCreateSetting: {
        startupType: 1,
        zoneSecond: 28800,
        dialAtWeekDay: "1,2,3,4,5",
        "dialAtUpHour ": "9,10",
        dialAtDownHour: "9,10",
        maxCall: 1,
        taskName: "typo",
      },
    });
    expect(res.retCode).toBe(0);
    expect(sim.state.tasks[0].setting.dialAtUpHour).toBe("9,10");
  });
});

describe("webhooks", () => {
  let receiver: Server;
  let receiverUrl = "";
  const received: InboundWebhook[] = [];
  let failFirst = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (failFirst > 0) {
          failFirst--;
          res.writeHead(500).end();
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        received.push({ headers, query: {}, rawBody: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/nxcloud/acc1`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));
  afterEach(() => {
    received.length = 0;
  });

  async function runTaskWithCallbacks(sim: NxcloudSimulator, ctx: ProviderContext): Promise<string> {
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 2 } }));
    await nxcloudAdapter.addContacts!(ctx, remoteId, contacts(3));
    await nxcloudAdapter.startTask!(ctx, remoteId);
    sim.clock.advance(3 * HOUR);
    sim.tick();
    await sim.flushWebhooks();
    return remoteId;
  }

  it("arrive signed, verify, parse into task-status and call events, and a tampered one is refused", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url, { webhookUrl: receiverUrl });
    const remoteId = await runTaskWithCallbacks(sim, ctx);

    expect(received.length).toBeGreaterThan(0);
    const events: WebhookEvent[] = [];
    for (const hook of received) {
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
    expect(callEvents.length).toBe(2 * simCalls.length);

    const hook = received[received.length - 1];
    expect(nxcloudAdapter.verifyWebhook(ctx, { ...hook, rawBody: hook.rawBody.replace(/"taskStatus":\d/, '"taskStatus":5') + " " })).toBe(false);
    expect(nxcloudAdapter.verifyWebhook(ctx, { query: {}, headers: { ...hook.headers, sign: "0".repeat(32) }, rawBody: hook.rawBody })).toBe(false);
    expect(nxcloudAdapter.verifyWebhook(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, secretKey: "other" } }), hook)).toBe(false);
  });

  it("a duplicated delivery carries the same dedupe key", async () => {
    const { sim, url } = await startSim({ faults: { webhookDuplicateRate: 1 } });
    const ctx = ctxFor(url, { webhookUrl: receiverUrl });
    await runTaskWithCallbacks(sim, ctx);
    const keys = received.flatMap((h) => nxcloudAdapter.parseWebhook(ctx, h).map((e) => e.dedupeKey));
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    // Every callback went out twice; task-status keys twice, call keys four times (by order + by call, each doubled).
    expect([...counts.values()].every((n) => n === 2 || n === 4)).toBe(true);
    expect([...counts.entries()].filter(([k]) => k.includes(":task:")).every(([, n]) => n === 2)).toBe(true);
  });

  it("is signed with the account's SHA256 setting and retried after a non-200", async () => {
    const credentials = { ...DEMO_CREDENTIALS, algorithm: "SHA256" };
    const { url } = await startSim({ credentials });
    const ctx = ctxFor(url, { credentials, webhookUrl: receiverUrl });
    failFirst = 1;
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "3", maxCall: 1, taskKeep: true } }));
    await nxcloudAdapter.pauseTask!(ctx, remoteId);
    await running[0].flushWebhooks();
    expect(failFirst).toBe(0);
    const events = received.flatMap((h) => {
      expect(nxcloudAdapter.verifyWebhook(ctx, h)).toBe(true);
      expect(nxcloudAdapter.verifyWebhook(ctxFor(url, { webhookUrl: receiverUrl }), h)).toBe(false);
      return nxcloudAdapter.parseWebhook(ctx, h);
    });
    expect(events.map((e) => e.type === "task-status" && e.rawStatus).sort()).toEqual(["2", "5"]);
  });
});

describe("demo seed", () => {
  it("has tasks in each state with non-zero stats", async () => {
    const { url } = await startSim({ seedDemo: true });
    const { items, total } = await nxcloudAdapter.listTasks(ctxFor(url), null);
    expect(total).toBe(6);
    expect(new Set(items.map((t) => t.status))).toEqual(new Set(["pending", "running", "paused", "completed", "failed"]));
    const promo = items.find((t) => t.name === "双十一大促回访");
    expect(promo?.status).toBe("running");
    expect(promo?.stats?.totalCalls).toBeGreaterThan(100);
    expect(promo?.stats?.answeredCalls).toBeGreaterThan(0);
  });
});
