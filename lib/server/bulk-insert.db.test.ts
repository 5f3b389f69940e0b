import { beforeEach, describe, expect, it } from "vitest";
import { insertRows, MAX_PARAMS_PER_STATEMENT } from "./bulk-insert";
import { getDb } from "./db";
import { newId } from "./ids";
import { createAccount } from "./mirror/test-support";
import { freshDatabase } from "./testing/db";

let accountId: string;
const at = new Date("2026-05-04T01:02:03.456Z");

function taskRow(remoteId: string, extra: Record<string, string | number | Date | null> = {}) {
  return { id: newId(), accountId, remoteId, name: `Task ${remoteId}`, status: "running", statusAt: at, createdAt: at, updatedAt: at, ...extra };
}

beforeEach(async () => {
  await freshDatabase();
  accountId = await createAccount("nxcloud", "http://127.0.0.1:9", { uuid: "u", secretKey: "s", algorithm: "MD5" });
});

describe("insertRows", () => {
  it("stores values exactly as Prisma does: dates compare equal with Prisma's own rows, floats, nulls, long text, defaults", async () => {
    const db = getDb();
    const viaPrisma = await db.task.create({ data: { accountId, remoteId: "p", name: "Prisma", status: "running", statusAt: at, createdAt: at }, select: { id: true } });
    const raw = JSON.stringify({ taskID: "7300000000000000001", note: "长".repeat(5_000) });
    await insertRows(db, "Task", [taskRow("b", { raw, providerAnswerRate: 0.375, concurrency: null, totalCalls: 12, lastSyncAt: at })]);

    const rows = await db.task.findMany({ where: { createdAt: at, statusAt: { gte: at, lte: at } }, orderBy: { remoteId: "asc" } });
    expect(rows.map((r) => r.remoteId)).toEqual(["b", "p"]);
    const bulk = rows[0];
    expect(bulk).toMatchObject({ raw, providerAnswerRate: 0.375, concurrency: null, totalCalls: 12, lastSyncAt: at, goneAt: null });
    // Columns left out take the database default, as with Prisma.
    expect(bulk).toMatchObject({ kind: "call", description: "", params: "{}", answeredCalls: 0 });
    expect(await db.task.count({ where: { createdAt: { lt: new Date(at.getTime() + 1) } } })).toBe(2);
    expect(await db.task.count({ where: { createdAt: { gt: at } } })).toBe(0);
    expect(viaPrisma.id).not.toBe(bulk.id);
  });

  it("skips rows that hit the named unique index and returns only the inserted ones", async () => {
    const db = getDb();
    await insertRows(db, "Task", [taskRow("a", { name: "First" })]);
    const inserted = await insertRows<"remoteId">(db, "Task", [taskRow("a", { name: "Second" }), taskRow("b")], {
      skipConflictsOn: ["accountId", "remoteId"],
      returning: ["remoteId"],
    });
    expect(inserted).toEqual([{ remoteId: "b" }]);
    expect((await db.task.findFirstOrThrow({ where: { remoteId: "a" } })).name).toBe("First");
  });

  it("merges into the stored row on the named key: set columns replaced, fill columns only where the new row has a value", async () => {
    const db = getDb();
    const taskId = (await db.task.create({ data: { accountId, remoteId: "t", name: "T", status: "running", statusAt: at }, select: { id: true } })).id;
    await db.taskNumber.create({ data: { taskId, phone: "+8613800000001", state: "sent", attempts: 1, lastOutcome: "busy", orderId: "o1", createdAt: at } });
    const later = new Date(at.getTime() + 60_000);
    const row = (phone: string, extra: Record<string, string | number | Date | null>) => ({ taskId, phone, state: "answered", attempts: 2, lastOutcome: null, lastCallAt: null, orderId: null, createdAt: later, updatedAt: later, ...extra });
    await insertRows(db, "TaskNumber", [row("+8613800000001", { lastCallAt: later }), row("+8613800000002", { lastOutcome: "answered", orderId: "o2" })], {
      mergeOn: { on: ["taskId", "phone"], set: ["state", "attempts", "updatedAt"], fill: ["lastOutcome", "lastCallAt", "orderId"] },
    });
    const rows = await db.taskNumber.findMany({ where: { taskId }, orderBy: { phone: "asc" } });
    expect(rows.map(({ phone, state, attempts, lastOutcome, lastCallAt, orderId, createdAt }) => ({ phone, state, attempts, lastOutcome, lastCallAt, orderId, createdAt }))).toEqual([
      { phone: "+8613800000001", state: "answered", attempts: 2, lastOutcome: "busy", lastCallAt: later, orderId: "o1", createdAt: at },
      { phone: "+8613800000002", state: "answered", attempts: 2, lastOutcome: "answered", lastCallAt: null, orderId: "o2", createdAt: later },
    ]);
  });

  it("splits rows over statements when they need more parameters than one takes, and by column set", async () => {
    const db = getDb();
    const perStatement = Math.floor(MAX_PARAMS_PER_STATEMENT / Object.keys(taskRow("x")).length);
    const rows = Array.from({ length: perStatement + 5 }, (_, i) => taskRow(`r${i}`, i % 2 ? { totalOrders: i } : {}));
    await insertRows(db, "Task", rows);
    expect(await db.task.count()).toBe(rows.length);
    expect((await db.task.findFirstOrThrow({ where: { remoteId: "r3" } })).totalOrders).toBe(3);
    expect((await db.task.findFirstOrThrow({ where: { remoteId: "r4" } })).totalOrders).toBe(0);
  });

  it("refuses a table or column name that is not a plain identifier", async () => {
    await expect(insertRows(getDb(), 'Task" --', [taskRow("a")])).rejects.toThrow(/identifier/);
    await expect(insertRows(getDb(), "Task", [{ ...taskRow("a"), "name) --": "x" }])).rejects.toThrow(/identifier/);
  });
});
