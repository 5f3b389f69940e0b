// The real Aliyun VMS adapter against the Aliyun VMS simulator over HTTP on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { emptyWeek, type CallTimeGroup } from "../../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { ProviderError } from "../../lib/providers/errors";
import { aliyunVmsAdapter } from "../../lib/providers/aliyun-vms";
import { callAction } from "../../lib/providers/aliyun-vms/client";
import { encodeParams, signedParams } from "../../lib/providers/aliyun-vms/sign";
import type { ProviderContext, RemoteTask, TaskDraft } from "../../lib/providers/types";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";
import { createAliyunVmsSimulator, type AliyunVmsSimulator } from "./server";

const calendar = cnCalendarFromPackage();
// Monday 2026-11-23 10:00 Beijing time: inside office hours, not a holiday.
const MONDAY_10AM = new Date("2026-11-23T02:00:00Z");
const adapter = aliyunVmsAdapter;

const officeHours = (): CallTimeGroup => {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start: 540, end: 720 }, { start: 810, end: 1080 }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false };
};

const draft = (name: string, params: TaskDraft["params"] = {}, taskType = "1"): TaskDraft => ({
  name,
  description: "集成测试 integration test",
  taskType,
  callTimeGroup: officeHours(),
  retryStrategy: {
    name: "30 分钟后重拨",
    rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }],
    measureFrom: "first-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"],
  },
  params: { CallGroupType: "1", Cnos: "2001,2002", Concurrency: 3, ...(taskType === "2" ? { IvrId: 330 } : {}), ...params },
  idempotencyKey: `key-${name}`,
});

// Interval calling with the scheduled start and finish it goes with; dates on the simulator's pinned clock.
const INTERVAL = { AutoTaskType: "1", AutoStart: true, AutoStartDay: "2026-12-01", AutoStartTime: "08:00:00", AutoStop: true, AutoStopDay: "2026-12-31" };

let sim: AliyunVmsSimulator;
let url: string;
let entSeq = 8000000;

function ctxFor(enterpriseId: string, over: Partial<ProviderContext> = {}): ProviderContext {
  return { baseUrl: url, credentials: { ...DEMO_CREDENTIALS }, settings: { enterpriseId }, backoffMs: 5, timeoutMs: 3000, ...over };
}

async function expectCode(p: Promise<unknown>, code: string, httpStatus?: number): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.code).toBe(code);
  if (httpStatus !== undefined) expect(pe.httpStatus).toBe(httpStatus);
  expect(pe.userMessage.en.length).toBeGreaterThan(0);
  expect(pe.userMessage.zh.length).toBeGreaterThan(0);
  return pe;
}

