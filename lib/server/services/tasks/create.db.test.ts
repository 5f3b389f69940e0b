import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { defaultCallTimeGroup, type CallTimeGroup } from "@/lib/domain/call-time-group";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import { defaultRetryStrategy } from "@/lib/domain/retry";
import type { Contact, ProviderKind } from "@/lib/providers/types";
import { createAliyunVmsSimulator } from "@/simulators/aliyun-vms/server";
import { DEMO_CREDENTIALS as ALIYUN_CREDENTIALS, DEMO_SETTINGS as ALIYUN_SETTINGS } from "@/simulators/aliyun-vms/demo";
import { createNxcloudSimulator } from "@/simulators/nxcloud/server";
import { DEMO_CREDENTIALS as NX_CREDENTIALS, DEMO_SETTINGS as NX_SETTINGS } from "@/simulators/nxcloud/demo";
import { createYunfuSimulator } from "@/simulators/yunfu/server";
import { DEMO_CREDENTIALS as YUNFU_CREDENTIALS, DEMO_SETTINGS as YUNFU_SETTINGS } from "@/simulators/yunfu/demo";
import { flushAudit } from "../../audit";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { addDncEntry, GLOBAL_SCOPE } from "../../numbers/dnc";
import { runJob } from "../../numbers/jobs";
import { freshDatabase } from "../../testing/db";
import { createCallTimeGroup } from "../call-time-groups";
import { createAccount } from "../provider-accounts";
import { createRetryStrategy } from "../retry-strategies";
import type { TTaskWizardInput, TTaskWizardRequest } from "@/lib/contracts/task-write";
import { createTaskFromWizard, previewTaskCreation } from "./create";
import { wizardOptions } from "./options";

/** The providers whose tasks Dialboard creates (WShoto is read-only here). */
type CallProvider = "yunfu" | "aliyun-vms" | "nxcloud";

const actor = { id: null, email: "manager@example.com" };
const calendar = cnCalendarFromPackage();
const yunfu = createYunfuSimulator({ port: 0, credentials: { ...YUNFU_CREDENTIALS, ...YUNFU_SETTINGS }, calendar });
const aliyun = createAliyunVmsSimulator({ port: 0, credentials: ALIYUN_CREDENTIALS, calendar });
const nxcloud = createNxcloudSimulator({ port: 0, credentials: NX_CREDENTIALS, calendar });

beforeAll(async () => {
  await Promise.all([yunfu.start(), aliyun.start(), nxcloud.start()]);
});
afterAll(async () => {
  await Promise.all([yunfu.stop(), aliyun.stop(), nxcloud.stop()]);
});

let accounts: Record<CallProvider, string>;
let exactGroupId: string;
let lossyGroupId: string;
let strategyId: string;

beforeEach(async () => {
  await freshDatabase();
  const account = async (kind: ProviderKind, baseUrl: string, credentials: Record<string, string>, settings: Record<string, string>) =>
    (await getDb().providerAccount.update({
      // The simulators listen on loopback: the admin opt-in for private addresses.
      where: { id: (await createAccount({ actor, data: { kind, name: `${kind} test`, baseUrl, credentials, settings, enabled: true } })).id },
      data: { allowPrivateNetwork: true },
    })).id;
  accounts = {
    yunfu: await account("yunfu", yunfu.url, YUNFU_CREDENTIALS, YUNFU_SETTINGS),
    "aliyun-vms": await account("aliyun-vms", aliyun.url, ALIYUN_CREDENTIALS, ALIYUN_SETTINGS),
    nxcloud: await account("nxcloud", nxcloud.url, NX_CREDENTIALS, NX_SETTINGS),
  };
  const exact: CallTimeGroup = { ...defaultCallTimeGroup("Weekdays 9–18"), skipHolidays: false };
  exactGroupId = (await createCallTimeGroup({ actor, data: exact })).id;
  // 09:15 is not on NXCloud's half-hour grid: a lossy group for NXCloud.
  const lossy: CallTimeGroup = { ...exact, name: "Quarter past", weekly: { ...exact.weekly, 1: [{ start: 9 * 60 + 15, end: 12 * 60 }] } };
  lossyGroupId = (await createCallTimeGroup({ actor, data: lossy })).id;
  strategyId = (await createRetryStrategy({ actor, data: { ...defaultRetryStrategy(), name: "Twice, an hour apart" } })).id;
});

