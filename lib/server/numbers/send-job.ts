// Sending a list's numbers to a task (issue 13 point 3) as a durable job: in the provider's batch size, with
// per-batch progress, resumable. A batch is recorded in the ledger ("queued", with its job and batch number)
// and in the cursor BEFORE it is sent; if its answer is lost (ProviderError.mayHaveApplied) or the process
// dies, the batch is reconciled against the provider's own number listing and only what did not land is sent
// — never twice. A provider that cannot list numbers gets nothing re-sent: those numbers are reported as
// uncertain, for the user to check.
import "server-only";
import type { TaskStatus } from "../../domain/task";
import { mayHaveApplied } from "../../providers/create-once";
import { ProviderError } from "../../providers/errors";
import type { Contact, ProviderAdapter, ProviderContext } from "../../providers/types";
import { getDb } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { logger } from "../logger";
import { upsertRemoteTask } from "../mirror/upsert";
import { recordAudit, type AuditActor } from "../audit";
import { controlRule } from "../services/tasks/rules";
import { addCounts, JobMovedError, RetryLaterError } from "./bulk";
import { getCapRule } from "./caps";
import { defaultContextFor, type ContextFor } from "./context";
import { ACTIVE_STATES, finishJob, kickJobs, type JobControl, type JobRow } from "./jobs";
import { screenNumbers } from "./screen";
import { numbersText } from "./text";

export interface SendParams {
  listId: string;
  taskId: string;
  accountId: string;
  remoteId: string;
  batchSize: number;
}

export interface SendCursor {
  /** Last contact seq taken into a batch. */
  seq: number;
  /** Batches taken so far. */
  batch: number;
  /** A batch recorded but not confirmed sent (reconciled before anything else). */
  inflight?: number;
}

/** Whole batches refused in a row before the send gives up (the task was deleted, the account disabled…). */
const MAX_FAILED_BATCHES = 3;
/** Pages of the provider's number listing read to reconcile one batch. */
const RECONCILE_PAGES = 10_000;

let contextForOverride: ContextFor | null = null;
/** Tests stand in a stub adapter here (the job runner takes no arguments). */
export function useContextForSends(fn: ContextFor | null): void {
  contextForOverride = fn;
}

function parseCursor(text: string): SendCursor {
  const c = JSON.parse(text) as Partial<SendCursor>;
  return { seq: c.seq ?? 0, batch: c.batch ?? 0, ...(c.inflight ? { inflight: c.inflight } : {}) };
}

export async function startSend({ actor, listId, taskId, contextFor = defaultContextFor }: { actor: AuditActor; listId: string; taskId: string; contextFor?: ContextFor }): Promise<{ jobId: string }> {
  const db = getDb();
  const [task, list] = await Promise.all([
    db.task.findUnique({ where: { id: taskId }, select: { id: true, accountId: true, remoteId: true, status: true, kind: true, name: true } }),
    db.contactList.findUnique({ where: { id: listId }, select: { id: true, size: true, name: true } }),
  ]);
  if (!task) throw new AppError("NOT_FOUND", numbersText("errors.taskNotFound"));
  if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"));
  if (list.size === 0) throw new AppError("INVALID", numbersText("errors.listEmpty"), "listId");
  const { adapter } = await contextFor(task.accountId);
  if (!adapter.addContacts || !adapter.capabilities.operations.addContacts) {
    throw new AppError("INVALID", { en: numbersText("errors.noAddContacts", { provider: adapter.capabilities.label.en }).en, zh: numbersText("errors.noAddContacts", { provider: adapter.capabilities.label.zh }).zh });
  }
  const rule = controlRule("addContacts", { status: task.status as TaskStatus, kind: task.kind }, adapter.capabilities);
  if (!rule.allowed) throw new AppError("INVALID", rule.reason ?? numbersText("errors.taskStatus"));
  const params: SendParams = { listId, taskId, accountId: task.accountId, remoteId: task.remoteId, batchSize: Math.max(1, adapter.capabilities.limits.contactsBatchSize) };
  const jobId = await db.$transaction(async (tx) => {
    // Locks the task row (PostgreSQL) so two sends to one task cannot start together.
    await tx.task.update({ where: { id: taskId }, data: { updatedAt: new Date() } });
    if ((await tx.job.count({ where: { taskId, kind: "send", state: { in: ACTIVE_STATES } } })) > 0) throw new AppError("CONFLICT", numbersText("errors.sendRunning"));
    const job = await tx.job.create({
      data: { kind: "send", params: JSON.stringify(params), listId, taskId, unitsTotal: list.size, createdById: actor.id, createdByEmail: actor.email },
      select: { id: true },
    });
    return job.id;
  });
  recordAudit({ actor, action: "task.sendList", targetType: "task", targetId: taskId, after: { jobId, listId, list: list.name, numbers: list.size } });
  kickJobs();
  return { jobId };
}

