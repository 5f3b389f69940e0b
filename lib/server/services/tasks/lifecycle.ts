// Start, pause, complete, delete and edit a task. docs/design.md "Mirror and sync": the provider is the
// source of truth for remote state, so every write goes to the provider first and the mirror is then
// refreshed from the provider's answer, never from what we expected it to say.
import "server-only";
import type { TTaskSettings } from "../../../contracts/task-write";
import type { TaskStatus } from "../../../domain/task";
import type { LocalizedText } from "../../../domain/text";
import { ProviderError } from "../../../providers/errors";
import type { ProviderAdapter, ProviderContext } from "../../../providers/types";
import { recordAudit, recordAuditNow, type AuditActor } from "../../audit";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { syncTask } from "../../mirror/sync";
import { providerContextFor } from "../provider-accounts";
import { controlRule } from "./rules";
import { tasksText } from "./texts";
import { loadTask, prepareTaskWrite, providerWriteError, writable } from "./write";

export type LifecycleOp = "start" | "pause" | "complete" | "delete";
export const LIFECYCLE_OPS = ["start", "pause", "complete", "delete"] as const;
export const BULK_OPS = ["start", "pause"] as const;
export type BulkOp = (typeof BULK_OPS)[number];
/** One request never touches more tasks than a list page holds. */
export const BULK_MAX = 100;

function providerFailure(e: unknown): never {
  if (e instanceof ProviderError) throw new AppError("PROVIDER", e.userMessage, e.field);
  throw e;
}

/**
 * Re-reads the task from the provider through the sync path (its row and its stats) and upserts the mirror
 * with the answer: after a pause the figures are the provider's from after it. A failure here comes after the
 * provider already accepted the change, so it is logged and the next sync catches up instead of telling the
 * user an operation failed that did not.
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
    // As a listing: the provider's current state by our clock, so a status stamped by a provider clock ahead of
    // ours (the accelerated simulators, a skewed host) cannot keep the mirror from showing what we just did.
    await syncTask({ accountId, adapter, ctx, remoteId });
  } catch (e) {
    logger.warn({ err: (e as Error).message, taskId, provider: adapter.kind }, "mirror refresh after a write failed");
  }
  const row = await getDb().task.findUniqueOrThrow({ where: { id: taskId }, select: { status: true } });
  return row.status as TaskStatus;
}

async function callProvider(adapter: ProviderAdapter, ctx: ProviderContext, op: LifecycleOp, remoteId: string): Promise<void> {
  const fn = { start: adapter.startTask, pause: adapter.pauseTask, complete: adapter.completeTask, delete: adapter.deleteTask }[op];
  if (!fn) throw new AppError("INVALID", tasksText("rules.noOperation", { provider: adapter.capabilities.label, operation: tasksText(`operation.${op}`) }));
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
  const entry = { actor, action: `task.${op}`, targetType: "task", targetId: task.id, before: { status: task.status }, after: { status }, note: task.name };
  // A start or pause is read back at once (who paused decides what the task page says it waits for): it is
  // written before the answer. The others are history only.
  if (op === "start" || op === "pause") await recordAuditNow(entry);
  else recordAudit(entry);
  return { status };
}

export interface BulkRowResult {
  taskId: string;
  ok: boolean;
  status?: TaskStatus;
  error?: LocalizedText;
}

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
        results.push({ taskId, ok: false, error: tasksText("bulk.unexpected") });
      }
    }
  }
  return results;
}

/**
 * Edit a task where its provider allows it (NXCloud only while paused or not started, …). The whole setting
 * goes through the task-write pipeline, as at creation: the same limits and parameter checks, the group and
 * strategy re-encoded in the provider's own encoding, and the same confirmation when the provider cannot keep
 * every rule of the call-time group.
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
  const { adapter, ctx, task, draft } = writable(await prepareTaskWrite({ task: taskId, input: data, acceptLosses: data.acceptLosses }));
  const { id, accountId, remoteId } = task!;
  const before = await getDb().task.findUniqueOrThrow({
    where: { id },
    select: { name: true, description: true, callTimeGroupId: true, retryStrategyId: true, params: true },
  });
  await adapter.updateTask!(ctx, remoteId, draft).catch((e: unknown) => {
    throw providerWriteError(e);
  });

  // What the provider does not keep (NXCloud has no description; group and strategy are ours) lives in the mirror.
  const local = {
    name: draft.name,
    description: draft.description,
    callTimeGroupId: draft.callTimeGroup.id,
    retryStrategyId: draft.retryStrategy?.id ?? null,
    params: JSON.stringify(draft.params),
  };
  await getDb().task.update({ where: { id }, data: local });
  const status = await refreshMirror({ adapter, ctx, accountId, taskId: id, remoteId });
  recordAudit({
    actor,
    action: "task.update",
    targetType: "task",
    targetId: id,
    before: { ...before, params: JSON.parse(before.params) as unknown },
    after: { ...local, params: draft.params },
  });
  return { status };
}

/** A status set here changes both the out-of-order guard and "status since". */
function stamp(at: Date): { statusAt: Date; statusChangedAt: Date } {
  return { statusAt: at, statusChangedAt: at };
}
