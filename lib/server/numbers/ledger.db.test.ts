import { PrismaPg } from "@prisma/adapter-pg";
import { beforeEach, describe, expect, it } from "vitest";
import { PrismaClient as PostgresClient } from "../../generated/postgres/client";
import { PrismaClient as SqliteClient } from "../../generated/sqlite/client";
import type { CallRecordEvent, RemoteNumber } from "../../providers/types";
import { flushAudit } from "../audit";
import { getDb, type Db } from "../db";
import { recordCalls } from "../mirror/calls";
import { createAccount } from "../mirror/test-support";
import { sqliteAdapter } from "../sqlite-adapter";
import { databaseKind, freshDatabase } from "../testing/db";
import { inTask, recordLedgerCalls } from "./ledger";
import { syncTaskLedger } from "./ledger-sync";
import { decodeCursor, exportTaskNumbers, numberRef, numberStory, taskNumbers } from "./ledger-views";
import { stubProvider } from "./stub-adapter";

const ACTOR = { id: "u1", email: "admin@example.com" };
const call = (callId: string, phone: string, outcome: CallRecordEvent["outcome"], at: string, orderFinished: boolean | null = false): CallRecordEvent => ({
  callId,
  orderId: `o-${phone}`,
  phone,
  outcome,
  startedAt: new Date(at),
  answeredAt: null,
  endedAt: null,
  durationSec: outcome === "answered" ? 30 : 0,
  orderFinished,
});