interface Run {
  job: JobRow;
  params: SendParams;
  adapter: ProviderAdapter;
  ctx: ProviderContext;
  cursorText: string;
  counts: Record<string, number>;
}

export async function runSendJob(job: JobRow, control: JobControl): Promise<void> {
  const params = JSON.parse(job.params) as SendParams;
  const { adapter, ctx } = await (contextForOverride ?? defaultContextFor)(params.accountId);
  const run: Run = { job, params, adapter, ctx, cursorText: job.cursor, counts: JSON.parse(job.problemCounts) as Record<string, number> };
  const db = getDb();
  const rule = await getCapRule();
  const startCursor = parseCursor(run.cursorText);
  if (startCursor.inflight) await reconcile(run, startCursor.inflight);
  let failedInARow = 0;
  for (;;) {
    const cursor = parseCursor(run.cursorText);
    const rows = await db.contact.findMany({
      where: { listId: params.listId, seq: { gt: cursor.seq } },
      orderBy: { seq: "asc" },
      take: params.batchSize,
      select: { seq: true, phone: true, name: true, variables: true },
    });
    if (rows.length === 0) break;
    const now = new Date();
    const skipped = await screenNumbers({ taskId: params.taskId, accountId: params.accountId, phones: rows.map((r) => r.phone), rule, now });
    const toSend = rows.filter((r) => !skipped.has(r.phone));
    const batchNo = cursor.batch + 1;
    const problems = rows
      .filter((r) => skipped.has(r.phone))
      .map((r) => ({ jobId: job.id, row: r.seq, phone: r.phone, reason: skipped.get(r.phone)!.reason, detail: JSON.stringify(skipped.get(r.phone)!.detail) }));
    // Phase A: the batch is in the ledger and in the cursor before a single number leaves.
    await commit(run, { seq: rows[rows.length - 1].seq, batch: batchNo, ...(toSend.length ? { inflight: batchNo } : {}) }, async (tx) => {
      for (const r of rows) {
        const skip = skipped.get(r.phone);
        if (skip?.reason === "in-task") continue;
        const data = skip
          ? { state: "skipped", reason: skip.reason, sendJobId: job.id, batchNo }
          : { state: "queued", reason: null, sendJobId: job.id, batchNo };
        await tx.taskNumber.upsert({ where: { taskId_phone: { taskId: params.taskId, phone: r.phone } }, create: { taskId: params.taskId, phone: r.phone, ...data }, update: data });
      }
      if (problems.length) await tx.jobProblem.createMany({ data: problems });
      return { processed: rows.length, problems };
    });
    if (toSend.length) {
      const listVariables = await variablesOf(params.listId);
      const ok = await sendBatch(run, batchNo, toSend.map((r) => toContact(r, listVariables)));
      failedInARow = ok ? 0 : failedInARow + 1;
      if (failedInARow >= MAX_FAILED_BATCHES) {
        await db.job.updateMany({ where: { id: job.id, state: "running" }, data: { state: "failed", finishedAt: new Date(), error: JSON.stringify({ message: numbersText("errors.jobFailed") }) } });
        return;
      }
    }
    if (!(await control.renew())) throw new JobMovedError();
    if (await control.cancelRequested()) {
      await finishJob(job.id, "cancelled");
      return;
    }
  }
  await finishJob(job.id, "done");
  await refreshTask(run);
}

