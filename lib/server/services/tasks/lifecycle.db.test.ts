// Lifecycle and numbers against real simulators and a real database: the documented state rules refuse
// before any request is sent, the provider is asked first and the mirror follows its answer, each bulk
// row says what happened, and every change is audited.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultCallTimeGroup, type CallTimeGroup } from "@/lib/domain/call-time-group";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import { defaultRetryStrategy } from "@/lib/domain/retry";
import type { TaskStatus } from "@/lib/domain/task";
import { ProviderError } from "@/lib/providers/errors";
import { adapterFor } from "@/lib/providers/registry";
import type { Contact, ProviderAdapter } from "@/lib/providers/types";
import { createAliyunVmsSimulator } from "@/simulators/aliyun-vms/server";
import * as aliyunDemo from "@/simulators/aliyun-vms/demo";
import { createNxcloudSimulator } from "@/simulators/nxcloud/server";
import * as nxcloudDemo from "@/simulators/nxcloud/demo";
import { createYunfuSimulator } from "@/simulators/yunfu/server";
import * as yunfuDemo from "@/simulators/yunfu/demo";
import type { Simulator } from "@/simulators/core/types";
import { AfterResponse } from "../../after-response";
import { flushAudit } from "../../audit";
import { encryptJson } from "../../crypto";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { syncAccount } from "../../mirror/sync";
import { freshDatabase } from "../../testing/db";
import { createCallTimeGroup } from "../call-time-groups";
import { providerContextFor } from "../provider-accounts";
import { createRetryStrategy } from "../retry-strategies";
import { addContactsToTask, sendContactsInBatches } from "./contacts";
import { bulkTaskOperation, performTaskOperation, updateTaskSettings } from "./lifecycle";
import { getTaskDetail } from "./query";
import { tasksPausedByUser } from "./waiting";

/** The providers whose tasks Dialboard writes (WShoto is read-only here). */
type CallProvider = "yunfu" | "aliyun-vms" | "nxcloud";

const actor = { id: null, email: "manager@example.com" };
const calendar = cnCalendarFromPackage();
// The dialing engine stands still (factor 0): statuses change only through the API. The simulated clock is
// a Friday 10:00 in Beijing, inside the demo groups' hours: Yunfu reports an enabled task as dialling only
// within them, so a real-time clock would make this test depend on the hour it runs.
const simOpts = { port: 0, calendar, seedDemo: true, dialing: { factor: 0 }, startAt: new Date("2026-11-20T10:00:00+08:00") };
const sims: Record<CallProvider, Simulator> = {
  nxcloud: createNxcloudSimulator({ ...simOpts, credentials: nxcloudDemo.DEMO_CREDENTIALS }),
  "aliyun-vms": createAliyunVmsSimulator({ ...simOpts, credentials: aliyunDemo.DEMO_CREDENTIALS }),
  yunfu: createYunfuSimulator({ ...simOpts, credentials: yunfuDemo.DEMO_CREDENTIALS }),
};
const demo = { nxcloud: nxcloudDemo, "aliyun-vms": aliyunDemo, yunfu: yunfuDemo };
const accounts = {} as Record<keyof typeof sims, string>;
const urls = {} as Record<keyof typeof sims, string>;

// Every request the app sends to a simulator, counted at the fetch boundary.
const realFetch = globalThis.fetch;
let requests: string[] = [];
const requestsTo = (kind: keyof typeof sims) => requests.filter((u) => u.startsWith(urls[kind])).length;

beforeAll(async () => {
  await freshDatabase();
  for (const kind of Object.keys(sims) as (keyof typeof sims)[]) {
    urls[kind] = await sims[kind].start();
    const row = await getDb().providerAccount.create({
      data: {
        kind,
        name: `${kind} test`,
        baseUrl: urls[kind],
        credentialsEnc: encryptJson(demo[kind].DEMO_CREDENTIALS),
        settings: JSON.stringify(demo[kind].DEMO_SETTINGS),
        allowPrivateNetwork: true, // the simulators listen on loopback
      },
      select: { id: true },
    });
    accounts[kind] = row.id;
    const sync = await syncAccount(row.id);
    expect(sync.status).toBe("ok");
  }
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    requests.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    return realFetch(input, init);
  });
});
afterEach(() => {
  requests = [];
});
afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(Object.values(sims).map((s) => s.stop()));
});

