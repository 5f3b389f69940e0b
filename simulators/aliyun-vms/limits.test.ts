// The documented limits of the Cloud* API, enforced by the simulator (docs/providers/aliyun-vms.md §Limits), reached
// through the real client. Limits in the millions are lowered with setLimits so a test need not import a million numbers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { ProviderError } from "../../lib/providers/errors";
import { callAction } from "../../lib/providers/aliyun-vms/client";
import type { ProviderContext } from "../../lib/providers/types";
import { DEMO_CREDENTIALS } from "./demo";
import { createAliyunVmsSimulator, type AliyunVmsSimulator } from "./server";
import { DOCUMENTED_LIMITS } from "./state";

let sim: AliyunVmsSimulator;
let ctx: ProviderContext;
let entSeq = 9100000;

const call = (action: string, params: Record<string, string | number>) =>
  callAction(ctx, action, params, z.record(z.string(), z.unknown()), { safe: false });

async function refusal(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

const tels = (from: number, count: number) => JSON.stringify(Array.from({ length: count }, (_, i) => ({ Tel: String(13800000000 + from + i) })));

async function newTask(enterpriseId: string): Promise<string> {
  const data = await call("CloudCreateTask", { EnterpriseId: enterpriseId, Name: `限额 ${entSeq}`, Type: 1, Cnos: "2001" });
  return String(data.Id);
}

const importTels = (enterpriseId: string, taskId: string, list: string, extra: Record<string, string | number> = {}) =>
  call("CloudImportTaskTel", { EnterpriseId: enterpriseId, TaskId: taskId, Name: "批次", TaskTelList: list, ...extra });

const ordersOf = (enterpriseId: string, taskId: string) => sim.state().enterprises[enterpriseId].tasks.find((t) => String(t.props.Id) === taskId)!.orders;

beforeAll(async () => {
  sim = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage(), startAt: new Date("2026-11-23T02:00:00Z"), dialing: { factor: 0 } });
  const url = await sim.start();
  sim.engine.stop();
  ctx = { baseUrl: url, credentials: { ...DEMO_CREDENTIALS }, settings: { enterpriseId: "1" }, backoffMs: 5 };
});
afterEach(() => sim.setLimits(DOCUMENTED_LIMITS));
afterAll(() => sim.stop());

describe("documented limits", () => {
  it("are the documented numbers", () => {
    expect(DOCUMENTED_LIMITS).toMatchObject({
      tasksPerEnterprise: 100,
      activeTasksPerEnterprise: 10,
      numbersPerBatch: 100_000,
      numbersPerTask: 1_000_000,
      numbersPerEnterprise: 10_000_000,
      batchesPerTask: 100_000,
    });
  });

  it("refuses a batch over the per-batch count and imports nothing of it", async () => {
    sim.setLimits({ numbersPerBatch: 3 });
    const enterpriseId = String(entSeq++);
    const taskId = await newTask(enterpriseId);
    await importTels(enterpriseId, taskId, tels(0, 3));
    const err = await refusal(importTels(enterpriseId, taskId, tels(10, 4)));
    expect(err).toMatchObject({ code: "InvalidParameter", httpStatus: 400 });
    expect(err.providerMessage).toContain("TaskTelList");
    expect(err.field).toBe("contacts");
    expect(ordersOf(enterpriseId, taskId)).toHaveLength(3);
  });

  it("refuses the request that would pass the per-task count, whole", async () => {
    sim.setLimits({ numbersPerTask: 5 });
    const enterpriseId = String(entSeq++);
    const taskId = await newTask(enterpriseId);
    await importTels(enterpriseId, taskId, tels(0, 3));
    expect((await refusal(importTels(enterpriseId, taskId, tels(3, 3)))).code).toBe("TaskTel.TaskLimitExceeded");
    expect(ordersOf(enterpriseId, taskId)).toHaveLength(3);
    // Duplicates do not count: IsRepeat 1 skips numbers already in the task before the limit is weighed.
    await importTels(enterpriseId, taskId, tels(0, 5));
    expect(ordersOf(enterpriseId, taskId)).toHaveLength(5);
  });

  it("counts every task of the call centre against the per-enterprise limit", async () => {
    sim.setLimits({ numbersPerEnterprise: 4 });
    const enterpriseId = String(entSeq++);
    const first = await newTask(enterpriseId);
    const second = await newTask(enterpriseId);
    await importTels(enterpriseId, first, tels(0, 3));
    expect((await refusal(importTels(enterpriseId, second, tels(10, 2)))).code).toBe("TaskTel.EnterpriseLimitExceeded");
    await importTels(enterpriseId, second, tels(10, 1));
    expect(ordersOf(enterpriseId, second)).toHaveLength(1);
  });

  it("limits the batches of a task; adding to an existing batch (FileId) makes none", async () => {
    sim.setLimits({ batchesPerTask: 2 });
    const enterpriseId = String(entSeq++);
    const taskId = await newTask(enterpriseId);
    const firstBatch = await importTels(enterpriseId, taskId, tels(0, 1));
    await importTels(enterpriseId, taskId, tels(1, 1));
    expect((await refusal(importTels(enterpriseId, taskId, tels(2, 1)))).code).toBe("TaskFile.LimitExceeded");
    await importTels(enterpriseId, taskId, tels(2, 1), { FileId: String(firstBatch.FileId) });
    expect(ordersOf(enterpriseId, taskId)).toHaveLength(3);
  });

  it("takes a time condition whose StartTime equals its EndTime, refuses one that ends before it starts", async () => {
    const enterpriseId = String(entSeq++);
    const base = { EnterpriseId: enterpriseId, Type: 1, TimeType: 2, DayOfWeek: "2" };
    await call("CloudCreateEnterpriseTime", { ...base, Name: "等于", Priority: 1, StartTime: "10:00", EndTime: "10:00" });
    const err = await refusal(call("CloudCreateEnterpriseTime", { ...base, Name: "倒挂", Priority: 2, StartTime: "10:01", EndTime: "10:00" }));
    expect(err.code).toBe("InvalidParameter");
    expect(sim.state().enterprises[enterpriseId].conditions.map((c) => c.Name)).toEqual(["等于"]);
  });
});
