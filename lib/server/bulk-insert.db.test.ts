import { beforeEach, describe, expect, it } from "vitest";
import { insertRows, MAX_ROWS_PER_STATEMENT, type RawExecutor } from "./bulk-insert";
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

  it("splits rows over statements by column set and beyond the rows one statement takes", async () => {
    const db = getDb();
    const rows = Array.from({ length: MAX_ROWS_PER_STATEMENT + 5 }, (_, i) => taskRow(`r${i}`, i % 2 ? { totalOrders: i } : {}));
    await insertRows(db, "Task", rows);
    expect(await db.task.count()).toBe(rows.length);
    expect((await db.task.findFirstOrThrow({ where: { remoteId: "r3" } })).totalOrders).toBe(3);
    expect((await db.task.findFirstOrThrow({ where: { remoteId: "r4" } })).totalOrders).toBe(0);
  });

  it("sends a page of rows as one statement with one parameter, however many values it holds", async () => {
    const db = getDb();
    const statements: number[] = [];
    const counting: RawExecutor = {
      $executeRawUnsafe: (sql, ...args) => (statements.push(args.length), db.$executeRawUnsafe(sql, ...args)),
      $queryRawUnsafe: (sql, ...args) => (statements.push(args.length), db.$queryRawUnsafe(sql, ...args)),
    };
    const rows = Array.from({ length: 100 }, (_, i) => taskRow(`p${i}`, { raw: JSON.stringify({ i }), totalCalls: i, lastSyncAt: at }));
    const inserted = await insertRows<"remoteId">(counting, "Task", rows, { skipConflictsOn: ["accountId", "remoteId"], returning: ["remoteId"] });
    expect(inserted).toHaveLength(100);
    // Prisma's cost is per bound value (~1,100 here): the page goes as one JSON parameter instead.
    expect(statements).toEqual([1]);
    expect((await db.task.findFirstOrThrow({ where: { remoteId: "p42" } })).totalCalls).toBe(42);
  });

  it("stores awkward values exactly as Prisma's own create does: quotes, backslashes, unicode, lone surrogates, nulls, extreme numbers, dates", async () => {
    const db = getDb();
    const values = [
      { name: `He said "hi" \\ it's \\"done\\" \\u0041 \t tab`, raw: JSON.stringify({ q: '"', b: "\\", id: "7300000000000000001", zh: "外呼任务" }), description: "长".repeat(3_000) },
      { name: "emoji 😀 and a lone \ud800 surrogate", raw: "{}", description: "" },
      { name: "", raw: "[]", description: "line\nbreak\r\n" },
    ];
    const numbers = [
      { concurrency: 2_147_483_647, totalCalls: -2_147_483_648, providerAnswerRate: 0.1 + 0.2, providerFinishRate: 1 / 3 },
      { concurrency: null, totalCalls: 0, providerAnswerRate: 1.2345678901234567e300, providerFinishRate: 5e-324 },
      { concurrency: 0, totalCalls: 7, providerAnswerRate: 3, providerFinishRate: null },
    ];
    const dates = [new Date("1970-01-01T00:00:00.000Z"), new Date("2026-03-08T10:00:00.999Z"), new Date("2099-12-31T23:59:59.001Z")];
    const cases = values.map((v, i) => ({ ...v, ...numbers[i], lastSyncAt: dates[i], goneAt: i === 2 ? null : dates[(i + 1) % 3] }));
    for (const [i, c] of cases.entries()) {
      await db.task.create({ data: { accountId, remoteId: `prisma-${i}`, status: "running", statusAt: dates[i], createdAt: at, ...c } });
    }
    await insertRows(db, "Task", cases.map((c, i) => taskRow(`bulk-${i}`, { ...c, statusAt: dates[i] })));

    const stored = await db.task.findMany({ orderBy: { remoteId: "asc" }, omit: { id: true, updatedAt: true } });
    const byRemote = new Map(stored.map(({ remoteId, ...rest }) => [remoteId, rest]));
    for (const [i, c] of cases.entries()) {
      const { providerAnswerRate, providerFinishRate, ...bulk } = byRemote.get(`bulk-${i}`)!;
      const { providerAnswerRate: _a, providerFinishRate: _f, ...prisma } = byRemote.get(`prisma-${i}`)!;
      expect(bulk).toEqual(prisma);
      // Floats come back bit for bit (Prisma's own create rounds 1.2345678901234567e300 to 16 digits).
      expect([providerAnswerRate, providerFinishRate]).toEqual([c.providerAnswerRate, c.providerFinishRate]);
      // Dates are found by the same comparisons as Prisma's own (on SQLite they compare as stored text).
      expect(await db.task.count({ where: { statusAt: dates[i], lastSyncAt: { gte: dates[i], lte: dates[i] } } })).toBe(2);
    }
  });

  it("refuses a table or column name that is not a plain identifier", async () => {
    await expect(insertRows(getDb(), 'Task" --', [taskRow("a")])).rejects.toThrow(/identifier/);
    await expect(insertRows(getDb(), "Task", [{ ...taskRow("a"), "name) --": "x" }])).rejects.toThrow(/identifier/);
  });
});
