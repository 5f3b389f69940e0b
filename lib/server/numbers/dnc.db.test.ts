import { beforeEach, describe, expect, it } from "vitest";
import { flushAudit } from "../audit";
import { getDb } from "../db";
import { createAccount } from "../mirror/test-support";
import { freshDatabase } from "../testing/db";
import { addDncEntry, blockedAmong, GLOBAL_SCOPE, isBlocked, listDncEntries, removeDncEntry } from "./dnc";
import { stubProvider } from "./stub-adapter";
import type { ContextFor } from "./context";

const ACTOR = { id: null, email: "manager@example.com" };

describe("do-not-call", () => {
  beforeEach(async () => {
    // Audit writes of the previous test land before its database is replaced.
    await flushAudit();
    await freshDatabase();
  });

  it("adding a number stops it on every task still calling it where the provider can, and says plainly where not", async () => {
    const db = getDb();
    const removable = stubProvider({ list: true, remove: true });
    const fixed = stubProvider({ list: true, remove: false });
    const a = await createAccount("nxcloud", "http://127.0.0.1:9", {});
    const b = await createAccount("nxcloud", "http://127.0.0.1:8", {});
    const contextFor: ContextFor = (accountId) => (accountId === a ? removable.contextFor(accountId) : fixed.contextFor(accountId));
    const running = await db.task.create({ data: { accountId: a, remoteId: "ra", name: "Running on A", status: "running" } });
    const ended = await db.task.create({ data: { accountId: a, remoteId: "rdone", name: "Ended", status: "completed" } });
    const onB = await db.task.create({ data: { accountId: b, remoteId: "rb", name: "Running on B", status: "paused" } });
    const answered = await db.task.create({ data: { accountId: a, remoteId: "rans", name: "Answered", status: "running" } });
    const number = "+8613800138000";
    for (const t of [running, ended, onB]) await db.taskNumber.create({ data: { taskId: t.id, phone: number, state: "sent" } });
    await db.taskNumber.create({ data: { taskId: answered.id, phone: number, state: "finished" } });

    const { phone, stops } = await addDncEntry({ actor: ACTOR, phone: "138 0013 8000", scope: GLOBAL_SCOPE, reason: "Complained", expiresAt: null, contextFor });
    expect(phone).toBe(number);
    expect(removable.removed).toEqual([number]);
    const byTask = Object.fromEntries(stops.map((s) => [s.taskName, { outcome: s.outcome, en: s.message.en, zh: s.message.zh }]));
    expect(byTask).toEqual({
      "Running on A": { outcome: "stopped", en: "Stopped in “Running on A”", zh: "已在“Running on A”中停止" },
      "Running on B": {
        outcome: "unsupported",
        en: "Stub provider cannot stop a number in a running task: it will finish dialling it in “Running on B”.",
        zh: "测试服务商无法在运行中的任务里停止单个号码：“Running on B”会继续外呼它。",
      },
    });
    expect((await db.taskNumber.findUniqueOrThrow({ where: { taskId_phone: { taskId: running.id, phone: number } } })).state).toBe("removed");
    expect((await db.taskNumber.findUniqueOrThrow({ where: { taskId_phone: { taskId: ended.id, phone: number } } })).state).toBe("sent");

    await flushAudit();
    const audit = await db.auditEntry.findMany({ where: { targetType: "dnc" }, orderBy: { at: "asc" }, select: { action: true, actorEmail: true } });
    expect(audit.map((e) => e.action)).toEqual(["dnc.add", "dnc.stop"]);
    expect(audit[0].actorEmail).toBe(ACTOR.email);
  });

  it("a number the provider refuses to stop is reported with its reason", async () => {
    const db = getDb();
    const stub = stubProvider({ list: true, remove: true });
    const a = await createAccount("nxcloud", "http://127.0.0.1:9", {});
    const t = await db.task.create({ data: { accountId: a, remoteId: "r", name: "T", status: "running" } });
    await db.taskNumber.create({ data: { taskId: t.id, phone: "+8613800138007", state: "dialling" } });
    const { stops } = await addDncEntry({ actor: ACTOR, phone: "13800138007", scope: a, reason: "", expiresAt: null, contextFor: stub.contextFor });
    expect(stops).toMatchObject([{ outcome: "not-stopped", message: { en: "“T”: Stub provider did not stop it: Already dialling.", zh: "“T”：测试服务商未能停止：正在拨打。" } }]);
  });

  it("blocks per scope until it expires; removal is audited; viewers see entries masked", async () => {
    const a = await createAccount("nxcloud", "http://127.0.0.1:9", {});
    const b = await createAccount("nxcloud", "http://127.0.0.1:8", {});
    const now = new Date("2027-01-10T00:00:00Z");
    const stub = stubProvider({ list: false, remove: false });
    await addDncEntry({ actor: ACTOR, phone: "13800138001", scope: a, reason: "account", expiresAt: null, contextFor: stub.contextFor });
    await addDncEntry({ actor: ACTOR, phone: "13800138002", scope: GLOBAL_SCOPE, reason: "until", expiresAt: new Date("2027-01-11T00:00:00Z"), contextFor: stub.contextFor });
    expect(await isBlocked("+8613800138001", a, now)).toBe(true);
    expect(await isBlocked("+8613800138001", b, now)).toBe(false);
    expect([...(await blockedAmong(["+8613800138001", "+8613800138002"], b, now))]).toEqual(["+8613800138002"]);
    expect(await isBlocked("+8613800138002", b, new Date("2027-01-12T00:00:00Z"))).toBe(false);

    const viewer = await listDncEntries({ scope: GLOBAL_SCOPE, wholeNumbers: false });
    expect(viewer.entries.map((e) => e.phone)).toEqual(["138****8002"]);
    expect((await listDncEntries({ scope: a, wholeNumbers: true, search: "138-0013-8001" })).entries.map((e) => e.phone)).toEqual(["13800138001"]);

    await removeDncEntry({ actor: ACTOR, phone: "+8613800138001", scope: a });
    expect(await isBlocked("+8613800138001", a, now)).toBe(false);
    await expect(removeDncEntry({ actor: ACTOR, phone: "+8613800138001", scope: a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addDncEntry({ actor: ACTOR, phone: "12", scope: a, reason: "", expiresAt: null })).rejects.toMatchObject({ code: "INVALID", field: "phone" });
    await flushAudit();
    expect(await getDb().auditEntry.count({ where: { action: "dnc.remove" } })).toBe(1);
  });
});
