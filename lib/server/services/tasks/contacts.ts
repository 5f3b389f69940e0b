// Sending numbers (contacts) to a provider task in the provider's documented batch size. A failed
// batch is reported with the provider's message and the others still go: adding numbers is not
// idempotent on any provider, so a batch is never retried blindly (the user re-imports what failed).
import "server-only";
import type { SendContactsResult } from "../../../contracts/task-write";
import type { TaskStatus } from "../../../domain/task";
import { ProviderError } from "../../../providers/errors";
import type { Contact, ProviderAdapter, ProviderContext } from "../../../providers/types";
import { recordAudit, type AuditActor } from "../../audit";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { providerContextFor } from "../provider-accounts";
import { refreshMirror } from "./lifecycle";
import { controlRule } from "./rules";
import { tasksText } from "./texts";

export async function sendContactsInBatches({
  adapter,
  ctx,
  remoteId,
  contacts,
  onBatch,
}: {
  adapter: ProviderAdapter;
  ctx: ProviderContext;
  remoteId: string;
  contacts: Contact[];
  onBatch?: (done: number, total: number) => void;
}): Promise<SendContactsResult> {
  const add = adapter.addContacts;
  if (!add || !adapter.capabilities.operations.addContacts) {
    throw new AppError("INVALID", tasksText("contacts.notTaken", { provider: adapter.capabilities.label }));
  }
  const size = Math.max(1, adapter.capabilities.limits.contactsBatchSize);
  const batches: Contact[][] = [];
  for (let i = 0; i < contacts.length; i += size) batches.push(contacts.slice(i, i + size));

  const result: SendContactsResult = { accepted: 0, rejected: [], failedBatches: [] };
  for (const [index, batch] of batches.entries()) {
    try {
      const res = await add(ctx, remoteId, batch);
      result.accepted += res.accepted;
      result.rejected.push(...res.rejected);
    } catch (e) {
      if (e instanceof ProviderError) {
        result.failedBatches.push({ index, error: e.userMessage });
      } else {
        logger.error({ err: (e as Error).message, provider: adapter.kind, index }, "contacts batch failed");
        result.failedBatches.push({ index, error: tasksText("contacts.batchUnexpected") });
      }
    }
    onBatch?.(index + 1, batches.length);
  }
  return result;
}

/** "Add numbers" on a task page: checks the provider's rule for the mirrored status before sending anything. */
export async function addContactsToTask({
  actor,
  taskId,
  contacts,
}: {
  actor: AuditActor;
  taskId: string;
  contacts: Contact[];
}): Promise<SendContactsResult> {
  const task = await getDb().task.findUnique({
    where: { id: taskId },
    select: { id: true, accountId: true, remoteId: true, status: true, kind: true, totalOrders: true },
  });
  if (!task) throw new AppError("NOT_FOUND", tasksText("notFound.task"));
  if (contacts.length === 0) throw new AppError("INVALID", tasksText("contacts.noneValid"), "contacts");
  const { adapter, ctx } = await providerContextFor(task.accountId);
  const rule = controlRule("addContacts", { status: task.status as TaskStatus, kind: task.kind }, adapter.capabilities);
  if (!rule.allowed) throw new AppError("INVALID", rule.reason ?? undefined);

  const result = await sendContactsInBatches({ adapter, ctx, remoteId: task.remoteId, contacts });
  // The provider now counts more numbers; its answer, not our arithmetic, updates the mirror.
  await refreshMirror({ adapter, ctx, accountId: task.accountId, taskId: task.id, remoteId: task.remoteId });
  recordAudit({
    actor,
    action: "task.addContacts",
    targetType: "task",
    targetId: task.id,
    after: { sent: contacts.length, accepted: result.accepted, rejected: result.rejected.length, failedBatches: result.failedBatches.length },
  });
  return result;
}