async function rawCall(params: Record<string, string>, opts: { method?: "GET" | "POST"; nonce?: string; now?: Date; secret?: string } = {}) {
  const method = opts.method ?? "POST";
  const signed = signedParams({
    action: params.Action,
    accessKeyId: DEMO_CREDENTIALS.accessKeyId,
    accessKeySecret: opts.secret ?? DEMO_CREDENTIALS.accessKeySecret,
    method,
    params: Object.fromEntries(Object.entries(params).filter(([k]) => k !== "Action")),
    nonce: opts.nonce ?? crypto.randomUUID(),
    now: opts.now ?? new Date(),
  });
  const body = encodeParams(signed);
  const res =
    method === "GET"
      ? await fetch(`${url}/?${body}`)
      : await fetch(`${url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const tasksOf = (enterpriseId: string) => sim.state().enterprises[enterpriseId]?.tasks ?? [];

beforeAll(async () => {
  sim = createAliyunVmsSimulator({
    port: 0,
    credentials: DEMO_CREDENTIALS,
    calendar,
    startAt: MONDAY_10AM,
    // Time only moves when the test advances the clock.
    dialing: { factor: 0, answerProbability: 0.5 },
  });
  url = await sim.start();
  // The test drives the engine itself.
  sim.engine.stop();
});

afterAll(() => sim.stop());

beforeEach(() => sim.faults.reset());

describe("authentication (RPC V2 signature)", () => {
  it("accepts the demo credentials", async () => {
    await adapter.ping(ctxFor("7000001"));
  });

  it("rejects a wrong secret with 403 SignatureDoesNotMatch", async () => {
    const ctx = ctxFor("7000001", { credentials: { ...DEMO_CREDENTIALS, accessKeySecret: "wrong-secret" } });
    await expectCode(adapter.ping(ctx), "SignatureDoesNotMatch", 403);
  });

  it("rejects a tampered parameter with 403 SignatureDoesNotMatch", async () => {
    const signed = signedParams({
      action: "CloudQueryTask",
      accessKeyId: DEMO_CREDENTIALS.accessKeyId,
      accessKeySecret: DEMO_CREDENTIALS.accessKeySecret,
      method: "POST",
      params: { EnterpriseId: "7000001", Type: "1" },
      nonce: crypto.randomUUID(),
      now: new Date(),
    });
    const res = await fetch(`${url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: encodeParams({ ...signed, Type: "2" }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { Code: string }).Code).toBe("SignatureDoesNotMatch");
  });

  it("rejects an unknown AccessKey ID", async () => {
    const ctx = ctxFor("7000001", { credentials: { accessKeyId: "LTAIunknown", accessKeySecret: "x" } });
    await expectCode(adapter.ping(ctx), "InvalidAccessKeyId.NotFound", 404);
  });

  it("rejects a timestamp more than 15 minutes off", async () => {
    const ctx = ctxFor("7000001", { now: () => new Date(Date.now() - 20 * 60_000) });
    await expectCode(adapter.ping(ctx), "IllegalTimestamp", 400);
  });

  it("rejects a reused nonce, and accepts GET as well as POST", async () => {
    const params = { Action: "CloudQueryTask", EnterpriseId: "7000001", Type: "1" };
    const first = await rawCall(params, { nonce: "fixed-nonce-1", method: "GET" });
    expect(first.status).toBe(200);
    expect(first.json.Code).toBe("OK");
    const replay = await rawCall(params, { nonce: "fixed-nonce-1" });
    expect(replay.status).toBe(400);
    expect(replay.json.Code).toBe("SignatureNonceUsed");
  });

  it("answers MissingParameter for a missing required field", async () => {
    const res = await rawCall({ Action: "CloudQueryTask", EnterpriseId: "7000001" });
    expect(res.status).toBe(400);
    expect(res.json.Code).toBe("MissingParameter");
    await expectCode(callAction(ctxFor("7000001"), "CloudCreateTask", { EnterpriseId: "7000001", Type: 1 }, z.unknown(), { safe: false }), "MissingParameter", 400);
  });
});