describe("the per-number ledger", () => {
  let taskId: string;
  beforeEach(async () => {
    await flushAudit();
    await freshDatabase();
    const accountId = await createAccount("nxcloud", "http://127.0.0.1:9", {});
    taskId = (await getDb().task.create({ data: { accountId, remoteId: "r1", name: "Autumn", status: "running" } })).id;
  });

  async function deliver(calls: CallRecordEvent[]) {
    await recordCalls(taskId, calls);
    await recordLedgerCalls(taskId, calls);
  }

  it("follows each number's calls; a redelivered event counts once; a stopped number stays stopped", async () => {
    const db = getDb();
    await deliver([call("c1", "+8613800138001", "no-answer", "2027-01-10T01:00:00Z")]);
    await deliver([call("c1", "+8613800138001", "no-answer", "2027-01-10T01:00:00Z")]);
    await deliver([call("c2", "+8613800138001", "answered", "2027-01-10T02:00:00Z", true)]);
    await deliver([call("c3", "+8613800138002", "busy", "2027-01-10T02:00:00Z", true)]);
    const rows = await db.taskNumber.findMany({ where: { taskId }, orderBy: { phone: "asc" }, select: { phone: true, state: true, attempts: true, lastOutcome: true } });
    expect(rows).toEqual([
      { phone: "+8613800138001", state: "answered", attempts: 2, lastOutcome: "answered" },
      { phone: "+8613800138002", state: "finished", attempts: 1, lastOutcome: "busy" },
    ]);
    await db.taskNumber.update({ where: { taskId_phone: { taskId, phone: "+8613800138002" } }, data: { state: "removed" } });
    await deliver([call("c4", "+8613800138002", "no-answer", "2027-01-10T03:00:00Z")]);
    expect((await db.taskNumber.findUniqueOrThrow({ where: { taskId_phone: { taskId, phone: "+8613800138002" } } })).state).toBe("removed");
  });

  it("a batch of many numbers (a busy webhook batch, a listing page) brings every one of them up to date", async () => {
    const db = getDb();
    const phones = Array.from({ length: 620 }, (_, i) => `+86138${String(i).padStart(8, "0")}`);
    await deliver(phones.map((p, i) => call(`a${i}`, p, "no-answer", "2027-01-10T01:00:00Z")));
    // Second attempts for every third number; the others' events in this batch are their first call again.
    await db.taskNumber.update({ where: { taskId_phone: { taskId, phone: phones[3] } }, data: { state: "removed" } });
    await deliver(phones.map((p, i) => (i % 3 === 0 ? call(`b${i}`, p, "answered", "2027-01-10T02:00:00Z", true) : call(`a${i}`, p, "no-answer", "2027-01-10T01:00:00Z"))));
    const rows = await db.taskNumber.findMany({ where: { taskId }, select: { phone: true, state: true, attempts: true, lastOutcome: true } });
    expect(rows).toHaveLength(620);
    const byPhone = new Map(rows.map((r) => [r.phone, r]));
    expect(byPhone.get(phones[0])).toEqual({ phone: phones[0], state: "answered", attempts: 2, lastOutcome: "answered" });
    expect(byPhone.get(phones[1])).toEqual({ phone: phones[1], state: "not-answered", attempts: 1, lastOutcome: "no-answer" });
    expect(byPhone.get(phones[3])).toEqual({ phone: phones[3], state: "removed", attempts: 2, lastOutcome: "answered" });
    expect(byPhone.get(phones[603])).toEqual({ phone: phones[603], state: "answered", attempts: 2, lastOutcome: "answered" });
    expect(rows.filter((r) => r.attempts === 2)).toHaveLength(207);
  });

  it("sync fills it from the provider's number listing where the provider has one", async () => {
    const stub = stubProvider({ list: true, remove: false });
    stub.received.set("r1", ["+8613800138001", "+8613800138002", "+8613800138003"]);
    await getDb().taskNumber.create({ data: { taskId, phone: "+8613800138003", state: "skipped", reason: "dnc" } });
    const { ctx } = await stub.contextFor("x");
    expect(await syncTaskLedger({ adapter: stub.adapter, ctx, taskId, remoteId: "r1" })).toEqual({ numbers: 3, calls: 0 });
    const rows = await getDb().taskNumber.findMany({ where: { taskId }, orderBy: { phone: "asc" }, select: { state: true, orderId: true } });
    expect(rows).toEqual([
      { state: "sent", orderId: "o-+8613800138001" },
      { state: "sent", orderId: "o-+8613800138002" },
      { state: "skipped", orderId: "o-+8613800138003" },
    ]);
  });

  it("a listing page that lists one phone twice makes one ledger row: the live order's state, the orders' calls added up", async () => {
    const stub = stubProvider({ list: true, remove: false });
    const order = (orderId: string, phone: string, state: RemoteNumber["state"], attempts: number, lastCallAt: string | null): RemoteNumber => ({
      phone,
      orderId,
      state,
      attempts,
      lastOutcome: lastCallAt ? "no-answer" : null,
      lastCallAt: lastCallAt ? new Date(lastCallAt) : null,
      raw: {},
    });
    const page = [
      order("o1", "+8613800138001", "not-answered", 2, "2027-01-10T01:00:00Z"),
      order("o2", "+8613800138002", "answered", 1, "2027-01-10T01:30:00Z"),
      // The number sent again: a second order, not dialled yet.
      order("o3", "+8613800138001", "queued", 0, null),
      // The same order listed twice (simulator and bench data do).
      order("o2", "+8613800138002", "answered", 1, "2027-01-10T01:30:00Z"),
    ];
    const adapter = { ...stub.adapter, listNumbers: async () => ({ items: page, nextCursor: null, total: page.length }) };
    const { ctx } = await stub.contextFor("x");
    expect(await syncTaskLedger({ adapter, ctx, taskId, remoteId: "r1" })).toEqual({ numbers: 2, calls: 0 });
    const rows = await getDb().taskNumber.findMany({ where: { taskId }, orderBy: { phone: "asc" }, select: { phone: true, state: true, attempts: true, orderId: true, lastCallAt: true } });
    expect(rows).toEqual([
      { phone: "+8613800138001", state: "sent", attempts: 2, orderId: "o3", lastCallAt: new Date("2027-01-10T01:00:00Z") },
      { phone: "+8613800138002", state: "answered", attempts: 1, orderId: "o2", lastCallAt: new Date("2027-01-10T01:30:00Z") },
    ]);
  });

  it("viewers get numbers masked in the numbers tab, its cursor and its export; a whole export is audited", async () => {
    for (let i = 0; i < 105; i++) await getDb().taskNumber.create({ data: { taskId, phone: `+8613800138${String(i).padStart(3, "0")}`, state: i % 2 ? "sent" : "answered" } });
    const page = await taskNumbers({ taskId, wholeNumbers: false });
    expect(page.total).toBe(105);
    expect(page.counts).toEqual({ sent: 52, answered: 53 });
    expect(page.rows[0].phone).toBe("138****8000");
    expect(JSON.stringify(page)).not.toMatch(/13800138\d{3}/);
    expect(page.next).not.toBeNull();
    expect(decodeCursor(page.next!)).toBe("+8613800138099");
    const rest = await taskNumbers({ taskId, wholeNumbers: true, after: page.next! });
    expect(rest.rows.map((r) => r.phone)).toEqual(["13800138100", "13800138101", "13800138102", "13800138103", "13800138104"]);
    expect((await taskNumbers({ taskId, wholeNumbers: true, state: "answered" })).rows).toHaveLength(53);

    const masked = await new Response((await exportTaskNumbers({ taskId, wholeNumbers: false, actor: ACTOR })).body).text();
    expect(masked).toContain("138****8000");
    expect(masked).not.toMatch(/13800138\d{3}/);
    const whole = await new Response((await exportTaskNumbers({ taskId, wholeNumbers: true, actor: ACTOR })).body).text();
    expect(whole.split("\r\n").filter(Boolean)).toHaveLength(106);
    await flushAudit();
    expect(await getDb().auditEntry.findMany({ where: { action: "numbers.export" }, select: { actorEmail: true } })).toEqual([{ actorEmail: ACTOR.email }]);
  });

  it("one number across every task: its tasks and the timeline of its calls", async () => {
    await deliver([call("c1", "+8613800138001", "no-answer", "2027-01-10T01:00:00Z"), call("c2", "+8613800138001", "answered", "2027-01-11T01:00:00Z")]);
    const story = await numberStory({ input: "138 0013 8001", wholeNumbers: false });
    expect(await numberStory({ ref: numberRef("13800138001")!, wholeNumbers: true })).toMatchObject({ phone: "13800138001" });
    expect(story).toMatchObject({ phone: "138****8001", tasks: [{ taskName: "Autumn", state: "answered", attempts: 2 }] });
    expect(story!.calls.map((c) => c.outcome)).toEqual(["answered", "no-answer"]);
    expect(await numberStory({ input: "nonsense", wholeNumbers: true })).toBeNull();
  });

  it("a batch looks up its own numbers, not every number of the task (the database's plan for each read)", async () => {
    // A task of 3,000 numbers, each called once; then a batch of 50 of them again, with the app's client
    // swapped for one that reports every statement it sends.
    const phones = Array.from({ length: 3_000 }, (_, i) => `+86139${String(i).padStart(8, "0")}`);
    for (let i = 0; i < phones.length; i += 500) await deliver(phones.slice(i, i + 500).map((p) => call(`a-${p}`, p, "no-answer", "2027-01-10T01:00:00Z")));
    const url = process.env.DATABASE_URL!;
    const pgKind = databaseKind() === "postgresql";
    const sent: { query: string; params: string }[] = [];
    const log = [{ emit: "event" as const, level: "query" as const }];
    const spy: SqliteClient = pgKind ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), log }) as unknown as SqliteClient) : new SqliteClient({ adapter: sqliteAdapter(url), log });
    (spy as SqliteClient<"query">).$on("query", (e) => sent.push({ query: e.query, params: e.params }));
    const g = globalThis as unknown as { dialboardDb?: Db };
    const app = g.dialboardDb;
    g.dialboardDb = spy;
    try {
      // PostgreSQL plans from statistics (autovacuum gathers them on a real database): gathered here.
      if (pgKind) await spy.$executeRawUnsafe('ANALYZE "CallRecord", "TaskNumber"');
      const batch = phones.slice(1_000, 1_050);
      await recordLedgerCalls(taskId, batch.map((p) => call(`b-${p}`, p, "answered", "2027-01-10T02:00:00Z")));
      expect((await inTask(taskId, batch)).size).toBe(50);
      const reads = sent.filter((s) => /^SELECT/i.test(s.query) && /[`"](CallRecord|TaskNumber)[`"]/.test(s.query));
      expect(reads.length).toBeGreaterThanOrEqual(3);
      for (const read of reads) {
        const params = JSON.parse(read.params) as unknown[];
        // PostgreSQL rightly reads a table this small whole; with that choice taken away it shows the index it
        // would use at a real task's size. SQLite has no statistics: its plan here is the one it always uses.
        const plan = pgKind
          ? (await spy.$transaction([spy.$executeRawUnsafe("SET LOCAL enable_seqscan = off"), spy.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${read.query}`, ...params)]))[1]
              .map((r) => r["QUERY PLAN"])
              .join("\n")
          : (await spy.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${read.query}`, ...params)).map((r) => r.detail).join("\n");
        // Looked up by task and phone together: never the task's rows filtered one by one.
        expect(plan, read.query).toMatch(pgKind ? /Index Cond: .*phone/ : /\(taskId=\? AND phone=\?\)/);
        expect(plan, read.query).not.toMatch(/Seq Scan|SCAN (main\.)?(CallRecord|TaskNumber)/);
      }
    } finally {
      g.dialboardDb = app;
      await spy.$disconnect();
    }
  });
});