afterEach(async () => {
  vi.restoreAllMocks();
  await flushAudit();
});

function numbers(count: number): Contact[] {
  return Array.from({ length: count }, (_, i) => ({ phone: `+86138${String(i).padStart(8, "0")}`, name: `Customer ${i}`, variables: {} }));
}

const PARAMS: Record<CallProvider, { taskType: string; params: TTaskWizardInput["params"] }> = {
  yunfu: {
    taskType: "2.0",
    params: { destination_extension: "1", maximumcall: "2", start_time: "2026-05-04T01:00:00.000Z", stop_time: "2026-06-04T10:00:00.000Z" },
  },
  "aliyun-vms": { taskType: "1", params: { Cnos: "1001,1002" } },
  nxcloud: { taskType: "callbot", params: { maxCall: "5", startupType: "1" } },
};

function input(kind: CallProvider, extra: Partial<TTaskWizardRequest> = {}): TTaskWizardRequest {
  return {
    accountId: accounts[kind],
    taskType: PARAMS[kind].taskType,
    name: `Renewals ${kind}`,
    description: "May renewals",
    callTimeGroupId: exactGroupId,
    // Aliyun cannot block 23:59–24:00, so every group is lossy there.
    acceptLosses: kind === "aliyun-vms",
    retryStrategyId: strategyId,
    params: PARAMS[kind].params,
    contacts: numbers(250),
    contactRows: 250,
    idempotencyKey: randomUUID(),
    ...extra,
  };
}

/** Counts requests to the simulators whose URL matches, without changing them. */
function countRequests(match: (url: string, body: string) => boolean): { count: () => number } {
  const original = globalThis.fetch;
  let count = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (resource, init) => {
    const url = resource instanceof Request ? resource.url : String(resource);
    if (match(url, typeof init?.body === "string" ? init.body : "")) count++;
    return original(resource, init);
  });
  return { count: () => count };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const nxTasks = () => nxcloud.state.tasks;
const aliyunTasks = () => aliyun.state().enterprises[ALIYUN_SETTINGS.enterpriseId]?.tasks ?? [];
const yunfuTasks = () => yunfu.state().tasks;

describe("createTaskFromWizard, one per provider", () => {
  it("Yunfu: creates the task and sends 250 numbers in 3 requests of at most 100", async () => {
    const before = yunfuTasks().length;
    const requests = countRequests((url) => /\/task\/[^/]+\/number$/.test(new URL(url).pathname));
    const res = await createTaskFromWizard({ actor, input: input("yunfu") });
    expect(res.contacts).toEqual({ accepted: 250, rejected: [], failedBatches: [] });
    expect(requests.count()).toBe(3);
    expect(yunfuTasks()).toHaveLength(before + 1);
    expect(yunfuTasks().at(-1)?.orders).toHaveLength(250);
    const task = await getDb().task.findUniqueOrThrow({ where: { id: res.taskId } });
    expect(task).toMatchObject({ name: "Renewals yunfu", description: "May renewals", callTimeGroupId: exactGroupId, retryStrategyId: strategyId });
    expect(JSON.parse(task.params)).toMatchObject({ destination_extension: 1, maximumcall: 2 });
  });

  it("Aliyun: one CloudImportTaskTel (batches of 10 000) for 250 numbers", async () => {
    const requests = countRequests((url, body) => `${url} ${body}`.includes("CloudImportTaskTel"));
    const res = await createTaskFromWizard({ actor, input: input("aliyun-vms") });
    expect(res.contacts.accepted).toBe(250);
    expect(requests.count()).toBe(1);
    expect(aliyunTasks().at(-1)?.orders).toHaveLength(250);
    expect(aliyunTasks().at(-1)?.props.Name).toBe("Renewals aliyun-vms");
  });

  it("NXCloud: the idempotency key is the userTaskID; 1 200 numbers go in addBatchCall batches of 500", async () => {
    const requests = countRequests((url) => url.includes("addBatchCall"));
    const req = input("nxcloud", { contacts: numbers(1200) });
    const res = await createTaskFromWizard({ actor, input: req });
    expect(res.contacts.accepted).toBe(1200);
    expect(requests.count()).toBe(3);
    const remote = nxTasks().find((t) => t.userTaskID === req.idempotencyKey);
    expect(remote?.orders).toHaveLength(1200);
  });
});

