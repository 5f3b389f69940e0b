// Retry strategies (docs/design.md "RetryStrategy"): local rules a task references. The row keeps the
// name in its own column and the rest of the domain strategy as JSON in `definition`.
import "server-only";
import en from "../../../messages/en/retry.json" with { type: "json" };
import zh from "../../../messages/zh-CN/retry.json" with { type: "json" };
import type { LocalizedText } from "../../domain/call-time-group";
import { catalogText, localize, type Locale } from "../../domain/text";

const text = catalogText(en, zh);
const SAME_NAME = text("errors.sameName");
import { defaultRetryStrategy } from "../../domain/retry";
import { ZRetryStrategy, type TRetryStrategy } from "../../domain/retry-validation";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { allAdapters } from "../../providers/registry";
import type { ProviderKind } from "../../providers/types";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";

export { ZRetryStrategy };
export type TRetryStrategyInput = TRetryStrategy;

export type StoredRetryStrategy = RetryStrategy & { id: string };
export type RetryStrategyListItem = StoredRetryStrategy & { taskCount: number; updatedAt: Date };

/** A task that is deleted no longer holds its strategy (the relation is SET NULL anyway). */
const LIVE_TASKS = { where: { status: { not: "deleted" } } } as const;

const SELECT = { id: true, name: true, definition: true, updatedAt: true } as const;

type Row = { id: string; name: string; definition: string };


function definitionOf(strategy: RetryStrategy): string {
  const { rounds, measureFrom, onlyToday, retryOn } = strategy;
  return JSON.stringify({ rounds, measureFrom, onlyToday, retryOn });
}

function fromRow(row: Row): StoredRetryStrategy {
  const parsed = ZRetryStrategy.safeParse({ name: row.name, ...(JSON.parse(row.definition) as object) });
  if (parsed.success) return { id: row.id, ...parsed.data };
  // Only this module writes definitions, so this means a hand-edited row: show it with the defaults
  // rather than breaking every page that lists strategies.
  logger.warn({ id: row.id }, "retry strategy definition does not validate");
  return { id: row.id, ...defaultRetryStrategy(), name: row.name };
}

export async function listRetryStrategies(): Promise<RetryStrategyListItem[]> {
  const rows = await getDb().retryStrategy.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { ...SELECT, _count: { select: { tasks: LIVE_TASKS } } },
  });
  return rows.map((row) => ({ ...fromRow(row), taskCount: row._count.tasks, updatedAt: row.updatedAt }));
}

export async function getRetryStrategy(id: string): Promise<StoredRetryStrategy> {
  const row = await getDb().retryStrategy.findUnique({ where: { id }, select: SELECT });
  if (!row) throw new AppError("NOT_FOUND", text("errors.notFound"));
  return fromRow(row);
}

/** The strategy with the number of live tasks using it (the builder warns before editing a used one). */
export async function getRetryStrategyWithUsage(id: string): Promise<StoredRetryStrategy & { taskCount: number }> {
  const [strategy, taskCount] = await Promise.all([
    getRetryStrategy(id),
    getDb().task.count({ where: { retryStrategyId: id, ...LIVE_TASKS.where } }),
  ]);
  return { ...strategy, taskCount };
}

