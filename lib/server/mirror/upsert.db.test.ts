import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import type { RemoteTask } from "../../providers/types";
import type { CallRecordEvent } from "../../providers/types";
import { getDb } from "../db";
import { openNewRowsWriter } from "../new-rows-writer";
import { databaseKind, freshDatabase } from "../testing/db";
import { recordCalls } from "./calls";
import { createAccount } from "./test-support";
import { recordTaskStats, recordTaskStatus, upsertRemoteTask, upsertRemoteTasks } from "./upsert";

let accountId: string;

function remote(overrides: Partial<RemoteTask> = {}): RemoteTask {
  return {
    remoteId: "r-1",
    name: "Renewals",
    kind: "call",
    taskType: "callbot",
    status: "running",
    rawStatus: "2",
    createdAt: null,
    stats: { totalOrders: 10, finishedOrders: 2, attemptedOrders: 4, answeredOrders: 2, totalCalls: 5, answeredCalls: 2 },
    concurrency: 3,
    raw: { taskID: "7300000000000000001" },
    ...overrides,
  };
}

const call = (callId: string, outcome: CallRecordEvent["outcome"], startedAt: Date, durationSec = 0): CallRecordEvent => ({
  callId,
  orderId: null,
  phone: null,
  outcome,
  startedAt,
  answeredAt: null,
  endedAt: null,
  durationSec,
  orderFinished: null,
});

beforeEach(async () => {
  await freshDatabase();
  accountId = await createAccount("nxcloud", "http://127.0.0.1:9", { uuid: "u", secretKey: "s", algorithm: "MD5" });
});

