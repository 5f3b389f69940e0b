import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushAudit } from "../audit";
import { getDb } from "../db";
import { createAccount } from "../mirror/test-support";
import { freshDatabase } from "../testing/db";
import { setCapRule } from "./caps";
import { addDncEntry, GLOBAL_SCOPE } from "./dnc";
import { jobLeaseName, runJob } from "./jobs";
import { sendSummary } from "./send-summary";
import { startSend, useContextForSends } from "./send-job";
import { stubProvider, type StubProvider } from "./stub-adapter";
import { getJobView } from "./views";

const ACTOR = { id: null, email: "manager@example.com" };
const phone = (n: number) => `+86138000000${String(n).padStart(2, "0")}`;

async function setup(stub: StubProvider, numbers: number[]) {
  await flushAudit();
  await freshDatabase();
  useContextForSends(stub.contextFor);
  const db = getDb();
  const accountId = await createAccount("nxcloud", "http://127.0.0.1:9", {});
  const other = await db.task.create({ data: { accountId, remoteId: "other", name: "Other task", status: "running" }, select: { id: true } });
  const task = await db.task.create({ data: { accountId, remoteId: "r1", name: "Spring campaign", status: "running" }, select: { id: true } });
  const list = await db.contactList.create({ data: { name: "L", size: numbers.length, nextSeq: numbers.length + 1 }, select: { id: true } });
  await db.contact.createMany({ data: numbers.map((n, i) => ({ listId: list.id, seq: i + 1, phone: phone(n), name: `c${n}` })) });
  return { accountId, taskId: task.id, otherTaskId: other.id, listId: list.id };
}

