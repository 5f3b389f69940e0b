// The one pipeline every task write goes through (docs/design.md "Writing tasks: one pipeline"): the wizard's
// preview, its create, and the edit of an existing task. It resolves the adapter and its context, checks the
// input against the provider's capabilities (limits after trimming, parameters and their cross-field rules),
// encodes the call-time group and retry strategy with what the provider loses of them, and demands the loss
// confirmation. Every problem comes back on the form field it belongs to; a provider's refusal becomes an
// error on the field the adapter named (ProviderError.field).
import "server-only";
import type { TaskPreview, TaskWriteIssue } from "../../../contracts/task-write";
import type { CallTimeGroup } from "../../../domain/call-time-group";
import type { RetryStrategy } from "../../../domain/retry-strategy";
import type { TaskStatus } from "../../../domain/task";
import { ProviderError } from "../../../providers/errors";
import { checkParams, paramsForTaskType, paramValuesFrom } from "../../../providers/param-values";
import type { ProviderAdapter, ProviderContext, TaskDraft } from "../../../providers/types";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { getCallTimeGroup } from "../call-time-groups";
import { providerContextFor } from "../provider-accounts";
import { getRetryStrategy } from "../retry-strategies";
import { controlRule } from "./rules";
import { tasksText } from "./texts";

/** What a write sends, from the wizard or the settings form. */
export interface TaskWriteInput {
  /** Create only: an edit keeps the task's type. */
  taskType?: string;
  name: string;
  description: string;
  callTimeGroupId: string;
  retryStrategyId: string | null;
  params: Record<string, string | number | boolean | null>;
}

/** A new task on an account, or an existing task (its account, remote id and type come from the mirror). */
export type TaskWriteTarget = { account: string } | { task: string };

export interface MirroredTask {
  id: string;
  accountId: string;
  remoteId: string;
  name: string;
  status: TaskStatus;
  kind: string;
  taskType: string;
}

/** What the adapter receives, with the ids of the local group and strategy it was made from. */
export type WriteDraft = TaskDraft & { callTimeGroup: CallTimeGroup & { id: string }; retryStrategy: (RetryStrategy & { id: string }) | null };

export interface PreparedTaskWrite {
  adapter: ProviderAdapter;
  ctx: ProviderContext;
  accountId: string;
  /** The mirrored task an edit writes to; null for a create. */
  task: MirroredTask | null;
  /** Null while preview.issues lists a problem: nothing may be sent (see writable()). */
  draft: WriteDraft | null;
  preview: TaskPreview;
}

/** Whether Dialboard creates tasks on this provider (WShoto's are read-only here). */
export const canCreate = (adapter: ProviderAdapter) => adapter.capabilities.operations.create && typeof adapter.createTask === "function";

const TASK_SELECT = { id: true, accountId: true, remoteId: true, name: true, status: true, kind: true, taskType: true } as const;

export async function loadTask(taskId: string): Promise<MirroredTask> {
  const task = await getDb().task.findUnique({ where: { id: taskId }, select: TASK_SELECT });
  if (!task) throw new AppError("NOT_FOUND", tasksText("notFound.task"));
  return { ...task, status: task.status as TaskStatus };
}

/** A referenced record that is gone becomes an error on the field that chose it. */
function onField(field: string, message: ReturnType<typeof tasksText>) {
  return (e: unknown): never => {
    if (e instanceof AppError && e.code === "NOT_FOUND") throw new AppError("INVALID", message, field);
    throw e;
  };
}

async function resolveTarget(target: TaskWriteTarget, taskType: string | undefined) {
  if ("task" in target) {
    const task = await loadTask(target.task);
    const { adapter, ctx } = await providerContextFor(task.accountId);
    const rule = controlRule("update", task, adapter.capabilities);
    if (!rule.allowed || !adapter.updateTask) throw new AppError("INVALID", rule.reason ?? undefined);
    return { adapter, ctx, accountId: task.accountId, task, taskType: task.taskType };
  }
  const { adapter, ctx, account } = await providerContextFor(target.account).catch(onField("accountId", tasksText("notFound.account")));
  if (!account.enabled) throw new AppError("INVALID", tasksText("write.accountDisabled"), "accountId");
  if (!canCreate(adapter)) throw new AppError("INVALID", tasksText("write.readOnlyProvider"), "accountId");
  if (!taskType || !adapter.capabilities.taskTypes.some((type) => type.value === taskType)) {
    throw new AppError("INVALID", tasksText("write.noTaskType"), "taskType");
  }
  return { adapter, ctx, accountId: account.id, task: null, taskType };
}