describe("idempotency", () => {
  it("a resubmit with the same key answers with the first task and creates nothing", async () => {
    const req = input("aliyun-vms");
    const first = await createTaskFromWizard({ actor, input: req });
    const creates = aliyun.state().createCount;
    const again = await createTaskFromWizard({ actor, input: req });
    expect(again).toEqual(first);
    expect(aliyun.state().createCount).toBe(creates);
    expect(await getDb().task.count({ where: { name: req.name } })).toBe(1);
  });

  it("a claim left by a crashed attempt (nothing created) is taken over and the task is made once", async () => {
    const req = input("nxcloud", { contacts: numbers(3) });
    await getDb().idempotencyKey.create({ data: { scope: "task-create", key: req.idempotencyKey, state: "pending", expiresAt: new Date(Date.now() - 1_000) } });
    const requests = nxcloud.state.createRequests;
    const res = await createTaskFromWizard({ actor, input: req });
    expect(res.contacts.accepted).toBe(3);
    expect(nxcloud.state.createRequests).toBe(requests + 1);
    expect(await getDb().idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: "task-create", key: req.idempotencyKey } } })).toMatchObject({ state: "done" });
  });

  it("created but its numbers were interrupted: a resubmit creates nothing and says to add the numbers on the task page", async () => {
    const req = input("aliyun-vms");
    // The attempt that created the task died while sending numbers: its claim is applied and expired.
    await getDb().idempotencyKey.create({
      data: { scope: "task-create", key: req.idempotencyKey, state: "applied", result: JSON.stringify({ taskId: "t1" }), expiresAt: new Date(Date.now() - 1_000) },
    });
    const creates = aliyun.state().createCount;
    const refused = await failure(createTaskFromWizard({ actor, input: req }));
    expect(refused).toMatchObject({ code: "CONFLICT", field: "contacts" });
    expect(refused.userMessage.en).toBe("The task was created but sending its numbers was interrupted; add the numbers on the task page.");
    expect(refused.userMessage.zh).toBe("任务已创建，但号码发送中断，请在任务页面添加号码。");
    expect(aliyun.state().createCount).toBe(creates);
  });

  it("a double click (two submits at once) creates one Yunfu task", async () => {
    const req = input("yunfu", { contacts: numbers(5) });
    const creates = yunfu.state().createCount;
    const [a, b] = await Promise.all([createTaskFromWizard({ actor, input: req }), createTaskFromWizard({ actor, input: req })]);
    expect(a.taskId).toBe(b.taskId);
    expect(yunfu.state().createCount).toBe(creates + 1);
    expect(yunfuTasks().at(-1)?.orders).toHaveLength(5);
  });
});