describe("tasks", () => {
  it("creates, lists, reads, updates, fills, starts, dials, pauses and deletes a task", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const created = await adapter.createTask!(ctx, draft("双十一回访"));
    expect(created).toMatchObject({ name: "双十一回访", taskType: "1", status: "pending", rawStatus: "0", kind: "call", concurrency: 3 });
    expect(created.createdAt?.getTime()).toBe(MONDAY_10AM.getTime());

    // The group went out as forbidden times (AutoTaskType 0), weekdays grouped, Sunday = 1.
    const ent = sim.state().enterprises[enterpriseId];
    const stored = ent.tasks[0].props;
    expect(stored.AutoTaskType).toBe(0);
    expect(String(stored.TimeStrategy).split(",")).toHaveLength(ent.conditions.length);
    // One condition per weekday (docs/providers/aliyun-vms.md §Time conditions): Mon–Fri three closed spans, Sat and Sun closed all day.
    expect(ent.conditions.map((c) => [c.DayOfWeek, c.StartTime, c.EndTime])).toEqual([
      ...["2", "3", "4", "5", "6"].flatMap((d) => [[d, "00:00", "09:00"], [d, "12:00", "13:30"], [d, "18:00", "23:59"]]),
      ["7", "00:00", "23:59"],
      ["1", "00:00", "23:59"],
    ]);
    expect(JSON.parse(String(stored.RetryStrategy))).toEqual({ retry: 1, strategy: [{ round: 1, time: "0-0-30" }] });

    const fetched = await adapter.getTask(ctx, created.remoteId);
    expect(fetched).toMatchObject({ remoteId: created.remoteId, status: "pending" });

    await adapter.updateTask!(ctx, created.remoteId, { ...draft("双十一回访（改）"), params: { CallGroupType: "1", Cnos: "2001", Concurrency: 2 } });
    expect((await adapter.getTask(ctx, created.remoteId)).name).toBe("双十一回访（改）");
    // Identical time conditions are reused, not created again.
    expect(sim.state().enterprises[enterpriseId].conditions).toHaveLength(17);

    const result = await adapter.addContacts!(ctx, created.remoteId, [
      { phone: "+8613800138000", name: "张三", variables: { 金额: "100" } },
      { phone: "+8613800138001", name: "李四", variables: {} },
      { phone: "+8613800138000", name: "张三", variables: {} },
      { phone: "13800138002", name: "bad", variables: {} },
      { phone: "+861058001234", name: "座机", variables: {} },
    ]);
    expect(result.accepted).toBe(3);
    expect(result.rejected.map((r) => r.phone)).toEqual(["+8613800138000", "13800138002"]);
    // IsRepeat 1: a number already in the task is skipped by the provider, and we say so.
    const again = await adapter.addContacts!(ctx, created.remoteId, [{ phone: "+8613800138001", name: "李四", variables: {} }]);
    expect(again.accepted).toBe(0);
    expect(again.rejected[0].reason.en).toMatch(/1 number/);
    expect(tasksOf(enterpriseId)[0].orders.map((o) => o.phone)).toEqual(["13800138000", "13800138001", "01058001234"]);
    // Every import is a batch with the name CloudImportTaskTel requires.
    expect(tasksOf(enterpriseId)[0].files.map((f) => f.Name)).toEqual([expect.stringMatching(/^Dialboard \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), expect.any(String)]);

    await adapter.startTask!(ctx, created.remoteId);
    expect((await adapter.getTask(ctx, created.remoteId)).status).toBe("running");
    // docs/providers/aliyun-vms.md §Status: a running task cannot be deleted.
    await expectCode(adapter.deleteTask!(ctx, created.remoteId), "Task.StatusNotAllowed", 400);

    // Nobody answers the first round, so every number waits for its retry and the task keeps running.
    sim.engine.setConfig({ answerProbability: 0 });
    sim.clock.advance(5 * 60_000);
    const calls = sim.tick();
    sim.engine.setConfig({ answerProbability: 0.5 });
    expect(calls.length).toBeGreaterThan(0);
    const stats = await adapter.getStats(ctx, created.remoteId);
    expect(stats).toMatchObject({ totalOrders: 3, attemptedOrders: 3, answeredOrders: 0 });

    await adapter.pauseTask!(ctx, created.remoteId);
    expect((await adapter.getTask(ctx, created.remoteId)).status).toBe("paused");
    await expectCode(adapter.pauseTask!(ctx, created.remoteId), "Task.StatusNotAllowed");
    await expectCode(adapter.deleteTask!(ctx, created.remoteId), "Task.StatusNotAllowed");

    // Resumed, every number is called (one retry after 30 min); AutoComplete ends the task.
    await adapter.startTask!(ctx, created.remoteId);
    for (let i = 0; i < 8; i++) {
      sim.clock.advance(30 * 60_000);
      sim.tick();
    }
    const ended = await adapter.getTask(ctx, created.remoteId);
    expect(ended.status).toBe("completed");
    expect(ended.rawStatus).toBe("3");
    const finalStats = await adapter.getStats(ctx, created.remoteId);
    expect(finalStats).toMatchObject({ totalOrders: 3, attemptedOrders: 3, finishedOrders: 3 });
    await expectCode(adapter.startTask!(ctx, created.remoteId), "Task.StatusNotAllowed");

    await adapter.deleteTask!(ctx, created.remoteId);
    await expectCode(adapter.getTask(ctx, created.remoteId), "Task.NotFound");
  });

  it("dials only inside the time conditions", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const task = await adapter.createTask!(ctx, draft("午休不拨", INTERVAL));
    expect(sim.state().enterprises[enterpriseId].tasks[0].props.AutoTriggerTimeStrategy).not.toBe("");
    await adapter.addContacts!(ctx, task.remoteId, [{ phone: "+8613900139000", name: "王五", variables: {} }]);
    // Jump to 12:10 of the next day (lunch break, outside the windows) and start there.
    const day = 86_400_000;
    const localNow = sim.clock.nowMs() + 8 * 3_600_000;
    const target = Math.floor(localNow / day) * day + day + (12 * 60 + 10) * 60_000 - 8 * 3_600_000;
    sim.clock.advance(target - sim.clock.nowMs());
    const local = new Date(sim.clock.nowMs() + 8 * 3_600_000);
    expect(local.getUTCHours() * 60 + local.getUTCMinutes()).toBe(12 * 60 + 10);
    expect(local.getUTCDay()).toBeGreaterThanOrEqual(1);
    expect(local.getUTCDay()).toBeLessThanOrEqual(5);
    await adapter.startTask!(ctx, task.remoteId);
    sim.clock.advance(60 * 60_000);
    sim.tick();
    expect(sim.state().enterprises[enterpriseId].tasks[0].calls).toEqual([]);
    sim.clock.advance(60 * 60_000);
    sim.tick();
    const stored = sim.state().enterprises[enterpriseId].tasks[0];
    expect(stored.calls.length).toBeGreaterThan(0);
    for (const call of stored.calls) {
      const t = new Date(call.startedAt + 8 * 3_600_000);
      expect(t.getUTCHours() * 60 + t.getUTCMinutes()).toBeGreaterThanOrEqual(13 * 60 + 30);
    }
  });

  it("lists both task types page by page until a short page", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    for (let i = 0; i < 100; i++) {
      await callAction(ctx, "CloudCreateTask", { EnterpriseId: enterpriseId, Name: `预测 ${i}`, Type: 1, Cnos: "2001" }, z.unknown(), { safe: false });
    }
    const listAll = async () => {
      const seen: RemoteTask[] = [];
      const cursors: (string | null)[] = [];
      let cursor: string | null = null;
      do {
        const page = await adapter.listTasks(ctx, cursor);
        expect(page.total).toBeNull();
        seen.push(...page.items);
        cursor = page.nextCursor;
        cursors.push(cursor);
      } while (cursor !== null);
      return { seen, cursors };
    };
    // A full page of predictive tasks: the next page is asked for and comes back empty.
    const full = await listAll();
    expect(full.cursors).toEqual(["1:100", "2:0", null]);
    expect(new Set(full.seen.map((t) => t.remoteId)).size).toBe(100);

    for (const t of tasksOf(enterpriseId).slice(0, 3)) t.props.Type = 2;
    const mixed = await listAll();
    expect(mixed.cursors).toEqual(["2:0", null]);
    expect(mixed.seen).toHaveLength(100);
    expect(mixed.seen.filter((t) => t.taskType === "2")).toHaveLength(3);
  });

  it("updates with CloudUpdateTask's own parameters only, and reads the task it answers", async () => {
    const enterpriseId = String(entSeq++);
    const sent: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      if (typeof init?.body === "string" && init.body.includes("Action=CloudUpdateTask")) sent.push(init.body);
      return fetch(input, init);
    };
    const ctx = ctxFor(enterpriseId, { fetch: spy });
    const task = await adapter.createTask!(ctx, draft("只改能改的", { AutoDelete: true, TemplateName: "模板" }));
    await adapter.updateTask!(ctx, task.remoteId, draft("只改能改的（新）", { AutoDelete: true, TemplateName: "模板", CallGroupType: "1" }));
    expect(sent).toHaveLength(1);
    const params = new URLSearchParams(sent[0]);
    for (const key of ["Type", "CallGroupType", "AutoDelete", "TemplateName"]) expect(params.has(key), key).toBe(false);
    expect(params.get("Name")).toBe("只改能改的（新）");
    expect(tasksOf(enterpriseId)[0].props.Name).toBe("只改能改的（新）");
    // The simulator holds the client to the SDK model: a create-only field on an update is refused.
    const res = await rawCall({ Action: "CloudUpdateTask", EnterpriseId: enterpriseId, TaskId: task.remoteId, Type: "1" });
    expect(res.json).toMatchObject({ Code: "InvalidParameter", Message: expect.stringContaining('"Type"') });
  });

  it("refuses interval calling without a scheduled start and finish, and takes it with them", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const noStart = await expectCode(adapter.createTask!(ctx, draft("间隔缺开始", { ...INTERVAL, AutoStart: false })), "InvalidParameter", 400);
    expect(noStart.providerMessage).toContain('"AutoStart"');
    expect(noStart.field).toBe("params.AutoStart");
    const noStop = await expectCode(adapter.createTask!(ctx, draft("间隔缺结束", { ...INTERVAL, AutoStop: false })), "InvalidParameter", 400);
    expect(noStop.providerMessage).toContain('"AutoStop"');
    expect(tasksOf(enterpriseId)).toHaveLength(0);
    const task = await adapter.createTask!(ctx, draft("间隔", INTERVAL));
    expect(tasksOf(enterpriseId)[0].props).toMatchObject({ AutoTaskType: 1, AutoStart: 1, AutoStop: 1 });
    expect(tasksOf(enterpriseId)[0].props.TimeStrategy).toBeUndefined();
    // Switching to continuous calling clears the windows it no longer uses, and needs no schedule.
    await adapter.updateTask!(ctx, task.remoteId, draft("间隔", { AutoTaskType: "0" }));
    expect(tasksOf(enterpriseId)[0].props).toMatchObject({ AutoTaskType: 0, AutoTriggerTimeStrategy: "" });
  });

  it("refuses a CloudImportTaskTel without the batch Name (MissingParameter)", async () => {
    const enterpriseId = String(entSeq++);
    const task = await adapter.createTask!(ctxFor(enterpriseId), draft("批次名称"));
    const res = await rawCall({ Action: "CloudImportTaskTel", EnterpriseId: enterpriseId, TaskId: task.remoteId, TaskTelList: '[{"Tel":"13800138000"}]' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ Code: "MissingParameter", Message: expect.stringContaining('"Name"') });
    expect(tasksOf(enterpriseId)[0].orders).toEqual([]);
  });

  it("refuses Limit 101 with InvalidParameter", async () => {
    const ctx = ctxFor("7000001");
    await expectCode(
      callAction(ctx, "CloudQueryTask", { EnterpriseId: "7000001", Type: 1, Start: 0, Limit: 101 }, z.unknown(), { safe: true }),
      "InvalidParameter",
      400,
    );
  });

  it("enforces the 100-task limit, with and without AutoDelete", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    for (let i = 0; i < 100; i++) {
      await callAction(ctx, "CloudCreateTask", { EnterpriseId: enterpriseId, Name: `任务 ${i}`, Type: 1, Cnos: "2001" }, z.unknown(), { safe: false });
    }
    expect((await expectCode(adapter.createTask!(ctx, draft("第101个")), "Task.LimitExceeded", 400)).field).toBe("params.AutoDelete");
    // AutoDelete without an ended task still fails.
    await expectCode(adapter.createTask!(ctx, draft("第101个", { AutoDelete: true })), "Task.LimitExceeded");
    const tasks = tasksOf(enterpriseId);
    tasks[7].props.Status = 3;
    tasks[3].props.Status = 3;
    const endedIds = [tasks[3].props.Id, tasks[7].props.Id].map(String);
    const created = await adapter.createTask!(ctx, draft("第101个", { AutoDelete: true }));
    const after = tasksOf(enterpriseId).map((t) => String(t.props.Id));
    expect(after).toHaveLength(100);
    expect(after).toContain(created.remoteId);
    // The earliest created ended task is the one deleted.
    expect(after).not.toContain(endedIds[0]);
    expect(after).toContain(endedIds[1]);
  });

  it("allows at most 10 tasks running or paused", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const data = await callAction(ctx, "CloudCreateTask", { EnterpriseId: enterpriseId, Name: `并发 ${i}`, Type: 1, Cnos: `${3000 + i}` }, z.object({ Id: z.string() }), { safe: false });
      ids.push(data.Id);
    }
    for (const id of ids.slice(0, 10)) await adapter.startTask!(ctx, id);
    await adapter.pauseTask!(ctx, ids[0]);
    await expectCode(adapter.startTask!(ctx, ids[10]), "Task.RunningLimitExceeded", 400);
    // A paused task is already counted: resuming it is fine.
    await adapter.startTask!(ctx, ids[0]);
  });

  it("checks documented ranges and cross-field rules", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    // Each refusal names the wizard field it is about (ProviderError.field).
    const err = await expectCode(adapter.createTask!(ctx, draft("超时", { CustomerTimeout: 61 })), "InvalidParameter", 400);
    expect(err.userMessage.en).toContain("CustomerTimeout");
    expect(err.field).toBe("params.CustomerTimeout");
    expect((await expectCode(adapter.createTask!(ctx, draft("自动外呼", { IvrId: null }, "2")), "MissingParameter")).field).toBe("params.IvrId");
    expect((await expectCode(adapter.createTask!(ctx, draft("x".repeat(50))), "InvalidParameter")).field).toBe("name");
    const retry = await expectCode(
      adapter.createTask!(ctx, {
        ...draft("回拨递减"),
        retryStrategy: { ...draft("x").retryStrategy!, rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }, { after: { days: 0, hours: 0, minutes: 30 } }] },
      }),
      "InvalidParameter",
    );
    expect(retry.field).toBe("retryStrategyId");
    expect(tasksOf(enterpriseId)).toHaveLength(0);
    // An automatic task with an IVR is fine.
    expect((await adapter.createTask!(ctx, draft("自动外呼", {}, "2"))).taskType).toBe("2");
  });

  it("returns CloudCreateTask's Data as strings and CloudQueryTask's as numbers", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const created = (await callAction(ctx, "CloudCreateTask", { EnterpriseId: enterpriseId, Name: "类型", Type: 1, Cnos: "1" }, z.unknown(), { safe: false })) as Record<string, unknown>;
    expect(created.Status).toBe("0");
    expect(created.Type).toBe("1");
    expect(created.AutoComplete).toBe(1);
    const listed = (await callAction(ctx, "CloudQueryTask", { EnterpriseId: enterpriseId, Type: 1 }, z.unknown(), { safe: true })) as {
      TaskProperties: Record<string, unknown>[];
    };
    expect(listed.TaskProperties[0].Status).toBe(0);
    expect(listed.TaskProperties[0].Type).toBe(1);
  });

  it("lists time conditions as groups (Sunday = 1 decoded)", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    await adapter.createTask!(ctx, draft("时间条件", INTERVAL));
    const groups = await adapter.listTimeGroups!(ctx);
    expect(groups).toHaveLength(10);
    expect(groups[0].weekly[1]).toEqual([{ start: 540, end: 720 }]);
    expect(groups[0].weekly[7]).toEqual([]);
    expect(groups.every((g) => g.remoteId.length > 0)).toBe(true);
  });
});