describe("upsertRemoteTask", () => {
  it("creates, then updates by (account, remote id); keeps big ids as strings; clears goneAt; links", async () => {
    const first = await upsertRemoteTask(accountId, remote(), { at: new Date(1_000) });
    expect(first.created).toBe(true);
    await getDb().task.update({ where: { id: first.id }, data: { goneAt: new Date() } });
    const second = await upsertRemoteTask(accountId, remote({ name: "Renewals (May)" }), { at: new Date(2_000), link: { description: "From the wizard", params: { maxCall: 3 } } });
    expect(second).toEqual({ id: first.id, created: false });
    const task = await getDb().task.findUniqueOrThrow({ where: { id: first.id } });
    expect(task).toMatchObject({ name: "Renewals (May)", goneAt: null, description: "From the wizard", concurrency: 3, totalCalls: 5 });
    expect(JSON.parse(task.raw)).toEqual({ taskID: "7300000000000000001" });
    expect(JSON.parse(task.params)).toEqual({ maxCall: 3 });
  });

  it(`two writers creating the same new task at once: it is created once and both writers get it (${databaseKind()})`, async () => {
    if (databaseKind() === "postgresql") {
      // Another instance has inserted "y" and not committed yet: our read cannot see it, our insert waits for
      // it, then skips it — and the page must still come back whole, with the other writer's row.
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
      const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await Promise.all([other.connect(), watcher.connect()]);
      try {
        await other.query("BEGIN");
        await other.query(`INSERT INTO "Task" ("id", "accountId", "remoteId", "name", "status", "updatedAt") VALUES ('other-y', $1, 'y', 'Renewals', 'running', now())`, [accountId]);
        const pending = upsertRemoteTasks(accountId, [remote({ remoteId: "y" }), remote({ remoteId: "z" })], { source: "listing" });
        for (let i = 0; i < 300; i++) {
          const waiting = await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "Task"%'`);
          if (waiting.rows[0].n > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await other.query("COMMIT");
        const results = await pending;
        expect(results.find((r) => r.remoteId === "y")).toEqual({ id: "other-y", remoteId: "y", created: false, changed: true });
        expect(results.find((r) => r.remoteId === "z")).toMatchObject({ created: true });
      } finally {
        await Promise.all([other.end(), watcher.end()]);
      }
    } else {
      // SQLite is one file for one instance: writers in one process take turns.
      const [a, b] = await Promise.all([
        upsertRemoteTasks(accountId, [remote({ remoteId: "x" }), remote({ remoteId: "y" })], { source: "listing" }),
        upsertRemoteTasks(accountId, [remote({ remoteId: "y" }), remote({ remoteId: "z" })], { source: "listing" }),
      ]);
      expect([...a, ...b].filter((r) => r.remoteId === "y" && r.created)).toHaveLength(1);
    }
    const rows = await getDb().task.findMany({ where: { accountId }, select: { remoteId: true } });
    expect(new Set(rows.map((r) => r.remoteId)).size).toBe(rows.length);
  });

  it("a first sync's page expected new but partly in the mirror already (a webhook made one): that task is updated, not doubled, and counted as seen", async () => {
    const made = await upsertRemoteTask(accountId, remote({ remoteId: "w", name: "From a webhook", status: "pending", rawStatus: "1" }), { at: new Date(1_000) });
    const results = await upsertRemoteTasks(accountId, [remote({ remoteId: "v" }), remote({ remoteId: "w" }), remote({ remoteId: "x" })], {
      at: new Date(2_000),
      source: "listing",
      expectNew: true,
    });
    expect(results.map(({ remoteId, created, changed }) => ({ remoteId, created, changed })).sort((a, b) => a.remoteId.localeCompare(b.remoteId))).toEqual([
      { remoteId: "v", created: true, changed: true },
      { remoteId: "w", created: false, changed: true },
      { remoteId: "x", created: true, changed: true },
    ]);
    expect(results.find((r) => r.remoteId === "w")?.id).toBe(made.id);
    const tasks = await getDb().task.findMany({ where: { accountId }, orderBy: { remoteId: "asc" }, select: { remoteId: true, name: true, status: true, totalCalls: true } });
    expect(tasks).toEqual(["v", "w", "x"].map((remoteId) => ({ remoteId, name: "Renewals", status: "running", totalCalls: 5 })));
    // One snapshot per task: the attempt that was refused left none behind.
    expect(await getDb().taskSnapshot.count()).toBe(3);
  });

  it("a first sync's page written on a connection of our own: stored as Prisma stores it; partly in the mirror already, it goes the usual way", async () => {
    const writer = openNewRowsWriter();
    try {
      const at = new Date(2_000);
      const [viaWriter] = await upsertRemoteTasks(accountId, [remote({ remoteId: "a" })], { at, source: "listing", expectNew: true, writer });
      const [viaPrisma] = await upsertRemoteTasks(accountId, [remote({ remoteId: "b" })], { at, source: "listing" });
      expect(viaWriter).toMatchObject({ remoteId: "a", created: true, changed: true });
      const tasks = await getDb().task.findMany({ where: { accountId }, orderBy: { remoteId: "asc" }, include: { snapshots: true } });
      const comparable = ({ id: _id, remoteId: _r, createdAt: _c, updatedAt: _u, lastSyncAt: _l, snapshots, ...rest }: (typeof tasks)[number]) => ({
        ...rest,
        snapshots: snapshots.map(({ id: _i, taskId: _t, ...s }) => s),
      });
      expect(tasks.map((t) => t.id)).toEqual([viaWriter.id, viaPrisma.id]);
      expect(comparable(tasks[0])).toEqual(comparable(tasks[1]));
      expect(tasks[0].snapshots).toHaveLength(1);
      // The same report again confirms, changes nothing.
      const [again] = await upsertRemoteTasks(accountId, [remote({ remoteId: "a" })], { at, source: "listing" });
      expect(again).toMatchObject({ id: viaWriter.id, created: false, changed: false });

      const results = await upsertRemoteTasks(accountId, [remote({ remoteId: "a", name: "Renamed" }), remote({ remoteId: "c" })], { at: new Date(3_000), source: "listing", expectNew: true, writer });
      expect(results.map(({ remoteId, created }) => ({ remoteId, created })).sort((x, y) => x.remoteId.localeCompare(y.remoteId))).toEqual([
        { remoteId: "a", created: false },
        { remoteId: "c", created: true },
      ]);
      expect(await getDb().task.count({ where: { accountId } })).toBe(3);
      expect((await getDb().task.findFirstOrThrow({ where: { accountId, remoteId: "a" } })).name).toBe("Renamed");
    } finally {
      await writer.close();
    }
  });

  it("never moves the status backwards; a listing corrects a status stamped in our future (skewed clock)", async () => {
    const { id } = await upsertRemoteTask(accountId, remote({ status: "paused", rawStatus: "5" }), { at: new Date(5_000) });
    await upsertRemoteTask(accountId, remote({ status: "running" }), { at: new Date(4_000) });
    expect((await getDb().task.findUniqueOrThrow({ where: { id } })).status).toBe("paused");
    expect(await recordTaskStatus(id, "running", "2", new Date(3_000))).toBe(false);
    expect(await recordTaskStatus(id, "completed", "3", new Date(6_000))).toBe(true);
    expect(await recordTaskStatus(id, "running", "2", new Date(6_000))).toBe(false);

    // An accelerated simulator stamps events hours ahead of our clock; the listing still wins.
    const future = new Date(Date.now() + 10 * 3_600_000);
    await recordTaskStatus(id, "running", "2", future);
    const [listed] = await upsertRemoteTasks(accountId, [remote({ status: "paused", rawStatus: "5" })], { at: new Date(), source: "listing" });
    expect(listed.changed).toBe(true);
    const task = await getDb().task.findUniqueOrThrow({ where: { id } });
    expect(task.status).toBe("paused");
    expect(task.statusAt).toEqual(future);
    // A deleted task stays deleted against any later event; only a listing that shows it brings it back
    // (issue 12 point 2: a callback cannot freeze a task).
    await recordTaskStatus(id, "deleted", "deleted", new Date(future.getTime() + 1));
    expect(await recordTaskStatus(id, "running", "2", new Date(future.getTime() + 2))).toBe(false);
    await upsertRemoteTasks(accountId, [remote()], { at: new Date(), source: "listing" });
    expect((await getDb().task.findUniqueOrThrow({ where: { id } })).status).toBe("running");
  });

  it("keeps \"status since\" at the change: listings that confirm a paused task do not move it (issue 15 point 3)", async () => {
    const { id } = await upsertRemoteTask(accountId, remote(), { at: new Date("2026-06-01T08:00:00Z"), source: "listing" });
    expect(await recordTaskStatus(id, "paused", "5", new Date("2026-06-01T08:35:00Z"))).toBe(true);
    await upsertRemoteTasks(accountId, [remote({ status: "paused", rawStatus: "5" })], { at: new Date("2026-06-01T08:50:00Z"), source: "listing" });
    await upsertRemoteTasks(accountId, [remote({ status: "paused", rawStatus: "5", name: "Renewals 2" })], { at: new Date("2026-06-01T08:51:00Z"), source: "listing" });
    const task = await getDb().task.findUniqueOrThrow({ where: { id }, select: { statusAt: true, statusChangedAt: true } });
    expect(task.statusChangedAt).toEqual(new Date("2026-06-01T08:35:00Z"));
    // The out-of-order guard still moves with each confirmation.
    expect(task.statusAt).toEqual(new Date("2026-06-01T08:51:00Z"));
    await upsertRemoteTasks(accountId, [remote({ status: "running", rawStatus: "2" })], { at: new Date("2026-06-01T09:10:00Z"), source: "listing" });
    expect((await getDb().task.findUniqueOrThrow({ where: { id }, select: { statusChangedAt: true } })).statusChangedAt).toEqual(new Date("2026-06-01T09:10:00Z"));
  });

  it("stores at most one snapshot per minute and rolls up the calls between reports", async () => {
    // Aliyun reports counters only (no per-call events), so its roll-up comes from the reports.
    const aliyun = await createAccount("aliyun-vms", "http://127.0.0.1:9", { accessKeyId: "k", accessKeySecret: "s" }, { enterpriseId: "1" });
    const t0 = new Date("2026-05-04T01:10:00Z");
    const { id } = await upsertRemoteTask(aliyun, remote(), { at: t0, source: "listing" });
    // First sight: the baseline, nothing rolled up (those calls have no known hour).
    expect(await getDb().hourlyRollup.count()).toBe(0);
    await recordTaskStats(id, { ...remote().stats!, totalCalls: 9, answeredCalls: 4 }, new Date("2026-05-04T01:20:00Z"));
    await recordTaskStats(id, { ...remote().stats!, totalCalls: 12, answeredCalls: 5 }, new Date("2026-05-04T01:20:30Z"));
    // Older report (fewer calls): ignored.
    expect(await recordTaskStats(id, { ...remote().stats!, totalCalls: 7, answeredCalls: 3 }, new Date("2026-05-04T01:21:00Z"))).toBe(false);
    const snapshots = await getDb().taskSnapshot.findMany({ where: { taskId: id }, orderBy: { at: "asc" } });
    expect(snapshots.map((s) => s.totalCalls)).toEqual([5, 12]);
    const rollups = await getDb().hourlyRollup.findMany({ where: { taskId: id } });
    expect(rollups).toEqual([expect.objectContaining({ hour: new Date("2026-05-04T01:00:00Z"), calls: 7, answered: 3 })]);
    expect((await getDb().task.findUniqueOrThrow({ where: { id } })).totalCalls).toBe(12);
  });
  it("does not count a call twice when a provider's report arrives before its call events (NXCloud)", async () => {
    const { id } = await upsertRemoteTask(accountId, remote({ stats: { ...remote().stats!, totalCalls: 0, answeredCalls: 0 } }), { source: "listing" });
    // The task status callback with taskStat lands first …
    await recordTaskStats(id, { ...remote().stats!, totalCalls: 2, answeredCalls: 1 }, new Date("2026-05-04T02:10:00Z"));
    expect(await getDb().hourlyRollup.count({ where: { taskId: id } })).toBe(0);
    // … then the two calls it counted.
    const h = new Date("2026-05-04T02:05:00Z");
    await recordCalls(id, [call("x", "answered", h, 30), call("y", "busy", h)]);
    const rollups = await getDb().hourlyRollup.findMany({ where: { taskId: id } });
    expect(rollups.reduce((n, r) => n + r.calls, 0)).toBe(2);
  });
});

describe("recordCalls", () => {
  it("stores each call once under concurrency and rolls up exactly the inserted ones, per hour and outcome", async () => {
    const { id } = await upsertRemoteTask(accountId, remote({ stats: null }));
    const h1 = new Date("2026-05-04T02:05:00Z");
    const h2 = new Date("2026-05-04T03:59:59Z");
    const batchA = [call("a", "answered", h1, 30), call("b", "busy", h1), call("c", "rejected", h2)];
    const batchB = [call("b", "busy", h1), call("c", "rejected", h2), call("d", "no-answer", h2), call("e", "unreachable", h2)];
    const results = await Promise.all([recordCalls(id, batchA), recordCalls(id, batchB), recordCalls(id, batchA), recordCalls(id, batchB)]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(5);
    expect(await getDb().callRecord.count({ where: { taskId: id } })).toBe(5);
    const rollups = await getDb().hourlyRollup.findMany({ where: { taskId: id }, orderBy: { hour: "asc" } });
    expect(rollups.map(({ hour, calls, answered, noAnswer, busy, failed, talkSeconds }) => ({ hour, calls, answered, noAnswer, busy, failed, talkSeconds }))).toEqual([
      { hour: new Date("2026-05-04T02:00:00Z"), calls: 2, answered: 1, noAnswer: 0, busy: 1, failed: 0, talkSeconds: 30 },
      { hour: new Date("2026-05-04T03:00:00Z"), calls: 3, answered: 0, noAnswer: 1, busy: 1, failed: 1, talkSeconds: 0 },
    ]);
    // Once a task's calls arrive as records, stats reports no longer add to its roll-up (no double count).
    await recordTaskStats(id, { ...remote().stats!, totalCalls: 50, answeredCalls: 20 });
    expect((await getDb().hourlyRollup.aggregate({ where: { taskId: id }, _sum: { calls: true } }))._sum.calls).toBe(5);
  });
});