describe("sending a list to a task", () => {
  afterEach(() => useContextForSends(null));

  it("skips DNC, numbers already in the task and numbers over the contact cap, as the summary said, and sends the rest once in batches", async () => {
    const stub = stubProvider({ list: true, remove: false });
    const { taskId, otherTaskId, listId, accountId } = await setup(stub, [1, 2, 3, 4, 5, 6, 7, 8]);
    const db = getDb();
    const now = new Date();
    await addDncEntry({ actor: ACTOR, phone: phone(2), scope: GLOBAL_SCOPE, reason: "asked", expiresAt: null, contextFor: stub.contextFor });
    await addDncEntry({ actor: ACTOR, phone: phone(3), scope: accountId, reason: "account list", expiresAt: null, contextFor: stub.contextFor });
    // Expired: no longer blocks.
    await addDncEntry({ actor: ACTOR, phone: phone(4), scope: GLOBAL_SCOPE, reason: "old", expiresAt: new Date(now.getTime() - 1000), contextFor: stub.contextFor });
    await db.taskNumber.create({ data: { taskId, phone: phone(5), state: "sent" } });
    // Called 3 times today on another task: at the cap of 3 a day.
    for (let i = 0; i < 3; i++) {
      await db.callRecord.create({ data: { taskId: otherTaskId, callId: `c${i}`, phone: phone(6), outcome: "no-answer", startedAt: new Date(now.getTime() - 60_000 * (i + 1)) } });
    }
    await setCapRule({ actor: ACTOR, rule: { enabled: true, perDay: 3, perWeek: 10 } });

    expect(await sendSummary({ taskId, listId, now })).toEqual({ total: 8, willSend: 4, dnc: 2, cap: 1, inTask: 1 });
    const { jobId } = await startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor });
    await runJob(jobId);

    expect(stub.received.get("r1")).toEqual([phone(1), phone(4), phone(7), phone(8)]);
    const job = await getJobView(jobId);
    expect(job).toMatchObject({ state: "done", processed: 8, stored: 4, problemCounts: { dnc: 2, "in-task": 1, "cap-day": 1 } });
    const states = Object.fromEntries((await db.taskNumber.findMany({ where: { taskId }, select: { phone: true, state: true, reason: true } })).map((r) => [r.phone.slice(-2), `${r.state}${r.reason ? `:${r.reason}` : ""}`]));
    expect(states).toEqual({ "01": "sent", "02": "skipped:dnc", "03": "skipped:dnc", "04": "sent", "05": "sent", "06": "skipped:cap-day", "07": "sent", "08": "sent" });
    // Sending the same list again sends nothing twice.
    const again = await startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor });
    await runJob(again.jobId);
    expect(stub.received.get("r1")).toHaveLength(4);
    expect((await getJobView(again.jobId)).problemCounts).toMatchObject({ "in-task": 5 });
  });

  it("before its task exists (the wizard), the summary is for the account: its DNC and the global one, the caps, nothing already in the task", async () => {
    const stub = stubProvider({ list: true, remove: false });
    const { taskId, listId, accountId } = await setup(stub, [1, 2, 3, 4]);
    const other = await createAccount("nxcloud", "http://127.0.0.1:9", {});
    const now = new Date();
    await addDncEntry({ actor: ACTOR, phone: phone(1), scope: GLOBAL_SCOPE, reason: "asked", expiresAt: null, contextFor: stub.contextFor });
    await addDncEntry({ actor: ACTOR, phone: phone(2), scope: accountId, reason: "this account", expiresAt: null, contextFor: stub.contextFor });
    // Another account's list does not block this one's.
    await addDncEntry({ actor: ACTOR, phone: phone(3), scope: other, reason: "other account", expiresAt: null, contextFor: stub.contextFor });
    await getDb().taskNumber.create({ data: { taskId, phone: phone(4), state: "sent" } });
    expect(await sendSummary({ accountId, listId, now })).toEqual({ total: 4, willSend: 2, dnc: 2, cap: 0, inTask: 0 });
    expect(await sendSummary({ taskId, listId, now })).toEqual({ total: 4, willSend: 1, dnc: 2, cap: 0, inTask: 1 });
    await expect(sendSummary({ accountId: "gone", listId, now })).rejects.toMatchObject({ code: "NOT_FOUND", field: "accountId" });
  });

  it("a batch whose answer was lost is found in the provider's listing: nothing is sent twice, what did not land is sent once", async () => {
    const stub = stubProvider({ list: true, remove: false });
    const { taskId, listId } = await setup(stub, [1, 2, 3, 4, 5, 6, 7]);
    const { jobId } = await startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor });
    stub.nextAdd = "lost-after-landing";
    await runJob(jobId);
    expect(stub.received.get("r1")).toEqual([1, 2, 3, 4, 5, 6, 7].map(phone));
    expect(await getJobView(jobId)).toMatchObject({ state: "done", stored: 7, problems: 0 });

    const second = await setup(stub, [11, 12, 13]);
    stub.received.clear();
    const job2 = await startSend({ actor: ACTOR, listId: second.listId, taskId: second.taskId, contextFor: stub.contextFor });
    stub.nextAdd = "lost-before-landing";
    await runJob(job2.jobId);
    expect(stub.received.get("r1")).toEqual([11, 12, 13].map(phone));
  });

  it("resumes after the process died mid-batch: the batch is reconciled, not re-sent", async () => {
    const stub = stubProvider({ list: true, remove: false });
    const { taskId, listId } = await setup(stub, [1, 2, 3, 4, 5]);
    const { jobId } = await startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor });
    stub.nextAdd = "hang-after-landing";
    // The first runner "dies" inside its first provider call (it never returns, never renews its lease).
    const dead = runJob(jobId, { owner: "dead", leaseTtlMs: 300 });
    const db = getDb();
    while (!stub.received.get("r1")?.length) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse((await db.job.findUniqueOrThrow({ where: { id: jobId } })).cursor)).toMatchObject({ batch: 1, inflight: 1 });
    while ((await db.jobLease.count({ where: { name: jobLeaseName(jobId), expiresAt: { gt: new Date() } } })) > 0) await new Promise((r) => setTimeout(r, 50));

    expect(await runJob(jobId, { owner: "restarted" })).toBe("ran");
    expect(stub.received.get("r1")).toEqual([1, 2, 3, 4, 5].map(phone));
    expect(await getJobView(jobId)).toMatchObject({ state: "done", stored: 5, problems: 0 });
    // The dead runner wakes up: its cursor is stale, so it changes nothing.
    stub.release();
    await dead;
    expect(stub.received.get("r1")).toHaveLength(5);
    expect(await getJobView(jobId)).toMatchObject({ state: "done", stored: 5, problems: 0 });
  });

  it("without a number listing, a lost batch is reported uncertain and never re-sent; a refused batch is reported with the provider's words", async () => {
    const stub = stubProvider({ list: false, remove: false });
    const { taskId, listId } = await setup(stub, [1, 2, 3, 4, 5, 6, 99]);
    const { jobId } = await startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor });
    stub.nextAdd = "lost-after-landing";
    await runJob(jobId);
    expect(stub.received.get("r1")).toEqual([1, 2, 3, 4, 5, 6].map(phone));
    const job = await getJobView(jobId);
    expect(job.problemCounts).toEqual({ uncertain: 3, "provider-rejected": 1 });
    const uncertain = await getDb().taskNumber.findMany({ where: { taskId, reason: "uncertain" }, select: { phone: true } });
    expect(uncertain.map((u) => u.phone)).toEqual([1, 2, 3].map(phone));

    const refusedStub = stubProvider({ list: false, remove: false });
    const s2 = await setup(refusedStub, [1, 2, 3, 4]);
    useContextForSends(refusedStub.contextFor);
    const j2 = await startSend({ actor: ACTOR, listId: s2.listId, taskId: s2.taskId, contextFor: refusedStub.contextFor });
    refusedStub.nextAdd = "refused";
    await runJob(j2.jobId);
    expect(refusedStub.received.get("r1")).toEqual([phone(4)]);
    const { exportJobProblems } = await import("./views");
    const csv = await new Response(await exportJobProblems({ jobId: j2.jobId, locale: "en", wholeNumbers: true, actor: ACTOR })).text();
    expect(csv).toContain("Batch 1 failed: The task is closed.");
  });
});

describe("send before-checks", () => {
  beforeEach(() => useContextForSends(null));
  it("refuses a second send to the same task while one runs", async () => {
    const stub = stubProvider({ list: true, remove: false });
    const { taskId, listId } = await setup(stub, [1]);
    await startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor });
    await expect(startSend({ actor: ACTOR, listId, taskId, contextFor: stub.contextFor })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