describe("time conditions Dialboard made", () => {
  const longDays = (): CallTimeGroup => {
    const weekly = emptyWeek();
    for (const d of [1, 2, 3, 4, 5, 6] as const) weekly[d] = [{ start: 480, end: 1200 }];
    return { ...officeHours(), name: "长班", weekly };
  };
  const conditionsOf = (enterpriseId: string) => sim.state().enterprises[enterpriseId].conditions;
  const usedIds = (enterpriseId: string) =>
    new Set(tasksOf(enterpriseId).flatMap((t) => [t.props.TimeStrategy, t.props.AutoTriggerTimeStrategy].flatMap((ids) => String(ids ?? "").split(",").filter(Boolean))));
  const unused = (enterpriseId: string) => conditionsOf(enterpriseId).filter((c) => !usedIds(enterpriseId).has(String(c.Id))).map((c) => c.Name);

  it("are deleted once no task uses them: after an update, a delete and a refused create; others' are kept", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    // A manager's own condition, used by no task: not ours to delete.
    await callAction(ctx, "CloudCreateEnterpriseTime", { EnterpriseId: enterpriseId, Name: "午休", Priority: 500, Type: 1, TimeType: 2, DayOfWeek: "2", StartTime: "12:00", EndTime: "13:00" }, z.unknown(), { safe: false });
    const first = await adapter.createTask!(ctx, draft("甲"));
    const second = await adapter.createTask!(ctx, draft("乙"));
    expect(conditionsOf(enterpriseId)).toHaveLength(18);

    // 甲 moves to other hours; 乙 still uses the office-hours conditions, so they stay.
    await adapter.updateTask!(ctx, first.remoteId, { ...draft("甲"), callTimeGroup: longDays() });
    expect(unused(enterpriseId)).toEqual(["午休"]);
    expect(conditionsOf(enterpriseId).length).toBeGreaterThan(18);

    // 乙 deleted: the office-hours conditions go with it.
    await adapter.deleteTask!(ctx, second.remoteId);
    expect(unused(enterpriseId)).toEqual(["午休"]);
    expect(conditionsOf(enterpriseId).filter((c) => c.Name.startsWith("Dialboard")).every((c) => usedIds(enterpriseId).has(String(c.Id)))).toBe(true);

    // A create the provider refuses leaves none of the conditions made for it.
    const before = conditionsOf(enterpriseId).length;
    await expectCode(adapter.createTask!(ctx, { ...draft("丙", { CustomerTimeout: 61 }), callTimeGroup: { ...officeHours(), weekly: { ...emptyWeek(), 3: [{ start: 600, end: 660 }] } } }), "InvalidParameter");
    expect(conditionsOf(enterpriseId)).toHaveLength(before);
    expect(unused(enterpriseId)).toEqual(["午休"]);

    // Priorities stay low: freed ones are taken again.
    await adapter.deleteTask!(ctx, first.remoteId);
    expect(conditionsOf(enterpriseId).map((c) => c.Name)).toEqual(["午休"]);
  });

  it("are not deleted while a task names them, even one Dialboard does not know", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const ours = await adapter.createTask!(ctx, draft("我们的"));
    const ids = String(tasksOf(enterpriseId)[0].props.TimeStrategy);
    // Someone else's task, made in the console, borrows our conditions.
    await callAction(ctx, "CloudCreateTask", { EnterpriseId: enterpriseId, Name: "别人的", Type: 1, Cnos: "9001", TimeStrategy: ids }, z.unknown(), { safe: false });
    await adapter.deleteTask!(ctx, ours.remoteId);
    expect(conditionsOf(enterpriseId).map((c) => String(c.Id)).join(",")).toBe(ids);
    // The simulator itself refuses to delete a condition in use.
    const res = await rawCall({ Action: "CloudDeleteEnterpriseTime", EnterpriseId: enterpriseId, Id: ids.split(",")[0] });
    expect(res.json.Code).toBe("TimeCondition.InUse");
  });
});

