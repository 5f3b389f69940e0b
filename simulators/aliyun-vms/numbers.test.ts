// Number-level operations (issue 11 §3) of the real adapter against the simulator over HTTP: removing numbers
// (CloudDeleteTaskTel), the import batch's counts (CloudListTaskFile) and a predictive task's calls
// (CloudQueryPredictiveCallCdr), month by month.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { emptyWeek, type CallTimeGroup } from "../../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { aliyunVmsAdapter as adapter } from "../../lib/providers/aliyun-vms";
import { callAction } from "../../lib/providers/aliyun-vms/client";
import { ProviderError } from "../../lib/providers/errors";
import type { CallRecordEvent, ProviderContext, TaskDraft } from "../../lib/providers/types";
import { DEMO_CREDENTIALS } from "./demo";
import { createAliyunVmsSimulator, type AliyunVmsSimulator } from "./server";

let sim: AliyunVmsSimulator;
let url: string;
let entSeq = 9200000;

const allWeek = (): CallTimeGroup => {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5, 6, 7] as const) weekly[d] = [{ start: 0, end: 1440 }];
  return { name: "全天", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false };
};
const draft = (name: string, taskType = "1"): TaskDraft => ({
  name,
  description: "",
  taskType,
  callTimeGroup: allWeek(),
  retryStrategy: { name: "一次重拨", rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }], measureFrom: "first-call", onlyToday: false, retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"] },
  params: { CallGroupType: "1", Cnos: "2001", Concurrency: 5, ...(taskType === "2" ? { IvrId: 330 } : {}) },
  idempotencyKey: `key-${name}`,
});
const ctxFor = (enterpriseId: string): ProviderContext => ({ baseUrl: url, credentials: { ...DEMO_CREDENTIALS }, settings: { enterpriseId }, backoffMs: 5 });
const contact = (phone: string) => ({ phone, name: "", variables: {} });
const ordersOf = (enterpriseId: string) => sim.state().enterprises[enterpriseId].tasks[0].orders;

async function allCalls(ctx: ProviderContext, remoteId: string): Promise<{ calls: CallRecordEvent[]; cursors: (string | null)[] }> {
  const calls: CallRecordEvent[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.listCalls!(ctx, remoteId, cursor);
    calls.push(...page.items);
    cursor = page.nextCursor;
    cursors.push(cursor);
  } while (cursor !== null);
  return { calls, cursors };
}

beforeAll(async () => {
  // The call centre's clock starts at ours (and stands still until a test moves it), as a real host's does; the group
  // below opens every minute of every day, so no date it runs on changes what is dialled. The month walk itself is
  // held to fixed dates in lib/providers/aliyun-vms/numbers.test.ts.
  sim = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage(), dialing: { factor: 0 } });
  url = await sim.start();
  sim.engine.stop();
});
afterAll(() => sim.stop());

