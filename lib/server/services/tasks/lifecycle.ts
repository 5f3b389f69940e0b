// Start, pause, complete, delete and edit a task. DESIGN.md "Mirror and sync": the provider is the
// source of truth for remote state, so every write goes to the provider first and the mirror is then
// refreshed from the provider's answer, never from what we expected it to say.
import "server-only";
import { z } from "zod";
import { boundedRecord, ZId } from "../../../domain/bounds";
import type { LocalizedText } from "../../../domain/call-time-group";
import type { TaskStatus } from "../../../domain/task";
import { ProviderError } from "../../../providers/errors";
import { checkParams, paramsForTaskType, paramValuesFrom } from "../../../providers/param-values";
import type { ProviderAdapter, ProviderContext, TaskDraft } from "../../../providers/types";
import { recordAudit, type AuditActor } from "../../audit";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { upsertRemoteTask } from "../../mirror/upsert";
import { getCallTimeGroup } from "../call-time-groups";
import { providerContextFor } from "../provider-accounts";
import { getRetryStrategy } from "../retry-strategies";
import { controlRule } from "./rules";

export type LifecycleOp = "start" | "pause" | "complete" | "delete";
export const LIFECYCLE_OPS = ["start", "pause", "complete", "delete"] as const;
export const BULK_OPS = ["start", "pause"] as const;
export type BulkOp = (typeof BULK_OPS)[number];
/** One request never touches more tasks than a list page holds. */
export const BULK_MAX = 100;

const TASK_SELECT = { id: true, accountId: true, remoteId: true, name: true, status: true, kind: true, taskType: true } as const;

async function loadTask(taskId: string) {
  const task = await getDb().task.findUnique({ where: { id: taskId }, select: TASK_SELECT });
  if (!task) throw new AppError("NOT_FOUND", { en: "This task no longer exists.", zh: "该任务已不存在。" });
  return { ...task, status: task.status as TaskStatus };
}

function providerFailure(e: unknown, field?: string): never {
  if (e instanceof ProviderError) throw new AppError("PROVIDER", e.userMessage, field);
  throw e;
}

/**
 * Re-reads the task from the provider and upserts the mirror with the answer. A failure here comes
 * after the provider already accepted the change, so it is logged and the next sync catches up
 * instead of telling the user an operation failed that did not.
 */
export async function refreshMirror({
  adapter,
  ctx,
  accountId,
  taskId,
  remoteId,
}: {
  adapter: ProviderAdapter;
  ctx: ProviderContext;
  accountId: string;
  taskId: string;
  remoteId: string;
}): Promise<TaskStatus> {
  try {
    const remote = await adapter.getTask(ctx, remoteId);
    // "listing": the provider's current state by our clock, so a status stamped by a provider clock ahead of
    // ours (the accelerated simulators, a skewed host) cannot keep the mirror from showing what we just did.
    await upsertRemoteTask(accountId, remote, { source: "listing" });
  } catch (e) {
    logger.warn({ err: (e as Error).message, taskId, provider: adapter.kind }, "mirror refresh after a write failed");
  }
  const row = await getDb().task.findUniqueOrThrow({ where: { id: taskId }, select: { status: true } });
  return row.status as TaskStatus;
}

async function callProvider(adapter: ProviderAdapter, ctx: ProviderContext, op: LifecycleOp, remoteId: string): Promise<void> {
  const fn = { start: adapter.startTask, pause: adapter.pauseTask, complete: adapter.completeTask, delete: adapter.deleteTask }[op];
  if (!fn) {
    const label = adapter.capabilities.label;
    throw new AppError("INVALID", { en: `${label.en} has no ${op} operation.`, zh: `${label.zh}不支持此操作。` });
  }
  try {
    await fn(ctx, remoteId);
  } catch (e) {
    providerFailure(e);
  }
}

export async function performTaskOperation({
  actor,
  taskId,
  op,
}: {
  actor: AuditActor;
  taskId: string;
  op: LifecycleOp;
}): Promise<{ status: TaskStatus }> {
  const task = await loadTask(taskId);
  const { adapter, ctx } = await providerContextFor(task.accountId);
  // The documented state rules are checked before anything is sent: a refused operation costs no request.
  const rule = controlRule(op, task, adapter.capabilities);
  if (!rule.allowed) throw new AppError("INVALID", rule.reason ?? undefined);

  await callProvider(adapter, ctx, op, task.remoteId);

  let status: TaskStatus;
  if (op === "delete") {
    // A deleted task cannot be read back from the provider; its answer to the delete is the truth.
    await getDb().task.update({ where: { id: task.id }, data: { status: "deleted", ...stamp(new Date()) } });
    status = "deleted";
  } else {
    status = await refreshMirror({ adapter, ctx, accountId: task.accountId, taskId: task.id, remoteId: task.remoteId });
  }
  recordAudit({
    actor,
    action: `task.${op}`,
    targetType: "task",
    targetId: task.id,
    before: { status: task.status },
    after: { status },
    note: task.name,
  });
  return { status };
}

export interface BulkRowResult {
  taskId: string;
  ok: boolean;
  status?: TaskStatus;
  error?: LocalizedText;
}

const BULK_UNEXPECTED: LocalizedText = { en: "Failed unexpectedly; it has been logged.", zh: "意外失败，已记录。" };

