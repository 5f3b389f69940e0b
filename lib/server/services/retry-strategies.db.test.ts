import { beforeEach, describe, expect, it } from "vitest";
import { defaultRetryStrategy } from "../../domain/retry";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { flushAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";
import {
  createRetryStrategy,
  deleteRetryStrategy,
  duplicateRetryStrategy,
  ensureDemoRetryStrategies,
  getRetryStrategy,
  getRetryStrategyWithUsage,
  listRetryStrategies,
  updateRetryStrategy,
} from "./retry-strategies";

const actor = { id: null, email: "manager@example.com" };

const standard: RetryStrategy = {
  name: "Standard",
  rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 2, minutes: 0 } }],
  measureFrom: "first-call",
  onlyToday: false,
  retryOn: ["no-answer", "busy"],
};

async function taskUsing(strategyId: string, status = "running"): Promise<string> {
  const db = getDb();
  const account = await db.providerAccount.upsert({
    where: { kind_name: { kind: "nxcloud", name: "Test" } },
    create: { kind: "nxcloud", name: "Test", baseUrl: "http://127.0.0.1:1", credentialsEnc: "x" },
    update: {},
    select: { id: true },
  });
  const task = await db.task.create({
    data: { accountId: account.id, remoteId: `r-${Math.random()}`, name: "Renewals", status, retryStrategyId: strategyId },
    select: { id: true },
  });
  return task.id;
}

describe("retry strategies", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("stores the name and the definition, and reads the same strategy back", async () => {
    const { id } = await createRetryStrategy({ actor, data: standard });
    expect(await getRetryStrategy(id)).toEqual({ id, ...standard });
    const row = await getDb().retryStrategy.findUniqueOrThrow({ where: { id } });
    expect(row.name).toBe("Standard");
    expect(JSON.parse(row.definition)).toEqual({
      rounds: standard.rounds,
      measureFrom: "first-call",
      onlyToday: false,
      retryOn: ["no-answer", "busy"],
    });
    expect(await listRetryStrategies()).toMatchObject([{ id, name: "Standard", taskCount: 0 }]);
  });

  it("refuses an invalid strategy and a name already taken (on the name field)", async () => {
    const invalid = { ...standard, rounds: [...standard.rounds].reverse() };
    await expect(createRetryStrategy({ actor, data: invalid })).rejects.toMatchObject({ code: "INVALID" });
    await createRetryStrategy({ actor, data: standard });
    const err = await createRetryStrategy({ actor, data: standard }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "ALREADY_EXISTS", field: "name" });
  });

  it("updates in place and keeps the name free for itself", async () => {
    const { id } = await createRetryStrategy({ actor, data: standard });
    const changed = { ...standard, measureFrom: "previous-call" as const, onlyToday: true, retryOn: ["busy" as const] };
    await updateRetryStrategy({ actor, id, data: changed });
    expect(await getRetryStrategy(id)).toEqual({ id, ...changed });
    await expect(updateRetryStrategy({ actor, id: "missing", data: standard })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("duplicates with a localized copy name that never clashes", async () => {
    const { id } = await createRetryStrategy({ actor, data: standard });
    const first = await duplicateRetryStrategy({ actor, id, locale: "en" });
    const second = await duplicateRetryStrategy({ actor, id, locale: "en" });
    const zh = await duplicateRetryStrategy({ actor, id, locale: "zh-CN" });
    expect([first.name, second.name, zh.name]).toEqual(["Standard (copy)", "Standard (copy 2)", "Standard（副本）"]);
    expect(await getRetryStrategy(first.id)).toEqual({ ...standard, id: first.id, name: "Standard (copy)" });
  });

  it("refuses to delete a strategy a live task uses, with a message in both languages", async () => {
    const { id } = await createRetryStrategy({ actor, data: standard });
    await taskUsing(id);
    await taskUsing(id, "deleted");
    expect((await listRetryStrategies())[0].taskCount).toBe(1);
    expect((await getRetryStrategyWithUsage(id)).taskCount).toBe(1);
    const err = (await deleteRetryStrategy({ actor, id }).catch((e: unknown) => e)) as AppError;
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(err.userMessage.en).toContain("used by 1 task");
    expect(err.userMessage.zh).toContain("1 个任务");
    expect(await getRetryStrategy(id)).toMatchObject({ id });

    await getDb().task.updateMany({ where: { retryStrategyId: id }, data: { status: "deleted" } });
    await deleteRetryStrategy({ actor, id });
    await expect(getRetryStrategy(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteRetryStrategy({ actor, id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("audits create, update, duplicate and delete with what changed", async () => {
    const { id } = await createRetryStrategy({ actor, data: standard });
    await updateRetryStrategy({ actor, id, data: { ...standard, onlyToday: true } });
    const copy = await duplicateRetryStrategy({ actor, id, locale: "en" });
    await deleteRetryStrategy({ actor, id: copy.id });
    await flushAudit();
    const { rows } = await listAudit({ page: 1 });
    expect(rows.map((r) => r.action).sort()).toEqual([
      "retryStrategy.create",
      "retryStrategy.delete",
      "retryStrategy.duplicate",
      "retryStrategy.update",
    ]);
    expect(rows.every((r) => r.actorEmail === actor.email && r.targetType === "retryStrategy")).toBe(true);
    const update = rows.find((r) => r.action === "retryStrategy.update")!;
    expect(update.targetId).toBe(id);
    expect(JSON.parse(update.summary)).toEqual({ before: { onlyToday: false }, after: { onlyToday: true } });
    expect(rows.find((r) => r.action === "retryStrategy.delete")!.targetId).toBe(copy.id);
  });

  it("creates the demo strategies only when there are none and none was ever deleted", async () => {
    await ensureDemoRetryStrategies();
    await ensureDemoRetryStrategies();
    const demos = await listRetryStrategies();
    expect(demos.length).toBeGreaterThanOrEqual(2);
    expect(demos.length).toBeLessThanOrEqual(3);
    expect(demos.map((d) => d.name)).toContain("标准重呼 Standard");

    await freshDatabase();
    await createRetryStrategy({ actor, data: defaultRetryStrategy() });
    await ensureDemoRetryStrategies();
    expect(await listRetryStrategies()).toHaveLength(1);

    // Deleting every strategy does not bring the demos back.
    await deleteRetryStrategy({ actor, id: (await listRetryStrategies())[0].id });
    await flushAudit();
    await ensureDemoRetryStrategies();
    expect(await listRetryStrategies()).toHaveLength(0);
  });
});