async function assertNameFree(name: string, exceptId?: string): Promise<void> {
  const clash = await getDb().retryStrategy.findFirst({
    where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("ALREADY_EXISTS", SAME_NAME, "name");
}

function parseOrThrow(data: unknown): RetryStrategy {
  const parsed = ZRetryStrategy.safeParse(data);
  if (!parsed.success) throw new AppError("INVALID");
  return parsed.data;
}

export async function createRetryStrategy({ actor, data }: { actor: AuditActor; data: TRetryStrategyInput }): Promise<{ id: string }> {
  const strategy = parseOrThrow(data);
  await assertNameFree(strategy.name);
  const row = await getDb().retryStrategy.create({
    data: { name: strategy.name, definition: definitionOf(strategy) },
    select: { id: true },
  });
  recordAudit({ actor, action: "retryStrategy.create", targetType: "retryStrategy", targetId: row.id, after: strategy });
  return { id: row.id };
}

export async function updateRetryStrategy({
  actor,
  id,
  data,
}: {
  actor: AuditActor;
  id: string;
  data: TRetryStrategyInput;
}): Promise<void> {
  const strategy = parseOrThrow(data);
  const before = await getRetryStrategy(id);
  await assertNameFree(strategy.name, id);
  await getDb().retryStrategy.update({
    where: { id },
    data: { name: strategy.name, definition: definitionOf(strategy) },
    select: { id: true },
  });
  const { id: _id, ...beforeStrategy } = before;
  recordAudit({ actor, action: "retryStrategy.update", targetType: "retryStrategy", targetId: id, before: beforeStrategy, after: strategy });
}


/** A copy named "<name> (copy)", "<name> (copy 2)", … in the user's language, kept within the 80-character limit. */
export async function duplicateRetryStrategy({
  actor,
  id,
  locale,
}: {
  actor: AuditActor;
  id: string;
  locale: Locale;
}): Promise<{ id: string; name: string }> {
  const { id: _id, ...source } = await getRetryStrategy(id);
  const db = getDb();
  for (let n = 1; n < 100; n++) {
    // The catalog puts {name} first in both languages, so what it adds for an empty name is the suffix.
    const suffix = localize(text("copyName", { name: "", n }), locale);
    const name = `${source.name.slice(0, 80 - suffix.length)}${suffix}`;
    if (await db.retryStrategy.findFirst({ where: { name }, select: { id: true } })) continue;
    const copy = { ...source, name };
    const row = await db.retryStrategy.create({ data: { name, definition: definitionOf(copy) }, select: { id: true } });
    recordAudit({
      actor,
      action: "retryStrategy.duplicate",
      targetType: "retryStrategy",
      targetId: row.id,
      after: copy,
      note: `copy of ${id}`,
    });
    return { id: row.id, name };
  }
  throw new AppError("ALREADY_EXISTS", SAME_NAME, "name");
}

/** Refused while a live task uses the strategy: the task would silently lose its retries. */
export async function deleteRetryStrategy({ actor, id }: { actor: AuditActor; id: string }): Promise<void> {
  const db = getDb();
  const before = await db.$transaction(async (tx) => {
    const row = await tx.retryStrategy.findUnique({
      where: { id },
      select: { ...SELECT, _count: { select: { tasks: LIVE_TASKS } } },
    });
    if (!row) throw new AppError("NOT_FOUND", text("errors.notFound"));
    const used = row._count.tasks;
    if (used > 0) {
      throw new AppError("CONFLICT", text("errors.inUse", { name: row.name, count: used }));
    }
    await tx.retryStrategy.delete({ where: { id }, select: { id: true } });
    return fromRow(row);
  });
  const { id: _id, ...strategy } = before;
  recordAudit({ actor, action: "retryStrategy.delete", targetType: "retryStrategy", targetId: id, before: strategy });
}

/** Realistic starting points for a new installation; the names carry both languages. */
const DEMO_STRATEGIES: RetryStrategy[] = [
  {
    name: "标准重呼 Standard",
    rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 2, minutes: 0 } }],
    measureFrom: "first-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy"],
  },
  {
    name: "当天重呼 Same day",
    rounds: [
      { after: { days: 0, hours: 0, minutes: 15 } },
      { after: { days: 0, hours: 1, minutes: 0 } },
      { after: { days: 0, hours: 3, minutes: 0 } },
    ],
    measureFrom: "first-call",
    onlyToday: true,
    retryOn: ["no-answer", "busy", "unreachable"],
  },
  {
    name: "次日重呼 Next day",
    rounds: [{ after: { days: 1, hours: 0, minutes: 0 } }, { after: { days: 1, hours: 0, minutes: 0 } }],
    measureFrom: "previous-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"],
  },
];

/**
 * Creates the demo strategies when there is none at all and nobody has ever deleted one (a manager
 * who removed every strategy does not see them come back). Called once at start in the embedded mode
 * (instrumentation.ts); pages never write.
 */
export async function ensureDemoRetryStrategies(): Promise<void> {
  const db = getDb();
  if ((await db.retryStrategy.count()) > 0) return;
  if ((await db.auditEntry.count({ where: { action: "retryStrategy.delete" } })) > 0) return;
  const created = await db.$transaction(async (tx) => {
    // Re-checked inside the transaction so two first requests do not both seed.
    if ((await tx.retryStrategy.count()) > 0) return [];
    const rows: { id: string; strategy: RetryStrategy }[] = [];
    for (const strategy of DEMO_STRATEGIES) {
      const row = await tx.retryStrategy.create({
        data: { name: strategy.name, definition: definitionOf(strategy) },
        select: { id: true },
      });
      rows.push({ id: row.id, strategy });
    }
    return rows;
  });
  for (const { id, strategy } of created) {
    recordAudit({ actor: SYSTEM_ACTOR, action: "retryStrategy.create", targetType: "retryStrategy", targetId: id, after: strategy, note: "demo" });
  }
}

export interface RetryStrategyEncoding {
  kind: ProviderKind;
  label: LocalizedText;
  /** What the adapter would send for this strategy (e.g. Aliyun's RetryStrategy fields); null when nothing is sent. */
  value: unknown;
  losses: LocalizedText[];
  /** How the provider really spaces the redials (adapter.describeRetrySpacing); null when the adapter does not say. */
  spacing: LocalizedText | null;
}

/**
 * How each provider would express the strategy, what it cannot, and how it really spaces the redials (the
 * builder's provider panel). `collapsedRetries`: the retries the preview's timeline places at the same window
 * opening as the attempt before them, so each provider can say what it does with those.
 */
export function retryStrategyEncodings(data: TRetryStrategyInput, collapsedRetries: readonly number[] = []): RetryStrategyEncoding[] {
  const strategy = parseOrThrow(data);
  return allAdapters().map((adapter) => {
    const { value, losses } = adapter.encodeRetryStrategy(strategy);
    const spacing = adapter.describeRetrySpacing?.(strategy, collapsedRetries) ?? null;
    return { kind: adapter.kind, label: adapter.capabilities.label, value: value ?? null, losses, spacing };
  });
}