describe("server-side validation", () => {
  it("a lossy group without acceptance is refused, then goes through with it (same key)", async () => {
    const req = input("nxcloud", { callTimeGroupId: lossyGroupId, acceptLosses: false, contacts: numbers(2) });
    const preview = await previewTaskCreation(req);
    expect(preview.callTimeGroup?.losses.length).toBeGreaterThan(0);
    expect(preview.issues).toEqual([{ field: "acceptLosses", message: expect.objectContaining({ en: expect.stringMatching(/Confirm the differences/) }) }]);
    const requests = nxcloud.state.createRequests;
    const refused = await failure(createTaskFromWizard({ actor, input: req }));
    expect(refused).toMatchObject({ code: "INVALID", field: "acceptLosses" });
    expect(nxcloud.state.createRequests).toBe(requests);
    const res = await createTaskFromWizard({ actor, input: { ...req, acceptLosses: true } });
    expect(res.contacts.accepted).toBe(2);
  });

  it("invalid parameters are refused with the field named, in both languages", async () => {
    const creates = aliyun.state().createCount;
    const timed = await failure(createTaskFromWizard({ actor, input: input("nxcloud", { params: { maxCall: "5", startupType: "2" } }) }));
    expect(timed).toMatchObject({ code: "INVALID", field: "params.startupAt" });
    expect(timed.userMessage.zh).toBe("定时启动需要填写启动时间。");
    const range = await failure(createTaskFromWizard({ actor, input: input("aliyun-vms", { params: { Cnos: "1001", Quotiety: "0" } }) }));
    expect(range).toMatchObject({ field: "params.Quotiety" });
    expect(range.userMessage.en).toBe("Must be greater than 0 and at most 20.");
    const ivr = await failure(createTaskFromWizard({ actor, input: input("aliyun-vms", { taskType: "2" }) }));
    expect(ivr).toMatchObject({ field: "params.IvrId" });
    expect(aliyun.state().createCount).toBe(creates);
  });

  it("a list whose rows are all invalid creates no task; no list at all still creates an empty one", async () => {
    const before = yunfuTasks().length;
    const refused = await failure(createTaskFromWizard({ actor, input: input("yunfu", { contacts: [], contactRows: 3 }) }));
    expect(refused).toMatchObject({ code: "INVALID", field: "contacts" });
    expect(refused.userMessage.en).toContain("None of the 3 rows");
    expect(refused.userMessage.zh).toContain("3 行");
    expect(yunfuTasks()).toHaveLength(before);
    await createTaskFromWizard({ actor, input: input("yunfu", { contacts: [], contactRows: 0 }) });
    expect(yunfuTasks()).toHaveLength(before + 1);
  });

  it("the provider's name limit is enforced on the basics step", async () => {
    const long = await failure(createTaskFromWizard({ actor, input: input("aliyun-vms", { name: "x".repeat(50) }) }));
    expect(long).toMatchObject({ code: "INVALID", field: "name" });
  });

  it("a disabled account or a task type the provider lacks is refused", async () => {
    await getDb().providerAccount.update({ where: { id: accounts.yunfu }, data: { enabled: false } });
    expect(await failure(createTaskFromWizard({ actor, input: input("yunfu") }))).toMatchObject({ field: "accountId" });
    expect(await failure(createTaskFromWizard({ actor, input: input("nxcloud", { taskType: "1" }) }))).toMatchObject({ field: "taskType" });
  });
});