describe("number-level operations", () => {
  it("are declared: calls and removal, no number listing", () => {
    expect(adapter.capabilities.numberOps).toEqual({ list: false, calls: true, remove: true, batchSize: 100_000 });
  });

  it("removes numbers from a running task, retries included, and says which it could not", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const task = await adapter.createTask!(ctx, draft("删号"));
    await adapter.addContacts!(ctx, task.remoteId, ["+8613800138000", "+8613800138001", "+8613800138002", "+861058001234"].map(contact));
    await adapter.startTask!(ctx, task.remoteId);
    sim.engine.setConfig({ answerProbability: 0 });
    sim.clock.advance(10 * 60_000);
    sim.tick();
    expect(ordersOf(enterpriseId).every((o) => o.attempts === 1 && !o.finished)).toBe(true);

    const result = await adapter.removeNumbers!(ctx, task.remoteId, ["+8613800138001", "+861058001234", "not-a-number"]);
    expect(result.removed).toEqual(["+8613800138001", "+861058001234"]);
    expect(result.notRemoved.map((r) => r.phone)).toEqual(["not-a-number"]);
    expect(result.notRemoved[0].reason.zh.length).toBeGreaterThan(0);
    expect(ordersOf(enterpriseId).map((o) => o.phone)).toEqual(["13800138000", "13800138002"]);

    // Their retries are gone too: later calls reach only the numbers left.
    const before = sim.state().enterprises[enterpriseId].tasks[0].calls.length;
    sim.clock.advance(2 * 3_600_000);
    sim.tick();
    sim.engine.setConfig({ answerProbability: 0.5 });
    const later = sim.state().enterprises[enterpriseId].tasks[0].calls.slice(before).map((c) => c.phone);
    expect(later.length).toBeGreaterThan(0);
    expect(new Set(later)).toEqual(new Set(["13800138000", "13800138002"]));
  });

  it("says how many numbers of an import were already in the task (CloudListTaskFile)", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const task = await adapter.createTask!(ctx, draft("批次统计"));
    await adapter.addContacts!(ctx, task.remoteId, ["+8613900139000", "+8613900139001"].map(contact));
    const again = await adapter.addContacts!(ctx, task.remoteId, ["+8613900139001", "+8613900139002"].map(contact));
    expect(again.accepted).toBe(1);
    expect(again.rejected.map((r) => r.reason.en)).toEqual(["1 number(s) were already in the task."]);
    expect(again.rejected[0].reason.zh).toBe("1 个号码任务中已存在。");
  });

  it("lists a predictive task's calls, oldest first, with E.164 numbers", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const task = await adapter.createTask!(ctx, draft("通话记录"));
    await adapter.addContacts!(ctx, task.remoteId, ["+8613700137000", "+8613700137001", "+861058001234"].map(contact));
    await adapter.startTask!(ctx, task.remoteId);
    sim.engine.setConfig({ answerProbability: 0 });
    sim.clock.advance(10 * 60_000);
    sim.tick();
    sim.engine.setConfig({ answerProbability: 1 });
    sim.clock.advance(2 * 3_600_000);
    sim.tick();
    sim.engine.setConfig({ answerProbability: 0.5 });
    const simCalls = sim.state().enterprises[enterpriseId].tasks[0].calls;
    expect(simCalls).toHaveLength(6);

    const { calls, cursors } = await allCalls(ctx, task.remoteId);
    expect(cursors.at(-1)).toBeNull();
    expect(calls).toHaveLength(6);
    // Records carry whole seconds.
    expect(calls.map((c) => c.startedAt.getTime())).toEqual(simCalls.map((c) => Math.floor(c.startedAt / 1000) * 1000).sort((a, b) => a - b));
    expect(new Set(calls.map((c) => c.phone))).toEqual(new Set(["+8613700137000", "+8613700137001", "+861058001234"]));
    expect(calls.filter((c) => c.outcome === "answered")).toHaveLength(3);
    expect(calls.filter((c) => c.outcome === "answered").every((c) => c.answeredAt !== null && c.durationSec > 0)).toBe(true);
    expect(new Set(calls.map((c) => c.callId)).size).toBe(6);
  });

  it("has no call records for an automatic task (none in the Cloud* API)", async () => {
    const enterpriseId = String(entSeq++);
    const task = await adapter.createTask!(ctxFor(enterpriseId), draft("自动外呼", "2"));
    expect(await adapter.listCalls!(ctxFor(enterpriseId), task.remoteId, null)).toEqual({ items: [], nextCursor: null, total: null });
  });

  it("the simulator holds the documented ranges: one month per call-record query, 5000 batches a page", async () => {
    const enterpriseId = String(entSeq++);
    const ctx = ctxFor(enterpriseId);
    const task = await adapter.createTask!(ctx, draft("范围"));
    const refused = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof ProviderError ? e.code : e));
    const cdr = (StartTime: number, EndTime: number) =>
      callAction(ctx, "CloudQueryPredictiveCallCdr", { EnterpriseId: enterpriseId, TaskId: task.remoteId, StartTime, EndTime }, z.unknown(), { safe: true });
    // 2026-11-30 12:00 and 2026-12-01 12:00, Beijing time: two months.
    expect(await refused(cdr(1_796_011_200, 1_796_097_600))).toBe("InvalidParameter");
    expect(await refused(callAction(ctx, "CloudListTaskFile", { EnterpriseId: enterpriseId, TaskId: task.remoteId, Limit: 5001 }, z.unknown(), { safe: true }))).toBe("InvalidParameter");
    expect(await refused(callAction(ctx, "CloudDeleteTaskTel", { EnterpriseId: enterpriseId, TaskId: task.remoteId }, z.unknown(), { safe: true }))).toBe("MissingParameter");
  });
});
