// Creating a task from the wizard (/tasks/new): the task-write pipeline checks everything the form sent
// (write.ts), the provider creates the task once per idempotency key, the mirror records it with its local
// links, and its numbers go out in the provider's batch size: pasted numbers here, a contact list through the
// durable send job (the one path of "add numbers from a list", lib/server/numbers/send-job.ts).
import "server-only";
import { ZTaskWizardInput, type TaskCreationResult, type TaskPreview, type TTaskPreviewInput, type TTaskWizardRequest } from "../../../contracts/task-write";
import type { Contact } from "../../../providers/types";
import { recordAudit, type AuditActor } from "../../audit";
import { AppError } from "../../errors";
import { claimIdempotencyKey, recordIdempotencyKey, releaseIdempotencyKey } from "../../idempotency";
import { upsertRemoteTask } from "../../mirror/upsert";
import { startSend } from "../../numbers/send-job";
import { sendSummary } from "../../numbers/send-summary";
import { sendContactsInBatches } from "./contacts";
import { refreshMirror } from "./lifecycle";
import { tasksText } from "./texts";
import { prepareTaskWrite, providerWriteError, writable, type TaskWriteInput } from "./write";

const writeInput = (input: TTaskPreviewInput): TaskWriteInput => ({
  taskType: input.taskType,
  name: input.name,
  description: input.description,
  callTimeGroupId: input.callTimeGroupId,
  retryStrategyId: input.retryStrategyId,
  params: input.params,
});

/** Exactly what would be sent, and every problem on its field, without sending anything. */
export async function previewTaskCreation(input: TTaskPreviewInput): Promise<TaskPreview> {
  const { preview } = await prepareTaskWrite({ account: input.accountId, input: writeInput(input), acceptLosses: input.acceptLosses });
  return preview;
}

// ---------------------------------------------------------------------------------------------
// Idempotency: the wizard's key claims one IdempotencyKey row (lib/server/idempotency.ts).

const SCOPE = "task-create";
/** Long enough for a create plus 10 000 numbers in batches; an older unfinished claim is a crashed attempt. */
const CLAIM_MS = 10 * 60_000;
/** How long a finished key answers with its task: far beyond any retry or double click. */
const KEEP_MS = 7 * 24 * 3600_000;
const WAIT_FOR_OTHER_MS = 30_000;

/** Claims the key, or answers with what an earlier submit of the same key produced. */
async function claim(key: string): Promise<TaskCreationResult | null> {
  const outcome = await claimIdempotencyKey<TaskCreationResult>({ scope: SCOPE, key, pendingMs: CLAIM_MS, waitMs: WAIT_FOR_OTHER_MS });
  switch (outcome.status) {
    case "claimed":
      return null;
    case "done":
      return outcome.result;
    case "interrupted":
      // The task exists: a resubmit must not create it again; its numbers are added on its page.
      throw new AppError("CONFLICT", tasksText("create.numbersInterrupted"), "contacts");
    case "busy":
      throw new AppError("CONFLICT", tasksText("create.stillRunning"));
  }
}

function duplicateContact(contacts: Contact[]): AppError | null {
  const seen = new Set<string>();
  for (const contact of contacts) {
    if (seen.has(contact.phone)) return new AppError("INVALID", tasksText("write.duplicateContact", { phone: contact.phone }), "contacts");
    seen.add(contact.phone);
  }
  return null;
}

/** A list chosen on the numbers step: it exists and sends something (like a paste with no valid number, a list that would send nothing makes no task). */
async function checkList({ listId, accountId, contacts }: { listId: string; accountId: string; contacts: Contact[] }): Promise<void> {
  if (contacts.length > 0) throw new AppError("INVALID", tasksText("write.listAndContacts"), "listId");
  const summary = await sendSummary({ accountId, listId });
  if (summary.willSend === 0) {
    throw new AppError("INVALID", tasksText("write.listNothingToSend", { total: summary.total, dnc: summary.dnc, cap: summary.cap }), "listId");
  }
}

