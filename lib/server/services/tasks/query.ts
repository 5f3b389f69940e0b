// Reading the mirror: the task list (server-side paging, sorting and filters that stay fast with
// 10 000 tasks) and one task's page. Only portable SQL (SQLite and PostgreSQL): quoted identifiers,
// CASE, LOWER … LIKE … ESCAPE and NULLS LAST behave the same on both.
import "server-only";
import { cache } from "react";
import { parse as parseLossless, stringify as stringifyLossless } from "lossless-json";
import { z } from "zod";
import type { CallTimeGroup, LocalizedText } from "../../../domain/call-time-group";
import type { RetryStrategy } from "../../../domain/retry-strategy";
import type { StatCounters } from "../../../domain/stats-types";
import { answerRate, countersOf, finishRate, reportedFigure } from "../../../domain/stats";
import { TASK_STATUSES, type TaskKind, type TaskStatus } from "../../../domain/task";
import { Prisma } from "../../../generated/sqlite/client";
import { adapterFor, isProviderKind } from "../../../providers/registry";
import { ProviderError } from "../../../providers/errors";
import type { FollowUpDetail, ParamSpec, ProviderCapabilities, ProviderKind } from "../../../providers/types";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { COUNTER_SELECT } from "../../stat-counters";
import { getCallTimeGroup } from "../call-time-groups";
import { providerContextFor } from "../provider-accounts";
import { getRetryStrategy } from "../retry-strategies";
import { controlRules, type ControlRule, type TaskControl } from "./rules";
import { tasksText } from "./texts";
import type { TaskListRow } from "../../../contracts/task-list";
import { waitingFor } from "./waiting";

export const TASK_SORTS = ["name", "status", "updatedAt", "answerRate", "finishRate", "lastSyncAt"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The list query, as read from the URL: anything unreadable falls back to the default. */
export const ZTaskListQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
  sort: z.enum(TASK_SORTS).catch("updatedAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  provider: z.string().max(40).refine(isProviderKind).optional().catch(undefined),
  accountId: z.string().min(1).max(64).optional().catch(undefined),
  status: z.enum(TASK_STATUSES).optional().catch(undefined),
  search: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(["call", "follow-up"]).optional().catch(undefined),
});
export type TaskListQuery = z.infer<typeof ZTaskListQuery>;

// Status order that reads well for a manager: what is dialling first, what is over last.
const STATUS_ORDER = Prisma.sql`CASE "status" WHEN 'running' THEN 0 WHEN 'paused' THEN 1 WHEN 'pending' THEN 2 WHEN 'draft' THEN 3 WHEN 'completed' THEN 4 WHEN 'failed' THEN 5 ELSE 6 END`;

// Rates come from the stored counters (docs/design.md "Stats"): the same formulas as lib/domain/stats.ts,
// 0 when the denominator is 0. `* 1.0` makes the division non-integer on both databases.
const SORT_SQL: Record<TaskSort, Prisma.Sql> = {
  name: Prisma.sql`"name"`,
  status: STATUS_ORDER,
  updatedAt: Prisma.sql`"updatedAt"`,
  lastSyncAt: Prisma.sql`"lastSyncAt"`,
  answerRate: Prisma.sql`CASE WHEN "totalCalls" > 0 THEN "answeredCalls" * 1.0 / "totalCalls" ELSE 0 END`,
  finishRate: Prisma.sql`CASE WHEN "totalOrders" > 0 THEN "finishedOrders" * 1.0 / "totalOrders" ELSE 0 END`,
};

function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereSql(q: TaskListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  // A deleted task is history: it shows only when asked for by its status.
  conditions.push(q.status ? Prisma.sql`"status" = ${q.status}` : Prisma.sql`"status" <> 'deleted'`);
  if (q.accountId) conditions.push(Prisma.sql`"accountId" = ${q.accountId}`);
  if (q.provider) conditions.push(Prisma.sql`"accountId" IN (SELECT "id" FROM "ProviderAccount" WHERE "kind" = ${q.provider})`);
  if (q.kind) conditions.push(Prisma.sql`"kind" = ${q.kind}`);
  if (q.search) conditions.push(Prisma.sql`LOWER("name") LIKE ${likePattern(q.search)} ESCAPE '\\'`);
  return Prisma.join(conditions, " AND ");
}

function taskTypeLabel(caps: ProviderCapabilities, taskType: string): LocalizedText | null {
  return caps.taskTypes.find((t) => t.value === taskType)?.label ?? null;
}

