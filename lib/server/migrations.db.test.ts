import { describe, expect, it } from "vitest";
import { isPostgres } from "./config";
import { getDb } from "./db";
import { applyMigrations, loadMigrations } from "./migrations";
import { checkHealth } from "./services/health";
import { freshDatabase } from "./testing/db";

describe("migrations", () => {
  it("apply once, are recorded in Prisma's format, and health reports them current", async () => {
    await freshDatabase();
    const url = process.env.DATABASE_URL!;
    expect(await applyMigrations(url)).toEqual([]); // idempotent
    const db = getDb();
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown }[]>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = loadMigrations(isPostgres(url));
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await checkHealth()).toMatchObject({ ok: true, database: "ok", migrations: { pending: [] } });
  });

  it("health is not ok while a migration is pending", async () => {
    await freshDatabase();
    const db = getDb();
    await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations"`);
    const health = await checkHealth();
    expect(health.ok).toBe(false);
    expect(health.migrations?.pending.length).toBeGreaterThan(0);
  });

  it("the migrated schema matches the Prisma schema: every model can be written and read", async () => {
    const db = await freshDatabase();
    const now = new Date();
    const user = await db.user.create({ data: { id: "u1", name: "N", email: "n@example.com", updatedAt: now } });
    await db.session.create({ data: { id: "s1", token: "t", userId: user.id, expiresAt: now, updatedAt: now } });
    await db.account.create({ data: { id: "a1", accountId: "u1", providerId: "credential", userId: user.id, updatedAt: now } });
    await db.verification.create({ data: { id: "v1", identifier: "i", value: "v", expiresAt: now, updatedAt: now } });
    await db.rateLimit.create({ data: { id: "r1", key: "k", count: 1, lastRequest: BigInt(now.getTime()) } });
    await db.auditEntry.create({ data: { actorEmail: "e", action: "x", targetType: "t", summary: "{}" } });
    const acc = await db.providerAccount.create({ data: { kind: "nxcloud", name: "A", baseUrl: "http://127.0.0.1", credentialsEnc: "x" } });
    const group = await db.callTimeGroup.create({ data: { name: "G", weekly: "{}" } });
    const strategy = await db.retryStrategy.create({ data: { name: "S", definition: "{}" } });
    await db.holidayDay.create({ data: { date: "2026-10-01", kind: "holiday", name: "National Day" } });
    await db.holidayYear.create({ data: { year: 2026, source: "package" } });
    const task = await db.task.create({
      data: { accountId: acc.id, remoteId: "1254676189925432389", name: "T", status: "running", callTimeGroupId: group.id, retryStrategyId: strategy.id, providerAnswerRate: 0.42 },
    });
    await db.taskSnapshot.create({ data: { taskId: task.id, at: now, totalOrders: 1, finishedOrders: 0, attemptedOrders: 0, answeredOrders: 0, totalCalls: 0, answeredCalls: 0 } });
    await db.callRecord.create({ data: { taskId: task.id, callId: "c1", outcome: "answered", startedAt: now } });
    await db.hourlyRollup.create({ data: { taskId: task.id, hour: now, calls: 1 } });
    await db.webhookEvent.create({ data: { accountId: acc.id, dedupeKey: "d", body: "{}" } });
    await db.syncRun.create({ data: { accountId: acc.id } });
    await db.jobLease.create({ data: { name: "sync", owner: "me", expiresAt: now } });
    const list = await db.contactList.create({ data: { name: "L" } });
    await db.contact.create({ data: { listId: list.id, seq: 1, phone: "+8613800138000" } });
    await db.dncEntry.create({ data: { phone: "+8613800138000", scope: "global", expiresAt: now } });
    await db.taskNumber.create({ data: { taskId: task.id, phone: "+8613800138000", state: "sent", lastCallAt: now } });
    const job = await db.job.create({ data: { kind: "import", params: "{}", listId: list.id, unitsTotal: 1.5 } });
    await db.jobProblem.create({ data: { jobId: job.id, row: 2, reason: "invalid-phone" } });
    await db.orgSetting.create({ data: { key: "contactCaps", value: "{}" } });
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).unitsTotal).toBeCloseTo(1.5);
    await db.idempotencyKey.create({ data: { scope: "task-create", key: "k1", state: "pending", expiresAt: now } });
    await expect(db.idempotencyKey.create({ data: { scope: "task-create", key: "k1", state: "pending", expiresAt: now } })).rejects.toMatchObject({ code: "P2002" });
    const back = await db.task.findUniqueOrThrow({ where: { accountId_remoteId: { accountId: acc.id, remoteId: "1254676189925432389" } } });
    expect(back.remoteId).toBe("1254676189925432389");
    expect(back.providerAnswerRate).toBeCloseTo(0.42);
    // Deleting the account cascades to its mirror.
    await db.providerAccount.delete({ where: { id: acc.id } });
    expect(await db.task.count()).toBe(0);
    expect(await db.callRecord.count()).toBe(0);
    expect(await db.taskNumber.count()).toBe(0);
    await db.contactList.delete({ where: { id: list.id } });
    expect(await db.contact.count()).toBe(0);
  });
});