describe("faults and idempotency", () => {
  it("reads succeed through 5xx and 429 with retries", async () => {
    const ctx = ctxFor(String(entSeq++), { maxAttempts: 8 });
    const task = await adapter.createTask!(ctx, draft("读重试"));
    sim.faults.set({ errorRate: 0.2, rateLimitRate: 0.1, retryAfterSec: 0, seed: 42 });
    for (let i = 0; i < 15; i++) {
      expect((await adapter.getTask(ctx, task.remoteId)).remoteId).toBe(task.remoteId);
      expect((await adapter.listTasks(ctx, null)).items.length).toBe(1);
      expect((await adapter.getStats(ctx, task.remoteId)).totalOrders).toBe(0);
    }
  });

  it("never sends a create twice under faults", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    sim.faults.set({ errorRate: 0.3, rateLimitRate: 0.1, retryAfterSec: 0, seed: 7 });
    for (let i = 0; i < 12; i++) await adapter.createTask!(ctx, draft(`故障 ${i}`)).catch(() => undefined);
    sim.faults.reset();
    const names = tasksOf(enterpriseId).map((t) => t.props.Name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(0);
  });

  it("reconciles a create whose answer was lost instead of sending it again", async () => {
    const enterpriseId = String(entSeq++);
    let lost = 0;
    const losingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (typeof init?.body === "string" && init.body.includes("Action=CloudCreateTask") && lost === 0) {
        lost++;
        await res.text();
        throw new DOMException("The operation timed out.", "TimeoutError");
      }
      return res;
    };
    const ctx = ctxFor(enterpriseId, { fetch: losingFetch });
    const before = sim.state().createCount;
    const task = await adapter.createTask!(ctx, draft("丢失的应答"));
    expect(lost).toBe(1);
    expect(sim.state().createCount).toBe(before + 1);
    expect(tasksOf(enterpriseId).map((t) => String(t.props.Id))).toEqual([task.remoteId]);
  });
});