/** Start or pause many tasks; one task's refusal never stops the others, and each row says what happened. */
export async function bulkTaskOperation({
  actor,
  taskIds,
  op,
}: {
  actor: AuditActor;
  taskIds: string[];
  op: BulkOp;
}): Promise<BulkRowResult[]> {
  const unique = [...new Set(taskIds)].slice(0, BULK_MAX);
  const results: BulkRowResult[] = [];
  // One at a time: providers rate-limit per account, and a burst of writes is the quickest way to hit it.
  for (const taskId of unique) {
    try {
      const { status } = await performTaskOperation({ actor, taskId, op });
      results.push({ taskId, ok: true, status });
    } catch (e) {
      if (e instanceof AppError) results.push({ taskId, ok: false, error: e.userMessage });
      else {
        logger.error({ err: (e as Error).message, taskId, op }, "bulk task operation failed");
        results.push({ taskId, ok: false, error: BULK_UNEXPECTED });
      }
    }
  }
  return results;
}

export const ZTaskSettings = z.object({
  // Bounds (issue 12 point 3); each provider's own, shorter limits are checked against its capabilities.
  name: z.string().trim().min(1).max(500),
  description: z.string().trim().max(5000),
  callTimeGroupId: ZId,
  retryStrategyId: ZId.nullable(),
  params: boundedRecord(z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]), 100),
});
export type TTaskSettings = z.infer<typeof ZTaskSettings>;

/** A missing referenced record becomes an error on the form field that chose it. */
function onField(field: string, message: LocalizedText) {
  return (e: unknown): never => {
    if (e instanceof AppError && e.code === "NOT_FOUND") throw new AppError("INVALID", message, field);
    throw e;
  };
}

function tooLong(what: LocalizedText, max: number, length: number): LocalizedText {
  return { en: `${what.en} can be at most ${max} characters (now ${length}).`, zh: `${what.zh}最多 ${max} 个字符（当前 ${length} 个）。` };
}

/**
 * Edit a task where its provider allows it (NXCloud only while paused or not started, …). The whole
 * setting is re-encoded through the adapter, as at creation, so the group and strategy reach the
 * provider in its own encoding.
 */
export async function updateTaskSettings({
  actor,
  taskId,
  data,
}: {
  actor: AuditActor;
  taskId: string;
  data: TTaskSettings;
}): Promise<{ status: TaskStatus }> {
  const task = await loadTask(taskId);
  const { adapter, ctx } = await providerContextFor(task.accountId);
  const caps = adapter.capabilities;
  const rule = controlRule("update", task, caps);
  if (!rule.allowed || !adapter.updateTask) throw new AppError("INVALID", rule.reason ?? undefined);

  if (data.name.length > caps.limits.nameMaxLength) {
    throw new AppError("INVALID", tooLong({ en: "The name", zh: "名称" }, caps.limits.nameMaxLength, data.name.length), "name");
  }
  if (data.description.length > caps.limits.descriptionMaxLength) {
    throw new AppError(
      "INVALID",
      tooLong({ en: "The description", zh: "描述" }, caps.limits.descriptionMaxLength, data.description.length),
      "description",
    );
  }
  const issues = checkParams(caps, task.taskType, data.params);
  if (issues.length > 0) throw new AppError("INVALID", issues[0].message, `params.${issues[0].key}`);
  const params = paramValuesFrom(paramsForTaskType(caps.params, task.taskType), data.params);

  const group = await getCallTimeGroup(data.callTimeGroupId).catch(
    onField("callTimeGroupId", { en: "That call-time group no longer exists.", zh: "该呼叫时间组已不存在。" }),
  );
  const strategy = data.retryStrategyId
    ? await getRetryStrategy(data.retryStrategyId).catch(
        onField("retryStrategyId", { en: "That retry strategy no longer exists.", zh: "该重试策略已不存在。" }),
      )
    : null;

  const before = await getDb().task.findUniqueOrThrow({
    where: { id: task.id },
    select: { name: true, description: true, callTimeGroupId: true, retryStrategyId: true, params: true },
  });
  const draft: TaskDraft = {
    name: data.name,
    description: data.description,
    taskType: task.taskType,
    callTimeGroup: group,
    retryStrategy: strategy,
    params,
    // Updates are not creates: the key only matters to createTask, so the task's own id is enough.
    idempotencyKey: task.id,
  };
  try {
    await adapter.updateTask(ctx, task.remoteId, draft);
  } catch (e) {
    providerFailure(e);
  }

  // What the provider does not keep (NXCloud has no description; group and strategy are ours) lives in the mirror.
  const local = {
    name: data.name,
    description: data.description,
    callTimeGroupId: group.id,
    retryStrategyId: strategy?.id ?? null,
    params: JSON.stringify(params),
  };
  await getDb().task.update({ where: { id: task.id }, data: local });
  const status = await refreshMirror({ adapter, ctx, accountId: task.accountId, taskId: task.id, remoteId: task.remoteId });
  recordAudit({
    actor,
    action: "task.update",
    targetType: "task",
    targetId: task.id,
    before: { ...before, params: JSON.parse(before.params) as unknown },
    after: { ...local, params },
  });
  return { status };
}

/** A status set here changes both the out-of-order guard and "status since". */
function stamp(at: Date): { statusAt: Date; statusChangedAt: Date } {
  return { statusAt: at, statusChangedAt: at };
}
