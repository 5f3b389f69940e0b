// The real Yunfu adapter against the Yunfu simulator over HTTP on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderContext } from "../../lib/providers/types";
import { yunfuAdapter } from "../../lib/providers/yunfu";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";
import { createYunfuSimulator, type YunfuSimulator } from "./server";
import { calendar, contacts, draft, MONDAY_10AM, officeHours, providerError } from "./test-support";

interface Received {
  headers: Record<string, string | undefined>;
  /** The callback URL's query: our callback URL carries the account's token (yunfu/sign.ts). */
  query: Record<string, string>;
  body: string;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const query = Object.fromEntries(new URL(req.url ?? "/", "http://receiver").searchParams);
      received.push({ headers, query, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const addr = receiver.address();
  if (addr === null || typeof addr === "string") throw new Error("no receiver address");
  receiverUrl = `http://127.0.0.1:${addr.port}/api/webhooks/yunfu/acc1`;
});

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe("Yunfu adapter against the simulator", () => {
  let sim: YunfuSimulator;
  let ctx: ProviderContext;

  beforeEach(async () => {
    received.length = 0;
    sim = createYunfuSimulator({
      port: 0,
      credentials: DEMO_CREDENTIALS,
      calendar,
      dialing: { factor: 0, answerProbability: 0.5 },
      webhookUrl: `${receiverUrl}?token=${DEMO_CREDENTIALS.callbackSecret}`,
      startAt: MONDAY_10AM,
    });
    const url = await sim.start();
    ctx = { baseUrl: url, credentials: { ...DEMO_CREDENTIALS }, settings: { ...DEMO_SETTINGS }, backoffMs: 5, now: () => sim.clock.now() };
  });

  afterEach(async () => {
    await sim.stop();
  });

  it("pings with the demo token and refuses a wrong one with a clear message", async () => {
    await yunfuAdapter.ping(ctx);
    const err = await providerError(yunfuAdapter.ping({ ...ctx, credentials: { token: "wrong" } }));
    expect(err.code).toBe("401");
    expect(err.httpStatus).toBe(401);
    expect(err.userMessage.en).toContain("token");
    expect(err.userMessage.zh).toContain("令牌");
    const noUser = await providerError(yunfuAdapter.ping({ ...ctx, settings: {} }));
    expect(noUser.code).toBe("CONFIG");
  });

  it("creates, lists, reads, starts, pauses, updates and deletes a task", async () => {
    const created = await yunfuAdapter.createTask!(ctx, draft("双十一回访"));
    expect(created.status).toBe("paused");
    expect(created.concurrency).toBe(2);

    const again = await yunfuAdapter.createTask!(ctx, draft("双十一回访 第二批"));
    // Same hours → the existing call-time group is reused, not duplicated.
    expect(sim.state().groups).toHaveLength(1);
    expect(sim.state().createCount).toBe(2);

    const page = await yunfuAdapter.listTasks(ctx, null);
    expect(page.items.map((t) => t.remoteId).sort()).toEqual([created.remoteId, again.remoteId].sort());
    expect(page.nextCursor).toBeNull();
    expect(page.total).toBe(2);

    await yunfuAdapter.addContacts!(ctx, created.remoteId, contacts(3));
    await yunfuAdapter.startTask!(ctx, created.remoteId);
    expect((await yunfuAdapter.getTask(ctx, created.remoteId)).status).toBe("running");
    await yunfuAdapter.startTask!(ctx, again.remoteId);
    // Enabled but nothing to dial: 等待执行.
    expect((await yunfuAdapter.getTask(ctx, again.remoteId)).status).toBe("pending");

    const busy = await providerError(yunfuAdapter.updateTask!(ctx, created.remoteId, draft("改名")));
    expect(busy.code).toBe("6007");
    expect(busy.userMessage.en).toBe("Pause the task before editing it.");

    await yunfuAdapter.pauseTask!(ctx, created.remoteId);
    expect((await yunfuAdapter.getTask(ctx, created.remoteId)).status).toBe("paused");

    const wider = officeHours();
    wider.weekly[6] = [{ start: 600, end: 960 }];
    await yunfuAdapter.updateTask!(ctx, created.remoteId, { ...draft("双十一回访（改）"), callTimeGroup: wider });
    const updated = await yunfuAdapter.getTask(ctx, created.remoteId);
    expect(updated.name).toBe("双十一回访（改）");
    expect(sim.state().groups).toHaveLength(2);

    await yunfuAdapter.deleteTask!(ctx, again.remoteId);
    const gone = await providerError(yunfuAdapter.getTask(ctx, again.remoteId));
    expect(gone.code).toBe("404");
  });

  it("imports numbers: duplicates reported, 6007 while running, more than 100 refused", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("信用卡分期提醒"));
    const first = await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(100));
    expect(first).toEqual({ accepted: 100, rejected: [] });

    const dup = await yunfuAdapter.addContacts!(ctx, task.remoteId, [...contacts(1, 99), ...contacts(1, 500), { phone: "+4420794600000", name: "", variables: {} }]);
    expect(dup.accepted).toBe(1);
    expect(dup.rejected.map((r) => r.phone).sort()).toEqual(["+4420794600000", "+8613800000099"]);

    const tooMany = await providerError(yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(101, 1000)));
    expect(tooMany.code).toBe("BATCH_TOO_LARGE");
    expect(tooMany.field).toBe("contacts");
    expect(tooMany.userMessage.en).toContain("100");
    // The simulator itself refuses 101 rows, like the real API.
    const raw = await fetch(`${ctx.baseUrl}/agent-api/user/${DEMO_SETTINGS.userId}/task/${task.remoteId}/number`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEMO_CREDENTIALS.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ data: Array.from({ length: 101 }, (_, i) => ({ phone: `139${String(i).padStart(8, "0")}` })) }),
    });
    expect(raw.status).toBe(422);
    expect(sim.state().tasks[0].orders).toHaveLength(101);

    await yunfuAdapter.startTask!(ctx, task.remoteId);
    const running = await providerError(yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(1, 2000)));
    expect(running.code).toBe("6007");
    expect(running.userMessage.en).toMatch(/^Pause the task before adding or removing numbers/);
    expect(running.field).toBe("contacts");
    expect(running.providerMessage).toBe("2.0任务启动中,请先停止任务");
  });

  it("dials inside the group's hours and reports stats from the call records", async () => {
    const oneLine = draft("续保提醒");
    oneLine.params.maximumcall = 1;
    const task = await yunfuAdapter.createTask!(ctx, oneLine);
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(100));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(100, 100));
    await yunfuAdapter.startTask!(ctx, task.remoteId);

    // 12:00–13:00 is closed: from 11:59 to 12:59 nothing may be dialled.
    sim.clock.advance(119 * 60_000);
    sim.tick();
    const beforeLunch = sim.state().records.length;
    expect(beforeLunch).toBeGreaterThan(0);
    sim.clock.advance(60 * 60_000);
    sim.tick();
    const lunchCalls = sim.state().records.filter((r) => r.calldate >= "2026-12-07 12:00:00" && r.calldate < "2026-12-07 13:00:00");
    expect(lunchCalls).toEqual([]);
    // Still numbers left at lunch, so the closed hour really held calls back.
    expect(sim.state().tasks[0].orders.some((o) => o.attempts === 0)).toBe(true);

    // On to Tuesday evening: every number has had its turn.
    sim.clock.advance(29 * 3600_000);
    sim.tick();
    const records = sim.state().records.filter((r) => r.task_uuid === task.remoteId);
    const stats = await yunfuAdapter.getStats(ctx, task.remoteId);
    expect(stats.totalOrders).toBe(200);
    expect(stats.attemptedOrders).toBe(200);
    expect(records.every((r) => r.calldate.slice(11) >= "09:00:00" && r.calldate.slice(11) < "18:00:00")).toBe(true);
    expect(stats.totalCalls).toBe(records.length);
    expect(stats.answeredCalls).toBe(records.filter((r) => r.status === 1).length);
    expect(stats.answeredOrders).toBe(new Set(records.filter((r) => r.status === 1).map((r) => r.number)).size);
  });

  it("lists and reuses call-time groups, week 0 = Monday", async () => {
    await yunfuAdapter.createTask!(ctx, draft("配送满意度调查"));
    const groups = await yunfuAdapter.listTimeGroups!(ctx);
    expect(groups).toHaveLength(1);
    const { remoteId, ...group } = groups[0];
    expect(remoteId).toBe(String(sim.state().groups[0].id));
    expect(group).toEqual(officeHours());
    expect(sim.state().groups[0].content.map((d) => d.week)).toEqual([0, 1, 2, 3, 4]);
  });

  it("sends create/delete callbacks that verify and parse back to the original groups", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("新会员欢迎回访"));
    await yunfuAdapter.deleteTask!(ctx, task.remoteId);
    await sim.flushWebhooks();
    expect(received).toHaveLength(2);

    const [createdHook, deletedHook] = received;
    expect(yunfuAdapter.verifyWebhook(ctx, { query: createdHook.query, headers: createdHook.headers, rawBody: createdHook.body })).toBe(true);
    const created = yunfuAdapter.parseWebhook(ctx, { query: {}, headers: createdHook.headers, rawBody: createdHook.body });
    expect(created).toHaveLength(1);
    expect(created[0].type).toBe("task-created");
    if (created[0].type !== "task-created") return;
    expect(created[0].remoteTaskId).toBe(task.remoteId);
    expect(created[0].task.name).toBe("新会员欢迎回访");
    expect(created[0].timeGroups).toEqual([officeHours()]);

    const deleted = yunfuAdapter.parseWebhook(ctx, { query: {}, headers: deletedHook.headers, rawBody: deletedHook.body });
    expect(deleted.map((e) => e.type)).toEqual(["task-deleted"]);
    expect(deleted[0].dedupeKey).not.toBe(created[0].dedupeKey);

    expect(yunfuAdapter.verifyWebhook(ctx, { query: { token: "forged" }, headers: createdHook.headers, rawBody: createdHook.body })).toBe(false);
    expect(yunfuAdapter.verifyWebhook(ctx, { query: {}, headers: createdHook.headers, rawBody: createdHook.body })).toBe(false);
  });

  it("reads through injected 5xx and 429 faults, and never sends a create twice", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("贷款还款提醒"));
    await fetch(`${ctx.baseUrl}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({ errorRate: 0.2, rateLimitRate: 0.1, retryAfterSec: 0, seed: 7 }),
    });
    const statuses: number[] = [];
    const faulty: ProviderContext = {
      ...ctx,
      maxAttempts: 8,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        statuses.push(res.status);
        return res;
      },
    };
    for (let i = 0; i < 10; i++) {
      expect((await yunfuAdapter.listTasks(faulty, null)).items).toHaveLength(1);
      expect((await yunfuAdapter.getTask(faulty, task.remoteId)).remoteId).toBe(task.remoteId);
      expect(await yunfuAdapter.listTimeGroups!(faulty)).toHaveLength(1);
    }
    expect(statuses.filter((s) => s === 429 || s >= 500).length).toBeGreaterThan(0);

    await fetch(`${ctx.baseUrl}/__sim/faults`, { method: "POST", body: JSON.stringify({ errorRate: 0, rateLimitRate: 0 }) });
    // The create lands but its answer is lost: the adapter finds it by listing instead of sending it again.
    const lossy: ProviderContext = {
      ...ctx,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (init?.method === "POST" && String(input).endsWith("/task")) {
          await res.arrayBuffer();
          throw Object.assign(new Error("The operation timed out."), { name: "TimeoutError" });
        }
        return res;
      },
    };
    const before = sim.state().createCount;
    const reconciled = await yunfuAdapter.createTask!(lossy, draft("售后服务满意度回访"));
    expect(sim.state().createCount).toBe(before + 1);
    expect(reconciled.name).toBe("售后服务满意度回访");

    // A refused create (5xx) is not retried blindly either.
    await fetch(`${ctx.baseUrl}/__sim/faults`, { method: "POST", body: JSON.stringify({ errorRate: 1 }) });
    const err = await providerError(yunfuAdapter.createTask!(ctx, draft("春节促销活动通知")));
    expect(err.retryable).toBe(true);
    expect(sim.state().createCount).toBe(before + 1);
  });

  it("a create whose answer is lost (timeout or 502) makes exactly one task, with Yunfu's clock 3 minutes ahead of ours", async () => {
    const isCreate = (input: unknown, init?: RequestInit) => init?.method === "POST" && String(input).endsWith("/task");
    // Our clock 3 minutes behind the simulator's.
    const ours = () => new Date(sim.clock.now().getTime() - 3 * 60_000);
    const losing = (answer: "timeout" | "502"): ProviderContext => ({
      ...ctx,
      now: ours,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (!isCreate(input, init)) return res;
        await res.arrayBuffer();
        if (answer === "502") return new Response("Bad Gateway", { status: 502 });
        throw Object.assign(new Error("The operation timed out."), { name: "TimeoutError" });
      },
    });
    // An older task of the same name is not mistaken for the lost one.
    const older = await yunfuAdapter.createTask!(ctx, draft("时钟偏差回访"));
    const before = sim.state().createCount;
    const viaTimeout = await yunfuAdapter.createTask!(losing("timeout"), draft("时钟偏差回访"));
    expect(sim.state().createCount).toBe(before + 1);
    expect(viaTimeout.remoteId).not.toBe(older.remoteId);
    const via502 = await yunfuAdapter.createTask!(losing("502"), draft("网关错误回访"));
    expect(sim.state().createCount).toBe(before + 2);
    expect(via502.name).toBe("网关错误回访");
    const listed = (await yunfuAdapter.listTasks(ctx, null)).items.map((t) => t.remoteId).sort();
    expect(listed).toEqual([older.remoteId, viaTimeout.remoteId, via502.remoteId].sort());
  });

  it("rejects a create without the required fields", async () => {
    const res = await fetch(`${ctx.baseUrl}/agent-api/new/user/${DEMO_SETTINGS.userId}/task`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEMO_CREDENTIALS.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "缺字段", maximumcall: 1, task_extras: { start_time: "2026-12-01 00:00:00", stop_time: "2026-12-31 00:00:00", line: [] } }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: number; status: string; message: string };
    expect(body).toMatchObject({ code: 422, status: "error" });
  });
});

describe("Yunfu simulator state", () => {
  it("keeps tasks and groups across a restart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "yunfu-sim-"));
    const stateFile = path.join(dir, "yunfu.json");
    const options = { port: 0, credentials: DEMO_CREDENTIALS, calendar, dialing: { factor: 0 }, stateFile, startAt: MONDAY_10AM };
    try {
      const first = createYunfuSimulator(options);
      const ctx1: ProviderContext = { baseUrl: await first.start(), credentials: DEMO_CREDENTIALS, settings: DEMO_SETTINGS, backoffMs: 5 };
      const task = await yunfuAdapter.createTask!(ctx1, draft("体验课邀约"));
      await yunfuAdapter.addContacts!(ctx1, task.remoteId, contacts(5));
      await first.stop();

      const second = createYunfuSimulator(options);
      const ctx2: ProviderContext = { ...ctx1, baseUrl: await second.start() };
      try {
        expect((await yunfuAdapter.getTask(ctx2, task.remoteId)).name).toBe("体验课邀约");
        expect((await yunfuAdapter.getStats(ctx2, task.remoteId)).totalOrders).toBe(5);
        expect(await yunfuAdapter.listTimeGroups!(ctx2)).toHaveLength(1);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Yunfu demo seed", () => {
  it("has tasks in each state and a default group", async () => {
    const sim = createYunfuSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, dialing: { factor: 0 }, seedDemo: true, startAt: MONDAY_10AM });
    const url = await sim.start();
    try {
      const ctx: ProviderContext = { baseUrl: url, credentials: DEMO_CREDENTIALS, settings: DEMO_SETTINGS, backoffMs: 5, now: () => sim.clock.now() };
      const page = await yunfuAdapter.listTasks(ctx, null);
      expect(page.items).toHaveLength(6);
      // The enabled task that has called all 15 numbers is over, not "not started" (docs/providers/yunfu.md §4).
      expect(new Set(page.items.map((t) => t.status))).toEqual(new Set(["running", "pending", "paused", "completed"]));
      const groups = await yunfuAdapter.listTimeGroups!(ctx);
      expect(groups.filter((g) => g.isDefault)).toHaveLength(1);
      const withCalls = page.items.find((t) => t.name === "第四季度续保提醒")!;
      const stats = await yunfuAdapter.getStats(ctx, withCalls.remoteId);
      expect(stats.totalCalls).toBe(40);
    } finally {
      await sim.stop();
    }
  });
});