describe("a lost create, whatever the clocks say", () => {
  // The answer to the first CloudCreateTask is lost after the simulator applied it.
  function losingFetch(): { fetch: typeof fetch; lost: () => number } {
    let lost = 0;
    return {
      lost: () => lost,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (typeof init?.body === "string" && init.body.includes("Action=CloudCreateTask") && lost === 0) {
          lost++;
          await res.text();
          throw new DOMException("The operation timed out.", "TimeoutError");
        }
        return res;
      },
    };
  }

  // A simulator whose task clock (CreateTime) is `skewMs` off ours; its gateway checks signatures on real time.
  async function skewedSim(skewMs: number) {
    const skewed = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, startAt: new Date(Date.now() + skewMs), dialing: { factor: 1 } });
    const skewedUrl = await skewed.start();
    skewed.engine.stop();
    return { skewed, skewedUrl };
  }

  for (const [label, skewMs] of [
    ["3 minutes ahead of ours", 3 * 60_000],
    ["400 days behind ours", -400 * 86_400_000],
  ] as const) {
    it(`creates exactly one task when the provider's clock is ${label}`, async () => {
      const { skewed, skewedUrl } = await skewedSim(skewMs);
      try {
        const losing = losingFetch();
        const ctx: ProviderContext = { ...ctxFor("7100001"), baseUrl: skewedUrl, fetch: losing.fetch };
        const task = await adapter.createTask!(ctx, draft("时钟偏差"));
        expect(losing.lost()).toBe(1);
        expect(skewed.state().createCount).toBe(1);
        expect((await adapter.listTasks(ctxFor("7100001", { baseUrl: skewedUrl }), null)).items.map((t) => t.remoteId)).toEqual([task.remoteId]);
      } finally {
        await skewed.stop();
      }
    });
  }

  it("does not take an older task of the same name for the lost one", async () => {
    const enterpriseId = String(entSeq++);
    const older = await adapter.createTask!(ctxFor(enterpriseId), draft("同名任务"));
    const losing = losingFetch();
    const task = await adapter.createTask!(ctxFor(enterpriseId, { fetch: losing.fetch }), draft("同名任务"));
    expect(losing.lost()).toBe(1);
    expect(task.remoteId).not.toBe(older.remoteId);
    expect(tasksOf(enterpriseId).map((t) => String(t.props.Id)).sort()).toEqual([older.remoteId, task.remoteId].sort());
  });
});