describe("a contact list chosen on the numbers step", () => {
  async function contactList(phones: string[]): Promise<string> {
    const db = getDb();
    const list = await db.contactList.create({ data: { name: "Spring renewals", size: phones.length, nextSeq: phones.length + 1 }, select: { id: true } });
    await db.contact.createMany({ data: phones.map((phone, i) => ({ listId: list.id, seq: i + 1, phone, name: `c${i}` })) });
    return list.id;
  }
  const listPhones = numbers(7).map((c) => c.phone);

  it("creates the task without pasted numbers and starts exactly one send job; the list reaches the provider and the ledger once", async () => {
    const listId = await contactList(listPhones);
    // On this account's do-not-call list: never sent.
    await addDncEntry({ actor, phone: listPhones[6], scope: accounts.nxcloud, reason: "asked", expiresAt: null });
    const req = input("nxcloud", { contacts: [], contactRows: 0, listId });
    const res = await createTaskFromWizard({ actor, input: req });
    expect(res.contacts.accepted).toBe(0);
    expect(res.listSend).toEqual({ jobId: expect.any(String) });
    const jobs = await getDb().job.findMany({ where: { taskId: res.taskId }, select: { id: true, kind: true, listId: true } });
    expect(jobs).toEqual([{ id: res.listSend!.jobId, kind: "send", listId }]);

    await runJob(res.listSend!.jobId);
    // A resubmit of the same form (double click, retry) answers with the same task and job, and sends nothing again.
    expect(await createTaskFromWizard({ actor, input: req })).toEqual(res);
    await runJob(res.listSend!.jobId);
    expect(await getDb().job.count({ where: { taskId: res.taskId } })).toBe(1);

    const remote = nxTasks().find((t) => t.userTaskID === req.idempotencyKey);
    expect(remote?.orders.map((o) => `+${o.userPhone}`).sort()).toEqual(listPhones.slice(0, 6));
    const ledger = await getDb().taskNumber.findMany({ where: { taskId: res.taskId }, orderBy: { phone: "asc" }, select: { phone: true, state: true, reason: true } });
    expect(ledger).toEqual([
      ...listPhones.slice(0, 6).map((phone) => ({ phone, state: "sent", reason: null })),
      { phone: listPhones[6], state: "skipped", reason: "dnc" },
    ]);
  });

  it("a list that would send nothing is refused like an empty paste, in both languages, and creates no task", async () => {
    const listId = await contactList(listPhones.slice(0, 2));
    for (const phone of listPhones.slice(0, 2)) await addDncEntry({ actor, phone, scope: GLOBAL_SCOPE, reason: "asked", expiresAt: null });
    const requests = nxcloud.state.createRequests;
    const refused = await failure(createTaskFromWizard({ actor, input: input("nxcloud", { contacts: [], contactRows: 0, listId }) }));
    expect(refused).toMatchObject({ code: "INVALID", field: "listId" });
    expect(refused.userMessage.en).toContain("None of the list's 2 numbers would be sent (do-not-call 2");
    expect(refused.userMessage.zh).toContain("该列表的 2 个号码都不会被发送");
    const both = await failure(createTaskFromWizard({ actor, input: input("nxcloud", { listId }) }));
    expect(both).toMatchObject({ code: "INVALID", field: "listId" });
    expect(nxcloud.state.createRequests).toBe(requests);
    expect(await getDb().job.count()).toBe(0);
  });
});

describe("wizardOptions", () => {
  it("offers enabled accounts that can create, with each provider's losses per group", async () => {
    const options = await wizardOptions();
    expect(options.accounts.map((a) => a.kind).sort()).toEqual(["aliyun-vms", "nxcloud", "yunfu"]);
    const lossy = options.groups.find((g) => g.id === lossyGroupId);
    expect(lossy?.losses[accounts.nxcloud].length).toBeGreaterThan(0);
    expect(options.groups.find((g) => g.id === exactGroupId)?.losses[accounts.nxcloud]).toEqual([]);
    expect(options.strategies.map((s) => s.name)).toEqual(["Twice, an hour apart"]);
  });

  it("offers the values an account declares for its parameters (the demo call centre's agents and IVR)", async () => {
    const options = await wizardOptions();
    const aliyunAccount = options.accounts.find((a) => a.kind === "aliyun-vms");
    expect(aliyunAccount?.paramChoices).toEqual({ Cnos: [{ value: "2001" }, { value: "2002" }, { value: "2003" }], IvrId: [{ value: "330" }] });
    expect(options.accounts.find((a) => a.kind === "nxcloud")?.paramChoices).toEqual({});
  });
});