function basicsIssues(name: string, description: string, limits: { nameMaxLength: number; descriptionMaxLength: number }): TaskWriteIssue[] {
  const issues: TaskWriteIssue[] = [];
  if (name === "") issues.push({ field: "name", message: tasksText("write.nameRequired") });
  else if (name.length > limits.nameMaxLength) {
    issues.push({ field: "name", message: tasksText("write.tooLong", { max: limits.nameMaxLength, count: name.length }) });
  }
  if (description.length > limits.descriptionMaxLength) {
    issues.push({ field: "description", message: tasksText("write.tooLong", { max: limits.descriptionMaxLength, count: description.length }) });
  }
  return issues;
}

/**
 * Resolves and checks one task write without sending anything. Problems of the input (name, limits,
 * parameters, an unconfirmed lossy group) are listed in preview.issues, each on its field; a target or a
 * chosen group or strategy that does not exist (or may not be written) throws an AppError on its field.
 *
 * The loss rule is the wizard's, for create and edit alike: a call-time group the provider cannot express
 * exactly needs acceptLosses; a retry strategy's losses are shown but do not block (most strategies lose
 * something on every provider).
 */
export async function prepareTaskWrite(
  opts: TaskWriteTarget & { input: TaskWriteInput; acceptLosses: boolean; idempotencyKey?: string },
): Promise<PreparedTaskWrite> {
  const { input } = opts;
  const { adapter, ctx, accountId, task, taskType } = await resolveTarget(opts, input.taskType);
  const caps = adapter.capabilities;
  const group = input.callTimeGroupId
    ? await getCallTimeGroup(input.callTimeGroupId).catch(onField("callTimeGroupId", tasksText("notFound.group")))
    : null;
  const strategy = input.retryStrategyId
    ? await getRetryStrategy(input.retryStrategyId).catch(onField("retryStrategyId", tasksText("notFound.strategy")))
    : null;
  const encodedGroup = group ? adapter.encodeCallTimeGroup(group, ctx) : null;
  const encodedStrategy = strategy ? adapter.encodeRetryStrategy(strategy) : null;

  const name = input.name.trim();
  const description = input.description.trim();
  const issues = basicsIssues(name, description, caps.limits);
  if (!encodedGroup) issues.push({ field: "callTimeGroupId", message: tasksText("write.groupRequired") });
  else if (encodedGroup.losses.length > 0 && !opts.acceptLosses) issues.push({ field: "acceptLosses", message: tasksText("write.acceptLosses") });
  const paramIssues = checkParams(caps, taskType, input.params);
  issues.push(...paramIssues.map((issue) => ({ field: `params.${issue.key}`, message: issue.message })));
  const params = paramIssues.length === 0 ? paramValuesFrom(paramsForTaskType(caps.params, taskType), input.params) : {};

  const draft: WriteDraft | null =
    group && issues.length === 0
      ? {
          name,
          description,
          taskType,
          callTimeGroup: group,
          retryStrategy: strategy,
          params,
          // Updates are not creates: the key only matters to createTask, so an edit's is the task's own id.
          idempotencyKey: opts.idempotencyKey ?? task?.id ?? "",
        }
      : null;
  return {
    adapter,
    ctx,
    accountId,
    task,
    draft,
    preview: {
      callTimeGroup: group && encodedGroup ? { id: group.id, name: group.name, value: encodedGroup.value, losses: encodedGroup.losses } : null,
      retryStrategy:
        strategy && encodedStrategy ? { id: strategy.id, name: strategy.name, value: encodedStrategy.value, losses: encodedStrategy.losses } : null,
      params,
      issues,
    },
  };
}

/** The prepared write, when nothing is wrong with it; else the first problem as an error on its field. */
export function writable(prepared: PreparedTaskWrite): PreparedTaskWrite & { draft: WriteDraft } {
  const [issue] = prepared.preview.issues;
  if (issue || !prepared.draft) throw new AppError("INVALID", issue?.message, issue?.field);
  return { ...prepared, draft: prepared.draft };
}

/** A provider's refusal of a write, with its code, on the form field the adapter says it is about. */
export function providerWriteError(e: unknown): unknown {
  if (!(e instanceof ProviderError)) return e;
  return new AppError(
    "PROVIDER",
    tasksText("write.providerRefused", { message: e.userMessage, provider: e.provider, code: e.code }),
    e.field,
  );
}
