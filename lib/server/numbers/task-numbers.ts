// What the task numbers page needs besides the ledger: the task, whether numbers may be added to it now,
// and the send in progress.
import "server-only";
import type { TaskStatus } from "../../domain/task";
import { getDb } from "../db";
import { AppError } from "../errors";
import { providerContextFor } from "../services/provider-accounts";
import { controlRule } from "../services/tasks/rules";
import { ACTIVE_STATES } from "./jobs";
import { numbersText } from "./text";

export async function taskForNumbers(taskId: string): Promise<{ id: string; name: string; canAdd: boolean; batchSize: number }> {
  const task = await getDb().task.findUnique({ where: { id: taskId }, select: { id: true, name: true, accountId: true, status: true, kind: true } });
  if (!task) throw new AppError("NOT_FOUND", numbersText("errors.taskNotFound"));
  const { adapter } = await providerContextFor(task.accountId);
  const rule = controlRule("addContacts", { status: task.status as TaskStatus, kind: task.kind }, adapter.capabilities);
  return { id: task.id, name: task.name, canAdd: rule.allowed && Boolean(adapter.addContacts), batchSize: adapter.capabilities.limits.contactsBatchSize };
}

export async function activeSendOf(taskId: string): Promise<string | null> {
  const job = await getDb().job.findFirst({ where: { taskId, kind: "send", state: { in: ACTIVE_STATES } }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return job?.id ?? null;
}
