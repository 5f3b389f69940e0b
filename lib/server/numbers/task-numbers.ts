// What the task numbers page needs besides the ledger: the task, whether numbers may be added to it now,
// and the send in progress (or the one the wizard just started, finished or not).
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

/**
 * The send to follow on the numbers tab: `shownJobId` when it is a send of this task (the wizard's result links
 * to the send it started, which may be done by the time the tab opens), else the send in progress.
 */
export async function activeSendOf(taskId: string, shownJobId?: string): Promise<string | null> {
  const db = getDb();
  const shown = shownJobId ? await db.job.findFirst({ where: { id: shownJobId, taskId, kind: "send" }, select: { id: true } }) : null;
  if (shown) return shown.id;
  const job = await db.job.findFirst({ where: { taskId, kind: "send", state: { in: ACTIVE_STATES } }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return job?.id ?? null;
}