async function taskIn(kind: keyof typeof sims, status: TaskStatus) {
  const task = await getDb().task.findFirst({
    where: { accountId: accounts[kind], status },
    orderBy: { name: "asc" },
    select: { id: true, remoteId: true, name: true },
  });
  if (!task) throw new Error(`the ${kind} demo has no ${status} task`);
  return task;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function remoteStatus(kind: keyof typeof sims, remoteId: string): Promise<TaskStatus> {
  const { adapter, ctx } = await providerContextFor(accounts[kind]);
  return (await adapter.getTask(ctx, remoteId)).status;
}

describe("state rules refuse before any provider call", () => {
  it("NXCloud has no delete", async () => {
    const task = await taskIn("nxcloud", "paused");
    const e = await refusal(performTaskOperation({ actor, taskId: task.id, op: "delete" }));
    expect(e.userMessage.en).toMatch(/NXCloud.*no delete/);
    expect(e.userMessage.zh).toMatch(/不支持删除/);
    expect(requestsTo("nxcloud")).toBe(0);
  });

  it("Aliyun deletes only tasks that are not started or ended", async () => {
    const task = await taskIn("aliyun-vms", "running");
    const e = await refusal(performTaskOperation({ actor, taskId: task.id, op: "delete" }));
    expect(e.userMessage.en).toMatch(/can delete only not started or ended tasks; this one is running/);
    expect(requestsTo("aliyun-vms")).toBe(0);
    expect(await remoteStatus("aliyun-vms", task.remoteId)).toBe("running");
  });

  it("Yunfu takes numbers only while paused, and says to pause first", async () => {
    const task = await taskIn("yunfu", "running");
    const contacts: Contact[] = [{ phone: "+8613800138000", name: "张三", variables: {} }];
    const e = await refusal(addContactsToTask({ actor, taskId: task.id, contacts }));
    expect(e.userMessage.en).toMatch(/only paused tasks.*Pause it first/);
    expect(e.userMessage.zh).toMatch(/请先暂停/);
    expect(requestsTo("yunfu")).toBe(0);
  });

  it("a running NXCloud task cannot be started again", async () => {
    const task = await taskIn("nxcloud", "running");
    await refusal(performTaskOperation({ actor, taskId: task.id, op: "start" }));
    expect(requestsTo("nxcloud")).toBe(0);
  });
});

describe("provider first, then the mirror from its answer", () => {
  it("pausing a running NXCloud task pauses it at the provider, then in the mirror, with an audit entry", async () => {
    const task = await taskIn("nxcloud", "running");
    const { status } = await performTaskOperation({ actor, taskId: task.id, op: "pause" });
    expect(status).toBe("paused");
    expect(await remoteStatus("nxcloud", task.remoteId)).toBe("paused");
    const row = await getDb().task.findUniqueOrThrow({ where: { id: task.id }, select: { status: true } });
    expect(row.status).toBe("paused");
    await flushAudit();
    const entry = await getDb().auditEntry.findFirstOrThrow({ where: { targetType: "task", targetId: task.id, action: "task.pause" } });
    expect(entry.actorEmail).toBe(actor.email);
    expect(JSON.parse(entry.summary)).toMatchObject({ before: { status: "running" }, after: { status: "paused" } });

    const detail = await getTaskDetail(task.id);
    expect(detail.history.map((h) => h.action)).toContain("task.pause");
    expect(detail.capabilities.controls.start.allowed).toBe(true);
    expect(detail.capabilities.controls.pause.allowed).toBe(false);
    expect(detail.capabilities.controls.delete.reason?.en).toMatch(/no delete/);
  });

  it("a pause answers once it is recorded who paused: read at once, the task is paused by a user here, not by the provider", async () => {
    const task = await taskIn("nxcloud", "paused");
    const manager = { id: "user-manager", email: "manager@example.com" };
    await performTaskOperation({ actor: manager, taskId: task.id, op: "start" });
    await flushAudit();
    // As in a request: work handed to after() runs once the answer is sent, here 50 ms later.
    const deferred = vi.spyOn(AfterResponse.prototype, "run").mockImplementation(function (this: AfterResponse, work) {
      void this.track(new Promise((resolve) => setTimeout(resolve, 50)).then(work));
    });
    try {
      await performTaskOperation({ actor: manager, taskId: task.id, op: "pause" });
      // What the task page reads right after the answer.
      expect(await tasksPausedByUser([task.id])).toEqual(new Set([task.id]));
    } finally {
      deferred.mockRestore();
      await flushAudit();
    }
  });

  it("a provider refusal becomes a PROVIDER error and leaves the mirror as it was", async () => {
    const task = await taskIn("nxcloud", "pending");
    const adapter = adapterFor("nxcloud");
    const spy = vi.spyOn(adapter, "startTask").mockRejectedValueOnce(
      new ProviderError({ provider: "nxcloud", code: "10001", providerMessage: "busy", userMessage: { en: "The line is busy.", zh: "线路忙。" } }),
    );
    const e = await refusal(performTaskOperation({ actor, taskId: task.id, op: "start" }));
    expect(e.code).toBe("PROVIDER");
    expect(e.userMessage.en).toBe("The line is busy.");
    spy.mockRestore();
    const row = await getDb().task.findUniqueOrThrow({ where: { id: task.id }, select: { status: true } });
    expect(row.status).toBe("pending");
  });

  it("deleting an ended Aliyun task deletes it remotely and marks the mirror deleted", async () => {
    const task = await taskIn("aliyun-vms", "completed");
    const { status } = await performTaskOperation({ actor, taskId: task.id, op: "delete" });
    expect(status).toBe("deleted");
    const { adapter, ctx } = await providerContextFor(accounts["aliyun-vms"]);
    await expect(adapter.getTask(ctx, task.remoteId)).rejects.toBeInstanceOf(ProviderError);
    const detail = await getTaskDetail(task.id);
    expect(detail.task.status).toBe("deleted");
    expect(detail.capabilities.controls.start.allowed).toBe(false);
  });

  it("Yunfu takes numbers once paused; the result counts accepted and rejected numbers", async () => {
    const task = await taskIn("yunfu", "running");
    expect((await performTaskOperation({ actor, taskId: task.id, op: "pause" })).status).toBe("paused");
    const contacts: Contact[] = [
      { phone: "+8613800138001", name: "李四", variables: {} },
      { phone: "+8613800138002", name: "王五", variables: {} },
      { phone: "+14155550100", name: "Foreign", variables: {} },
    ];
    const result = await addContactsToTask({ actor, taskId: task.id, contacts });
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([{ phone: "+14155550100", reason: expect.objectContaining({ en: expect.stringMatching(/mainland China/) }) }]);
    expect(result.failedBatches).toEqual([]);
    await flushAudit();
    const entry = await getDb().auditEntry.findFirstOrThrow({ where: { targetId: task.id, action: "task.addContacts" } });
    expect(JSON.parse(entry.summary).after).toMatchObject({ sent: 3, accepted: 2, rejected: 1 });
  });
});

describe("bulk start/pause", () => {
  it("answers per row: done, refused with the reason, and missing", async () => {
    const running = await taskIn("aliyun-vms", "running");
    const paused = await taskIn("nxcloud", "paused");
    const results = await bulkTaskOperation({ actor, taskIds: [running.id, paused.id, "no-such-task"], op: "pause" });
    expect(results).toEqual([
      { taskId: running.id, ok: true, status: "paused" },
      { taskId: paused.id, ok: false, error: expect.objectContaining({ en: expect.stringMatching(/can pause only running tasks; this one is paused/) }) },
      { taskId: "no-such-task", ok: false, error: expect.objectContaining({ en: "This task no longer exists." }) },
    ]);
    expect(await remoteStatus("aliyun-vms", running.remoteId)).toBe("paused");
  });
});

describe("numbers in batches", () => {
  const contacts = (n: number): Contact[] =>
    Array.from({ length: n }, (_, i) => ({ phone: `+86138${String(i).padStart(8, "0")}`, name: `客户${i}`, variables: {} }));

  it("sends the provider's batch size, reports a failed batch with the provider's message, goes on, never retries", async () => {
    const calls: number[] = [];
    const base = adapterFor("yunfu");
    const adapter: ProviderAdapter = {
      ...base,
      async addContacts(_ctx, _remoteId, batch) {
        calls.push(batch.length);
        if (calls.length === 2) {
          throw new ProviderError({ provider: "yunfu", code: "6007", providerMessage: "started", userMessage: { en: "Pause first.", zh: "请先暂停。" } });
        }
        return { accepted: batch.length, rejected: [] };
      },
    };
    const progress: string[] = [];
    const result = await sendContactsInBatches({
      adapter,
      ctx: { baseUrl: "http://127.0.0.1:9", credentials: {}, settings: {} },
      remoteId: "1",
      contacts: contacts(250),
      onBatch: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(calls).toEqual([100, 100, 50]);
    expect(result).toEqual({ accepted: 150, rejected: [], failedBatches: [{ index: 1, error: { en: "Pause first.", zh: "请先暂停。" } }] });
    expect(progress).toEqual(["1/3", "2/3", "3/3"]);
  });
});

describe("editing goes through the task-write pipeline", () => {
  // 09:15 is not on NXCloud's half-hour grid: NXCloud cannot keep this group exactly.
  const exact: CallTimeGroup = { ...defaultCallTimeGroup("Weekdays 9–18"), skipHolidays: false };
  const lossy: CallTimeGroup = { ...exact, name: "Quarter past", weekly: { ...exact.weekly, 1: [{ start: 9 * 60 + 15, end: 12 * 60 }] } };
  const nxParams = { maxCall: "5", startupType: "1" };
  const remoteName = async (remoteId: string) => {
    const { adapter, ctx } = await providerContextFor(accounts.nxcloud);
    return (await adapter.getTask(ctx, remoteId)).name;
  };

  it("switching a task to a group its provider cannot keep exactly needs the wizard's confirmation", async () => {
    const task = await taskIn("nxcloud", "paused");
    const lossyId = (await createCallTimeGroup({ actor, data: lossy })).id;
    const data = { name: "Edited with a lossy group", description: "", callTimeGroupId: lossyId, retryStrategyId: null, params: nxParams, acceptLosses: false };

    const refused = await refusal(updateTaskSettings({ actor, taskId: task.id, data }));
    expect(refused).toMatchObject({ code: "INVALID", field: "acceptLosses" });
    expect(refused.userMessage.zh).toMatch(/请确认这些差异/);
    expect(requestsTo("nxcloud")).toBe(0);
    expect(await remoteName(task.remoteId)).toBe(task.name);

    expect((await updateTaskSettings({ actor, taskId: task.id, data: { ...data, acceptLosses: true } })).status).toBe("paused");
    expect(await remoteName(task.remoteId)).toBe("Edited with a lossy group");
    const row = await getDb().task.findUniqueOrThrow({ where: { id: task.id }, select: { callTimeGroupId: true } });
    expect(row.callTimeGroupId).toBe(lossyId);
  });

  it("as in the wizard, a retry strategy's losses are shown but need no confirmation", async () => {
    const task = await taskIn("nxcloud", "pending");
    const { adapter } = await providerContextFor(accounts.nxcloud);
    const strategy = { ...defaultRetryStrategy(), name: "Twice, an hour apart" };
    expect(adapter.encodeRetryStrategy(strategy).losses.length).toBeGreaterThan(0);
    const exactId = (await createCallTimeGroup({ actor, data: { ...exact, name: "Exact for NXCloud" } })).id;
    const strategyId = (await createRetryStrategy({ actor, data: strategy })).id;
    const data = { name: "Edited with a strategy", description: "", callTimeGroupId: exactId, retryStrategyId: strategyId, params: nxParams, acceptLosses: false };
    await updateTaskSettings({ actor, taskId: task.id, data });
    expect(await remoteName(task.remoteId)).toBe("Edited with a strategy");
  });

  it("an edit is held to the provider's limits and parameters before anything is sent", async () => {
    const task = await taskIn("nxcloud", "paused");
    const groupId = (await createCallTimeGroup({ actor, data: { ...exact, name: "Exact again" } })).id;
    const base = { name: "ok", description: "", callTimeGroupId: groupId, retryStrategyId: null, params: nxParams, acceptLosses: false };
    const long = await refusal(updateTaskSettings({ actor, taskId: task.id, data: { ...base, name: "x".repeat(500) } }));
    expect(long).toMatchObject({ code: "INVALID", field: "name" });
    const timed = await refusal(updateTaskSettings({ actor, taskId: task.id, data: { ...base, params: { maxCall: "5", startupType: "2" } } }));
    expect(timed).toMatchObject({ code: "INVALID", field: "params.startupAt" });
    expect(requestsTo("nxcloud")).toBe(0);
  });

  it("a provider's refusal lands on the field the adapter names, with the provider's code", async () => {
    const task = await taskIn("nxcloud", "paused");
    const groupId = (await createCallTimeGroup({ actor, data: { ...exact, name: "Exact once more" } })).id;
    const spy = vi.spyOn(adapterFor("nxcloud"), "updateTask").mockRejectedValueOnce(
      new ProviderError({ provider: "nxcloud", code: "10002", providerMessage: "taskName repeat", field: "name", userMessage: { en: "That name is taken.", zh: "名称已存在。" } }),
    );
    const data = { name: "Taken", description: "", callTimeGroupId: groupId, retryStrategyId: null, params: nxParams, acceptLosses: false };
    const e = await refusal(updateTaskSettings({ actor, taskId: task.id, data }));
    spy.mockRestore();
    expect(e).toMatchObject({ code: "PROVIDER", field: "name" });
    expect(e.userMessage).toEqual({ en: "That name is taken. (nxcloud 10002)", zh: "名称已存在。（nxcloud 10002）" });
  });
});