export async function listTasks(input: Partial<TaskListQuery>, now: Date = new Date()): Promise<{ rows: TaskListRow[]; total: number }> {
  const q = ZTaskListQuery.parse(input);
  const db = getDb();
  const where = whereSql(q);
  const order = Prisma.sql`${SORT_SQL[q.sort]} ${Prisma.raw(q.dir === "asc" ? "ASC" : "DESC")} NULLS LAST, "id" ASC`;
  const [countRows, idRows] = await Promise.all([
    db.$queryRaw<{ n: number | bigint }[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Task" WHERE ${where}`),
    db.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT "id" FROM "Task" WHERE ${where} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
  ]);
  const total = Number(countRows[0]?.n ?? 0);
  const ids = idRows.map((r) => r.id);
  if (ids.length === 0) return { rows: [], total };

  const found = await db.task.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      status: true,
      rawStatus: true,
      kind: true,
      taskType: true,
      accountId: true,
      account: { select: { kind: true, name: true } },
      callTimeGroupId: true,
      callTimeGroup: { select: { name: true } },
      ...COUNTER_SELECT,
      lastSyncAt: true,
      updatedAt: true,
      goneAt: true,
    },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const waiting = await waitingFor(found, now);
  const rows = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const caps = adapterFor(r.account.kind).capabilities;
    return [
      {
        id: r.id,
        name: r.name,
        status: r.status as TaskStatus,
        rawStatus: r.rawStatus,
        kind: r.kind as TaskKind,
        taskType: r.taskType,
        taskTypeLabel: taskTypeLabel(caps, r.taskType),
        provider: r.account.kind as ProviderKind,
        providerLabel: caps.label,
        accountId: r.accountId,
        accountName: r.account.name,
        groupName: r.callTimeGroup?.name ?? null,
        totalOrders: r.totalOrders,
        finishedOrders: r.finishedOrders,
        answerRate: reportedFigure("answerRate", answerRate(r), caps.unreportedFigures ?? []),
        finishRate: finishRate(r),
        lastSyncAt: r.lastSyncAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
        gone: r.goneAt !== null,
        waiting: waiting.get(r.id) ?? null,
        at: now.toISOString(),
      } satisfies TaskListRow,
    ];
  });
  return { rows, total };
}