describe("webhooks", () => {
  it("has none: verify refuses everything and parse throws", () => {
    expect(adapter.capabilities.operations.webhooks).toBe(false);
    expect(adapter.capabilities.operations.complete).toBe(false);
    const req = { headers: {}, query: {}, rawBody: "{}" };
    expect(adapter.verifyWebhook(ctxFor("1"), req)).toBe(false);
    expect(() => adapter.parseWebhook(ctxFor("1"), req)).toThrow();
  });
});

describe("demo seed", () => {
  it("serves tasks of both types across statuses, with numbers and stats", async () => {
    const demo = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, seedDemo: true, startAt: MONDAY_10AM, dialing: { factor: 0 } });
    const demoUrl = await demo.start();
    try {
      const ctx: ProviderContext = { baseUrl: demoUrl, credentials: DEMO_CREDENTIALS, settings: DEMO_SETTINGS, backoffMs: 5 };
      const first = await adapter.listTasks(ctx, null);
      const second = await adapter.listTasks(ctx, first.nextCursor);
      const all = [...first.items, ...second.items];
      expect(all).toHaveLength(6);
      expect(new Set(all.map((t) => t.taskType))).toEqual(new Set(["1", "2"]));
      expect(new Set(all.map((t) => t.status))).toEqual(new Set(["pending", "running", "paused", "completed"]));
      const running = all.find((t) => t.status === "running")!;
      const stats = await adapter.getStats(ctx, running.remoteId);
      expect(stats.totalOrders).toBeGreaterThan(0);
      expect(stats.attemptedOrders).toBeGreaterThan(0);
      expect((await adapter.listTimeGroups!(ctx)).length).toBe(3);
    } finally {
      await demo.stop();
    }
  });
});