/**
 * Checks the wizard's input through the pipeline, creates the task at the provider (once per idempotency
 * key), mirrors it with its local links and sends the numbers in the provider's batch size, or starts the
 * send job of the chosen list.
 */
export async function createTaskFromWizard({ actor, input }: { actor: AuditActor; input: TTaskWizardRequest }): Promise<TaskCreationResult> {
  const parsed = ZTaskWizardInput.parse(input);
  const key = parsed.idempotencyKey;
  const earlier = await claim(key);
  if (earlier) return earlier;

  let taskId: string | null = null;
  try {
    const { adapter, ctx, accountId, draft, preview } = writable(
      await prepareTaskWrite({ account: parsed.accountId, input: writeInput(parsed), acceptLosses: parsed.acceptLosses, idempotencyKey: key }),
    );
    const duplicate = duplicateContact(parsed.contacts);
    if (duplicate) throw duplicate;
    if (parsed.contacts.length === 0 && parsed.contactRows > 0) {
      throw new AppError("INVALID", tasksText("write.noValidNumbers", { rows: parsed.contactRows }), "contacts");
    }
    if (parsed.listId) await checkList({ listId: parsed.listId, accountId, contacts: parsed.contacts });
    const remote = await adapter.createTask!(ctx, draft).catch((e: unknown) => {
      throw providerWriteError(e);
    });
    const mirrored = await upsertRemoteTask(accountId, remote, {
      link: { callTimeGroupId: draft.callTimeGroup.id, retryStrategyId: draft.retryStrategy?.id ?? null, params: draft.params, description: draft.description },
    });
    taskId = mirrored.id;
    await recordIdempotencyKey({ scope: SCOPE, key, state: "applied", result: { taskId }, ttlMs: CLAIM_MS });

    const contacts = parsed.contacts.length > 0 ? await sendContactsInBatches({ adapter, ctx, remoteId: remote.remoteId, contacts: parsed.contacts }) : null;
    // The provider now counts the numbers; its answer, not our arithmetic, updates the mirror.
    if (contacts) await refreshMirror({ adapter, ctx, accountId, taskId, remoteId: remote.remoteId });
    // Recorded under the key below, so a resubmit answers with this job instead of starting a second one.
    const listSend = parsed.listId ? await startSend({ actor, listId: parsed.listId, taskId }) : null;
    const result: TaskCreationResult = { taskId, contacts: contacts ?? { accepted: 0, rejected: [], failedBatches: [] }, listSend };
    await recordIdempotencyKey({ scope: SCOPE, key, state: "done", result, ttlMs: KEEP_MS });
    recordAudit({
      actor,
      action: "task.create",
      targetType: "task",
      targetId: taskId,
      after: {
        accountId,
        remoteId: remote.remoteId,
        name: draft.name,
        taskType: draft.taskType,
        callTimeGroupId: draft.callTimeGroup.id,
        retryStrategyId: draft.retryStrategy?.id ?? null,
        acceptedLosses: preview.callTimeGroup?.losses.map((loss) => loss.en) ?? [],
        retryLosses: preview.retryStrategy?.losses.map((loss) => loss.en) ?? [],
        params: draft.params,
        listId: parsed.listId,
        contacts: {
          sent: parsed.contacts.length,
          accepted: result.contacts.accepted,
          rejected: result.contacts.rejected.length,
          failedBatches: result.contacts.failedBatches.length,
        },
      },
    });
    return result;
  } catch (e) {
    // Nothing was created: free the key so the corrected form can be sent again with it. Created but the
    // numbers failed: a resubmit must not create again, it is told to add the numbers instead.
    if (taskId === null) await releaseIdempotencyKey(SCOPE, key);
    else await recordIdempotencyKey({ scope: SCOPE, key, state: "interrupted", result: { taskId }, ttlMs: KEEP_MS });
    throw e;
  }
}