async function variablesOf(listId: string): Promise<string[]> {
  const list = await getDb().contactList.findUnique({ where: { id: listId }, select: { variables: true } });
  return list ? (JSON.parse(list.variables) as string[]) : [];
}

function toContact(r: { phone: string; name: string; variables: string }, names: string[]): Contact {
  const values = r.variables ? (JSON.parse(r.variables) as string[]) : [];
  return { phone: r.phone, name: r.name, variables: Object.fromEntries(names.map((n, i) => [n, values[i] ?? ""])) };
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

/** Moves the cursor (only from the one this runner last saw) together with the ledger and problem rows. */
async function commit(
  run: Run,
  next: SendCursor,
  work: (tx: Tx) => Promise<{ processed?: number; stored?: number; problems: { reason: string }[] }>,
): Promise<void> {
  const nextText = JSON.stringify(next);
  await getDb().$transaction(async (tx) => {
    const res = await work(tx);
    const counts = { ...run.counts };
    addCounts(counts, res.problems);
    const moved = await tx.job.updateMany({
      where: { id: run.job.id, cursor: run.cursorText, state: "running" },
      data: {
        cursor: nextText,
        processed: { increment: res.processed ?? 0 },
        unitsDone: { increment: res.processed ?? 0 },
        stored: { increment: res.stored ?? 0 },
        problems: { increment: res.problems.length },
        problemCounts: JSON.stringify(counts),
      },
    });
    if (moved.count !== 1) throw new JobMovedError();
    run.counts = counts;
  });
  run.cursorText = nextText;
}

/** Sends one recorded batch; false when the provider refused it whole. */
async function sendBatch(run: Run, batchNo: number, contacts: Contact[]): Promise<boolean> {
  const { adapter, ctx, params } = run;
  try {
    const res = await adapter.addContacts!(ctx, params.remoteId, contacts);
    await settle(run, batchNo, contacts.map((c) => c.phone), res.rejected, res.accepted);
    return true;
  } catch (e) {
    // Anything but a provider's plain refusal leaves us not knowing whether the batch landed.
    if (mayHaveApplied(e) || !(e instanceof ProviderError)) {
      if (!(e instanceof ProviderError)) logger.error({ jobId: run.job.id, batchNo, err: (e as Error).message }, "send batch failed unexpectedly");
      await reconcile(run, batchNo);
      return true;
    }
    await markBatch(run, batchNo, "batch-failed", { batch: batchNo, reason: e.userMessage.en, reasonZh: e.userMessage.zh });
    return false;
  }
}

/** The provider answered: accepted numbers are "sent", refused ones skipped with its reason. */
async function settle(run: Run, batchNo: number, phones: string[], rejected: { phone: string; reason: { en: string; zh: string } }[], accepted: number): Promise<void> {
  const { params, job } = run;
  const refused = new Map(rejected.map((r) => [r.phone, r.reason]));
  const seqs = await seqsOf(params.listId, [...refused.keys()]);
  await commit(run, { ...parseCursor(run.cursorText), inflight: undefined }, async (tx) => {
    const sent = phones.filter((p) => !refused.has(p));
    if (sent.length) await tx.taskNumber.updateMany({ where: { taskId: params.taskId, phone: { in: sent }, sendJobId: job.id, batchNo }, data: { state: "sent" } });
    const problems = [...refused].map(([phone, reason]) => ({ jobId: job.id, row: seqs.get(phone) ?? 0, phone, reason: "provider-rejected", detail: JSON.stringify({ reason: reason.en, reasonZh: reason.zh }) }));
    if (problems.length) {
      await tx.taskNumber.updateMany({ where: { taskId: params.taskId, phone: { in: [...refused.keys()] }, sendJobId: job.id, batchNo }, data: { state: "skipped", reason: "provider-rejected" } });
      await tx.jobProblem.createMany({ data: problems.filter((p) => p.row > 0) });
    }
    return { stored: accepted, problems };
  });
}

/** Every still-queued number of the batch gets `reason` (whole-batch refusal, or an unverifiable send). */
async function markBatch(run: Run, batchNo: number, reason: "batch-failed" | "uncertain", detail: Record<string, string | number>): Promise<void> {
  const { params, job } = run;
  const queued = await getDb().taskNumber.findMany({ where: { sendJobId: job.id, batchNo, state: "queued" }, select: { phone: true } });
  const seqs = await seqsOf(params.listId, queued.map((q) => q.phone));
  await commit(run, { ...parseCursor(run.cursorText), inflight: undefined }, async (tx) => {
    const phones = queued.map((q) => q.phone);
    if (reason === "batch-failed") await tx.taskNumber.updateMany({ where: { taskId: params.taskId, phone: { in: phones }, sendJobId: job.id, batchNo }, data: { state: "skipped", reason } });
    else await tx.taskNumber.updateMany({ where: { taskId: params.taskId, phone: { in: phones }, sendJobId: job.id, batchNo }, data: { reason } });
    const problems = phones.map((phone) => ({ jobId: job.id, row: seqs.get(phone) ?? 0, phone, reason, detail: JSON.stringify(detail) }));
    try {
      await tx.jobProblem.createMany({ data: problems.filter((p) => p.row > 0) });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return { problems };
  });
}

/**
 * A batch whose answer was lost: what landed is found in the provider's listing of the task's numbers and
 * marked sent; what did not is sent once more (it is certainly not there). Without a listing nothing is
 * re-sent.
 */
async function reconcile(run: Run, batchNo: number): Promise<void> {
  const { adapter, ctx, params, job } = run;
  const queued = await getDb().taskNumber.findMany({ where: { sendJobId: job.id, batchNo, state: "queued" }, select: { phone: true } });
  const phones = queued.map((q) => q.phone);
  if (phones.length === 0) {
    await commit(run, { ...parseCursor(run.cursorText), inflight: undefined }, async () => ({ problems: [] }));
    return;
  }
  if (!adapter.capabilities.numberOps.list || !adapter.listNumbers) {
    await markBatch(run, batchNo, "uncertain", { batch: batchNo });
    return;
  }
  const wanted = new Set(phones);
  const landed = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < RECONCILE_PAGES && landed.size < wanted.size; page++) {
    const res = await adapter.listNumbers(ctx, params.remoteId, cursor);
    for (const n of res.items) if (wanted.has(n.phone)) landed.add(n.phone);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  const missing = phones.filter((p) => !landed.has(p));
  if (missing.length === 0) {
    await settle(run, batchNo, phones, [], phones.length);
    return;
  }
  const listVariables = await variablesOf(params.listId);
  const contacts = await getDb().contact.findMany({ where: { listId: params.listId, phone: { in: missing } }, select: { phone: true, name: true, variables: true } });
  try {
    const res = await adapter.addContacts!(ctx, params.remoteId, contacts.map((c) => toContact(c, listVariables)));
    await settle(run, batchNo, phones, res.rejected, landed.size + res.accepted);
  } catch (e) {
    // Lost twice: the job stays running and the next claim reconciles the batch again from the listing.
    if (mayHaveApplied(e)) throw new RetryLaterError();
    const reason = e instanceof ProviderError ? e.userMessage : numbersText("errors.jobFailed");
    await getDb().taskNumber.updateMany({ where: { taskId: params.taskId, phone: { in: [...landed] }, sendJobId: job.id, batchNo }, data: { state: "sent" } });
    await markBatch(run, batchNo, "batch-failed", { batch: batchNo, reason: reason.en, reasonZh: reason.zh });
  }
}

async function seqsOf(listId: string, phones: string[]): Promise<Map<string, number>> {
  if (phones.length === 0) return new Map();
  const rows = await getDb().contact.findMany({ where: { listId, phone: { in: phones } }, select: { phone: true, seq: true } });
  return new Map(rows.map((r) => [r.phone, r.seq]));
}

/** The provider now counts more numbers: its answer, not our arithmetic, updates the mirror (best effort). */
async function refreshTask(run: Run): Promise<void> {
  try {
    const remote = await run.adapter.getTask(run.ctx, run.params.remoteId);
    await upsertRemoteTask(run.params.accountId, remote, { source: "listing" });
  } catch (e) {
    logger.warn({ jobId: run.job.id, err: (e as Error).message }, "task refresh after send failed");
  }
}