export interface TaskHistoryEntry {
  id: string;
  at: Date;
  actorEmail: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

export interface TaskDetail {
  task: StatCounters & {
    id: string;
    remoteId: string;
    name: string;
    description: string;
    kind: TaskKind;
    taskType: string;
    taskTypeLabel: LocalizedText | null;
    status: TaskStatus;
    rawStatus: string;
    statusAt: Date;
    /** When the status became what it is (not the last report confirming it). */
    statusSince: Date;
    concurrency: number | null;
    answerRate: number;
    finishRate: number;
    providerAnswerRate: number | null;
    providerFinishRate: number | null;
    params: Record<string, string | number | boolean | null>;
    goneAt: Date | null;
    lastSyncAt: Date | null;
    createdAt: Date;
  };
  account: { id: string; kind: ProviderKind; name: string; isDemo: boolean; enabled: boolean };
  group: { id: string; group: CallTimeGroup; losses: LocalizedText[] } | null;
  strategy: { id: string; strategy: RetryStrategy; losses: LocalizedText[] } | null;
  capabilities: {
    label: LocalizedText;
    nameMaxLength: number;
    descriptionMaxLength: number;
    contactsBatchSize: number;
    params: ParamSpec[];
    controls: Record<TaskControl, ControlRule>;
    /** Controls that call an endpoint the provider does not document, with what the user should know. */
    unverified: Partial<Record<TaskControl, LocalizedText>>;
  };
  /** The provider record, pretty-printed; big ids stay exactly as stored. */
  rawJson: string;
  history: TaskHistoryEntry[];
}

const HISTORY_LIMIT = 200;

function prettyJson(text: string): string {
  try {
    // lossless-json: a number too big for a double is printed as written, never rounded.
    return stringifyLossless(parseLossless(text), null, 2) ?? text;
  } catch {
    return text;
  }
}

function readSummary(text: string): { before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string } {
  try {
    return JSON.parse(text) as { before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string };
  } catch {
    return {};
  }
}

/** A group or strategy that cannot be read is shown as missing rather than failing the whole page. */
async function optional<T>(load: () => Promise<T>, what: string): Promise<T | null> {
  try {
    return await load();
  } catch (e) {
    if (!(e instanceof AppError)) logger.warn({ err: (e as Error).message, what }, "task detail: could not load");
    return null;
  }
}

/**
 * One task's page. Memoised per request (React cache): the page and its metadata ask for the same task, and
 * the database is read once.
 */
export const getTaskDetail = cache(async (id: string): Promise<TaskDetail> => {
  const db = getDb();
  const row = await db.task.findUnique({
    where: { id },
    select: {
      id: true,
      remoteId: true,
      name: true,
      description: true,
      kind: true,
      taskType: true,
      status: true,
      rawStatus: true,
      statusAt: true,
      statusChangedAt: true,
      concurrency: true,
      ...COUNTER_SELECT,
      providerAnswerRate: true,
      providerFinishRate: true,
      params: true,
      raw: true,
      goneAt: true,
      lastSyncAt: true,
      createdAt: true,
      callTimeGroupId: true,
      retryStrategyId: true,
      account: { select: { id: true, kind: true, name: true, isDemo: true, enabled: true, settings: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", tasksText("notFound.task"));
  const adapter = adapterFor(row.account.kind);
  const caps = adapter.capabilities;
  const settings = JSON.parse(row.account.settings) as Record<string, string>;

  const [group, strategy, audit] = await Promise.all([
    row.callTimeGroupId ? optional(() => getCallTimeGroup(row.callTimeGroupId!), "group") : null,
    row.retryStrategyId ? optional(() => getRetryStrategy(row.retryStrategyId!), "strategy") : null,
    db.auditEntry.findMany({
      where: { targetType: "task", targetId: id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
      select: { id: true, at: true, actorEmail: true, action: true, summary: true },
    }),
  ]);

  const status = row.status as TaskStatus;
  return {
    task: {
      id: row.id,
      remoteId: row.remoteId,
      name: row.name,
      description: row.description,
      kind: row.kind as TaskKind,
      taskType: row.taskType,
      taskTypeLabel: taskTypeLabel(caps, row.taskType),
      status,
      rawStatus: row.rawStatus,
      statusAt: row.statusAt,
      statusSince: row.statusChangedAt ?? row.statusAt,
      concurrency: row.concurrency,
      ...countersOf(row),
      answerRate: answerRate(row),
      finishRate: finishRate(row),
      providerAnswerRate: row.providerAnswerRate,
      providerFinishRate: row.providerFinishRate,
      params: JSON.parse(row.params) as Record<string, string | number | boolean | null>,
      goneAt: row.goneAt,
      lastSyncAt: row.lastSyncAt,
      createdAt: row.createdAt,
    },
    account: { id: row.account.id, kind: row.account.kind as ProviderKind, name: row.account.name, isDemo: row.account.isDemo, enabled: row.account.enabled },
    group: group ? { id: group.id, group, losses: adapter.encodeCallTimeGroup(group, { settings }).losses } : null,
    strategy: strategy ? { id: strategy.id, strategy, losses: adapter.encodeRetryStrategy(strategy).losses } : null,
    capabilities: {
      label: caps.label,
      nameMaxLength: caps.limits.nameMaxLength,
      descriptionMaxLength: caps.limits.descriptionMaxLength,
      contactsBatchSize: caps.limits.contactsBatchSize,
      params: caps.params.filter((p) => !p.taskTypes || p.taskTypes.includes(row.taskType)),
      controls: controlRules({ status, kind: row.kind }, caps),
      unverified: caps.unverified ?? {},
    },
    rawJson: prettyJson(row.raw),
    history: audit.map((entry) => {
      const summary = readSummary(entry.summary);
      return {
        id: entry.id,
        at: entry.at,
        actorEmail: entry.actorEmail,
        action: entry.action,
        before: summary.before ?? null,
        after: summary.after ?? null,
        note: summary.note ?? null,
      };
    }),
  };
});

/**
 * A follow-up task as its provider has it now (what staff are asked to do, each one's progress), from the
 * adapter's optional getFollowUpDetail. Asked live, since the list does not carry it; a provider error becomes
 * a message on the page, not a broken page.
 */
export async function getFollowUpDetail(taskId: string): Promise<{ detail: FollowUpDetail | null; error: LocalizedText | null }> {
  const task = await getDb().task.findUnique({ where: { id: taskId }, select: { accountId: true, remoteId: true } });
  if (!task) throw new AppError("NOT_FOUND", tasksText("notFound.task"));
  const { adapter, ctx } = await providerContextFor(task.accountId);
  if (!adapter.getFollowUpDetail) return { detail: null, error: null };
  try {
    return { detail: await adapter.getFollowUpDetail(ctx, task.remoteId), error: null };
  } catch (e) {
    if (e instanceof ProviderError) return { detail: null, error: e.userMessage };
    throw e;
  }
}
