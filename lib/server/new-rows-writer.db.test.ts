import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "./db";
import { newId } from "./ids";
import { createAccount } from "./mirror/test-support";
import { openNewRowsWriter, type NewRowsWriter } from "./new-rows-writer";
import { databaseKind, freshDatabase } from "./testing/db";

let accountId: string;
let writer: NewRowsWriter;
const at = new Date("2026-05-04T01:02:03.456Z");
const later = new Date("2026-05-04T01:02:04.007Z");

const TASK_COLUMNS = [
  "kind", "taskType", "name", "description", "status", "rawStatus", "statusAt", "statusChangedAt", "callTimeGroupId", "retryStrategyId", "concurrency",
  "totalOrders", "finishedOrders", "attemptedOrders", "answeredOrders", "totalCalls", "answeredCalls", "providerAnswerRate", "providerFinishRate",
  "raw", "params", "goneAt", "lastSyncAt", "createdAt", "updatedAt",
];

/** Every column as the database holds it, in its text form (SQLite: an integer and a real print differently). */
async function stored(table: string, where: string, columns: string[]): Promise<Record<string, string | null>[]> {
  return getDb().$queryRawUnsafe(`SELECT ${columns.map((c) => `CAST("${c}" AS TEXT) AS "${c}"`).join(", ")} FROM "${table}" WHERE ${where} ORDER BY "id"`);
}

beforeEach(async () => {
  await freshDatabase();
  accountId = await createAccount("nxcloud", "http://127.0.0.1:9", { uuid: "u", secretKey: "s", algorithm: "MD5" });
  writer = openNewRowsWriter({ connections: 2 });
});
afterEach(async () => {
  await writer.close();
});

describe("openNewRowsWriter", () => {
  it("stores every value exactly as Prisma does: quotes, unicode, a lone surrogate, nulls, large and fractional numbers, dates, defaults", async () => {
    const raw = JSON.stringify({ taskID: "7300000000000000001", note: `it's "quoted" \\ back\nslash 长任务 😀 ${"长".repeat(3_000)}`, n: 2 ** 53 + 2 });
    const data = {
      accountId,
      name: `O'Brien "任务" \u{1F600} \uD800 end`,
      taskType: "callbot",
      status: "running",
      rawStatus: "2",
      statusAt: at,
      statusChangedAt: at,
      concurrency: null,
      totalOrders: 2_147_483_647,
      finishedOrders: 0,
      answeredCalls: 12,
      providerAnswerRate: 0.1 + 0.2,
      providerFinishRate: 3,
      raw,
      lastSyncAt: later,
      createdAt: at,
      updatedAt: later,
    };
    await getDb().task.create({ data: { ...data, id: "a-prisma", remoteId: "p" } });
    expect(await writer.insertAllNew([{ table: "Task", rows: [{ ...data, id: "b-writer", remoteId: "w" }], uniqueOn: ["accountId", "remoteId"] }])).toBe(true);

    const [viaPrisma, viaWriter] = await stored("Task", `"accountId" = '${accountId}'`, TASK_COLUMNS);
    expect(viaWriter).toEqual(viaPrisma);
    // And Prisma reads them back the same, dates comparing equal in queries.
    const read = await getDb().task.findMany({ where: { accountId, statusAt: at, lastSyncAt: { gte: later, lte: later } }, orderBy: { id: "asc" } });
    expect(read.map((t) => t.remoteId)).toEqual(["p", "w"]);
    const strip = ({ id: _id, remoteId: _remoteId, ...rest }: (typeof read)[number]) => rest;
    expect(strip(read[1])).toEqual(strip(read[0]));
    expect(read[1]).toMatchObject({ raw, providerAnswerRate: 0.1 + 0.2, concurrency: null, description: "", params: "{}", attemptedOrders: 0 });
  });

  it("writes the batches of a call in one transaction, and nothing at all when one row is already stored", async () => {
    const db = getDb();
    await db.task.create({ data: { accountId, remoteId: "taken", name: "Stored before", status: "paused", statusAt: at } });
    const task = (remoteId: string) => ({ id: newId(), accountId, remoteId, name: remoteId, status: "running", statusAt: at, createdAt: at, updatedAt: at });
    const fresh = task("fresh");
    const snapshot = { id: newId(), taskId: fresh.id, at, totalOrders: 1, finishedOrders: 0, attemptedOrders: 0, answeredOrders: 0, totalCalls: 0, answeredCalls: 0 };

    const refused = await writer.insertAllNew([
      { table: "Task", rows: [fresh, task("taken")], uniqueOn: ["accountId", "remoteId"] },
      { table: "TaskSnapshot", rows: [snapshot], uniqueOn: ["id"] },
    ]);
    expect(refused).toBe(false);
    expect((await db.task.findMany({ where: { accountId }, select: { remoteId: true, name: true } }))).toEqual([{ remoteId: "taken", name: "Stored before" }]);
    expect(await db.taskSnapshot.count()).toBe(0);

    expect(await writer.insertAllNew([
      { table: "Task", rows: [fresh], uniqueOn: ["accountId", "remoteId"] },
      { table: "TaskSnapshot", rows: [snapshot], uniqueOn: ["id"] },
    ])).toBe(true);
    expect(await db.task.count({ where: { accountId } })).toBe(2);
    expect((await db.taskSnapshot.findFirstOrThrow()).taskId).toBe(fresh.id);
  });

  it("keeps the database's rules: a row that names a missing parent is refused and nothing of the call stays", async () => {
    const orphan = { id: newId(), accountId: "no-such-account", remoteId: "o", name: "o", status: "running", statusAt: at, createdAt: at, updatedAt: at };
    const ok = { id: newId(), accountId, remoteId: "ok", name: "ok", status: "running", statusAt: at, createdAt: at, updatedAt: at };
    await expect(writer.insertAllNew([{ table: "Task", rows: [ok, orphan], uniqueOn: ["accountId", "remoteId"] }])).rejects.toThrow();
    expect(await getDb().task.count()).toBe(0);
  });

  it("waits for a transaction of this process that holds what it needs, and this process goes on meanwhile", async () => {
    const db = getDb();
    const row = { id: newId(), accountId, remoteId: "later", name: "later", status: "running", statusAt: at, createdAt: at, updatedAt: at };
    let written: boolean | undefined;
    let writing: Promise<void> | undefined;
    await db.$transaction(async (tx) => {
      // SQLite: the write lock; PostgreSQL: the account row, which the task's foreign key check needs to share.
      if (databaseKind() === "postgresql") await tx.$queryRawUnsafe(`SELECT 1 FROM "ProviderAccount" WHERE "id" = $1 FOR UPDATE`, accountId);
      else await tx.$executeRawUnsafe(`UPDATE "ProviderAccount" SET "name" = "name" WHERE "id" = ?`, accountId);
      writing = writer.insertAllNew([{ table: "Task", rows: [row], uniqueOn: ["accountId", "remoteId"] }]).then((w) => void (written = w));
      // This thread keeps running queries in its transaction while the writer waits.
      for (let i = 0; i < 5; i++) {
        await tx.providerAccount.findUniqueOrThrow({ where: { id: accountId } });
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(written).toBeUndefined();
    });
    await writing;
    expect(written).toBe(true);
    expect(await db.task.count({ where: { accountId, remoteId: "later" } })).toBe(1);
  });
});
