// The push side of the mirror (docs/design.md "Mirror and sync", issue 5 "Webhooks"): verify, store each event
// in the inbox (WebhookEvent) under its dedupe key, answer fast, apply after the response. Issue 14: the
// account is read once a second, not per delivery (webhook-accounts.ts); deliveries are stored by group
// commit (inbox.ts) and applied in batches, calls of one task together. A re-delivered
// event hits the unique (accountId, dedupeKey) and is acknowledged without being applied again.
// Issue 12: replays are refused (webhook-replay.ts); a verified request that does not parse is kept raw with
// its parse error, never lost, and can be replayed (replayUnparsed); an event whose apply keeps failing is
// marked failed after MAX_APPLY_ATTEMPTS with its reason.
import "server-only";
import { ZodError } from "zod";
import { ProviderError } from "../../providers/errors";
import type { InboundWebhook, ProviderAdapter, ProviderContext, WebhookEvent } from "../../providers/types";
import { getDb } from "../db";
import { isUniqueViolation } from "../errors";
import { logger, redactPhones } from "../logger";
import { failureBody } from "../route-errors";
import { serverText } from "../texts";
import { providerContextFor } from "../services/provider-accounts";
import { upsertImportedCallTimeGroup } from "../services/call-time-groups";
import { recordLedgerCalls } from "../numbers/ledger";
import { recordCalls } from "./calls";
import { recordTaskStats, recordTaskStatus, upsertRemoteTask } from "./upsert";
import { appendToInbox, type InboxDelivery } from "./inbox";
import { webhookAccount } from "./webhook-accounts";
import { bodyHash, deliveryVerdict } from "./webhook-replay";

/** Largest body we read (issue 5: over 1 MB → 413). */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;
/** Inbox rows older than this and still unapplied were lost to a crash (or failed): the scheduler retries them. */
const RECOVER_AFTER_MS = 60_000;
const RECOVER_WITHIN_MS = 24 * 3_600_000;
/** An event that failed this many applies is marked failed with its reason and no longer retried. */
export const MAX_APPLY_ATTEMPTS = 5;
/** Request headers kept with an unparsed request (a re-parse may need them); never cookies or credentials. */
const KEPT_HEADER = /^(content-type|user-agent|createts|requestid|uuid|x-[a-z0-9-]+)$/;

export interface InboundRequest {
  provider: string;
  accountId: string;
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** The callback URL's query (a token some providers' callbacks carry there). */
  query: URLSearchParams;
}

export interface ReceiveOutcome {
  status: 200 | 400 | 401 | 404;
  body: { ok: boolean; received?: number; duplicates?: number; error?: string; kept?: boolean };
}

interface StoredBody {
  event: WebhookEvent;
  raw: string;
}

/** An unparsed request as the inbox keeps it, enough to parse it again later. */
interface StoredRequest {
  raw: string;
  headers: Record<string, string>;
}

function keptHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (v !== undefined && KEPT_HEADER.test(name) && !/token|secret|auth|cookie/.test(name)) out[name] = v.slice(0, 500);
  }
  return out;
}

/** What an error says, bounded and with no phone number in it (it is stored and shown to managers). */
function errorText(e: unknown): string {
  const text =
    e instanceof ZodError
      ? e.issues.slice(0, 5).map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")
      : e instanceof ProviderError
        ? `${e.code}: ${e.providerMessage}`
        : e instanceof Error
          ? e.message
          : String(e);
  return redactPhones(text.slice(0, 2_000)).slice(0, 500);
}

/** JSON dates come back as strings; the event types name every date field …At. */
function reviveDates(key: string, value: unknown): unknown {
  if (typeof value === "string" && key.endsWith("At") && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return new Date(value);
  return value;
}

export async function receiveWebhook(req: InboundRequest): Promise<ReceiveOutcome> {
  const notFound: ReceiveOutcome = { status: 404, body: { ok: false, error: "unknown account" } };
  const provider = await webhookAccount(req.accountId);
  if (!provider) return notFound;
  const { adapter, ctx, account } = provider;
  if (account.kind !== req.provider) return notFound;
  const inbound: InboundWebhook = { headers: req.headers, query: Object.fromEntries(req.query), rawBody: req.rawBody };
  if (!adapter.verifyWebhook(ctx, inbound)) return { status: 401, body: { ok: false, error: "invalid signature" } };
  let delivery: InboxDelivery | null = null;
  if (adapter.webhookDelivery) {
    const named = adapter.webhookDelivery(inbound);
    const verdict = deliveryVerdict(named, new Date());
    if (!verdict.ok) return { status: 401, body: { ok: false, error: verdict.reason } };
    delivery = { id: named!.id, sentAt: named!.sentAt, bodyHash: bodyHash(req.rawBody) };
  }
  let events: WebhookEvent[];
  try {
    events = adapter.parseWebhook(ctx, inbound);
  } catch (e) {
    // The delivery id is recorded first, so a replay of an unreadable request is refused like any other.
    if (!(await appendToInbox({ accountId: req.accountId, delivery, events: [] })).admitted) return REUSED_ID;
    await keepUnparsed(req.accountId, inbound, e);
    return { status: 400, body: { ok: false, error: "malformed body", kept: true } };
  }
  const stored = await storeEvents(req.accountId, delivery, events, req.rawBody);
  if (!stored) return REUSED_ID;
  return { status: 200, body: stored };
}

const REUSED_ID: ReceiveOutcome = { status: 401, body: { ok: false, error: "reused-id" } };

const REPLAY_REFUSALS = new Set(["no-delivery-id", "stale", "reused-id"]);

/**
 * What the sender is answered, by the route handler and the lean path alike: the outcome's body when stored,
 * and a refusal in the route handlers' one error shape (route-errors.ts) otherwise, the inbox's own answer
 * (`ok: false`, the reason such as "stale" or "reused-id", `kept` for a verified body kept unparsed) riding
 * along for the sender.
 */
export function webhookAnswer({ status, body }: ReceiveOutcome): { status: number; body: unknown } {
  if (status === 200) return { status, body };
  const details = { ...body };
  if (status === 401) {
    const replay = body.error !== undefined && REPLAY_REFUSALS.has(body.error);
    return failureBody("UNAUTHORIZED", { message: serverText(replay ? "webhooks.replayed" : "webhooks.unverified"), details });
  }
  if (status === 404) return failureBody("NOT_FOUND", { message: serverText("webhooks.unknownAccount"), details });
  return failureBody("INVALID", { status, message: serverText("webhooks.malformed"), details });
}

/** The answer to a body over WEBHOOK_MAX_BYTES (a missing or lying Content-Length included). */
export function webhookTooLarge(): { status: number; body: unknown } {
  return failureBody("INVALID", { status: 413, message: serverText("webhooks.tooLarge") });
}

/**
 * Inbox rows for parsed events, committed with the delivery's id (inbox.ts); a dedupe key already stored is a
 * re-delivery, acknowledged and not stored. The stored rows are queued to be applied. null: the delivery id
 * was seen with another body.
 */
async function storeEvents(accountId: string, delivery: InboxDelivery | null, events: WebhookEvent[], rawBody: string): Promise<ReceiveOutcome["body"] | null> {
  const verdict = await appendToInbox({
    accountId,
    delivery,
    events: events.map((event) => ({ dedupeKey: event.dedupeKey, body: JSON.stringify({ event, raw: rawBody } satisfies StoredBody) })),
  });
  if (!verdict.admitted) return null;
  const fresh: PendingApply[] = [];
  verdict.rowIds.forEach((rowId, i) => rowId && fresh.push({ rowId, accountId, event: events[i] }));
  queueApplies(fresh);
  return { ok: true, received: events.length, duplicates: events.length - fresh.length };
}

/**
 * A verified request that does not parse (a provider changed its payload, or our parser is wrong) is kept as
 * it came, with its parse error: the Providers page lists it, and replayUnparsed parses it again after an
 * upgrade. The same body kept twice is one row.
 */
async function keepUnparsed(accountId: string, inbound: InboundWebhook, e: unknown): Promise<void> {
  const stored: StoredRequest = { raw: inbound.rawBody, headers: keptHeaders(inbound.headers) };
  const dedupeKey = `unparsed:${bodyHash(inbound.rawBody)}`;
  try {
    await getDb().webhookEvent.create({ data: { accountId, dedupeKey, body: JSON.stringify(stored), unparsed: true, error: errorText(e) } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  logger.warn({ accountId, err: errorText(e) }, "verified webhook kept unparsed");
}

export interface ReplayResult {
  /** Kept requests that now parse. */
  parsed: number;
  /** Kept requests that still do not parse (their error is updated). */
  stillUnparsed: number;
  /** Events stored from the parsed requests (duplicates of events already in the inbox not counted). */
  events: number;
}

/**
 * Parses kept requests again (after an upgrade of a parser): each one that parses becomes inbox events, which
 * are applied, and the kept request is marked applied. `accountId` limits it to one account.
 */
export async function replayUnparsed({ accountId, now = new Date() }: { accountId?: string; now?: Date } = {}): Promise<ReplayResult> {
  const db = getDb();
  const rows = await db.webhookEvent.findMany({
    where: { unparsed: true, appliedAt: null, ...(accountId ? { accountId } : {}) },
    orderBy: { receivedAt: "asc" },
    take: 500,
    select: { id: true, accountId: true, body: true },
  });
  const result: ReplayResult = { parsed: 0, stillUnparsed: 0, events: 0 };
  for (const row of rows) {
    const stored = JSON.parse(row.body) as StoredRequest;
    const { adapter, ctx } = await providerContextFor(row.accountId);
    let events: WebhookEvent[];
    try {
      events = adapter.parseWebhook(ctx, { headers: stored.headers, query: {}, rawBody: stored.raw });
    } catch (e) {
      await db.webhookEvent.update({ where: { id: row.id }, data: { error: errorText(e) } });
      result.stillUnparsed++;
      continue;
    }
    const body = await storeEvents(row.accountId, null, events, stored.raw);
    await db.webhookEvent.update({ where: { id: row.id }, data: { appliedAt: now, error: null } });
    await flushWebhookApplies();
    result.parsed++;
    result.events += (body?.received ?? 0) - (body?.duplicates ?? 0);
  }
  return result;
}

export interface UnparsedWebhook {
  id: string;
  receivedAt: Date;
  error: string;
  bytes: number;
}

/** Kept requests still waiting for a parser, per account (the Providers page). Newest first, a few each. */
export async function listUnparsedWebhooks(perAccount = 5): Promise<Record<string, { total: number; latest: UnparsedWebhook[] }>> {
  const db = getDb();
  const counts = await db.webhookEvent.groupBy({ by: ["accountId"], where: { unparsed: true, appliedAt: null }, _count: { _all: true } });
  const out: Record<string, { total: number; latest: UnparsedWebhook[] }> = {};
  for (const c of counts) {
    const latest = await db.webhookEvent.findMany({
      where: { accountId: c.accountId, unparsed: true, appliedAt: null },
      orderBy: { receivedAt: "desc" },
      take: perAccount,
      select: { id: true, receivedAt: true, error: true, body: true },
    });
    out[c.accountId] = {
      total: c._count._all,
      latest: latest.map((r) => ({ id: r.id, receivedAt: r.receivedAt, error: r.error ?? "", bytes: (JSON.parse(r.body) as StoredRequest).raw.length })),
    };
  }
  return out;
}

/** A stored row waiting to be applied: what applyWebhookBatch takes (also across a thread: see apply-thread.ts). */
export interface PendingApply {
  rowId: string;
  accountId: string;
  event: WebhookEvent;
}

/** Applies one batch of stored rows; in this thread by default, or in the apply thread (useWebhookApplyRunner). */
export type WebhookApplyRunner = (batch: PendingApply[]) => Promise<void>;

/** Rows stored and not yet applied, in arrival order; applied in batches in the background. */
const applyQueue: PendingApply[] = [];
let applying: Promise<void> | null = null;
/** Rows per apply batch: calls of one task in a batch are stored in one transaction. */
const APPLY_BATCH = 50;
/** Applies wait this long after a row is queued, so that under load a batch holds many rows, not one. */
const APPLY_DELAY_MS = 20;
let runBatch: WebhookApplyRunner = applyWebhookBatch;

/**
 * Where batches are applied from now on; null: in this thread again. The lean path (webhook-http.ts) hands them
 * to a thread of their own, so that the applies' database work never holds up the acknowledgements.
 */
export function useWebhookApplyRunner(runner: WebhookApplyRunner | null): void {
  runBatch = runner ?? applyWebhookBatch;
}

function queueApplies(rows: PendingApply[]): void {
  if (rows.length === 0) return;
  applyQueue.push(...rows);
  // After the delivery is answered, and after the rows that arrive meanwhile are queued too.
  applying ??= new Promise<void>((resolve) => setTimeout(resolve, APPLY_DELAY_MS))
    .then(drainApplies)
    .catch((e: unknown) => logger.error({ err: errorText(e) }, "webhook applies failed"))
    .finally(() => (applying = null));
}

async function drainApplies(): Promise<void> {
  while (applyQueue.length > 0) await runBatch(applyQueue.splice(0, APPLY_BATCH));
}

/**
 * One batch: events other than calls one by one, in order (a task created before its calls); calls grouped by
 * task, each group stored with one recordCalls and marked applied together. A group that fails falls back to
 * row by row, where each row's failure is counted (MAX_APPLY_ATTEMPTS). A crash between storing the calls and
 * marking the rows leaves them to the recovery pass, which finds the calls stored and counts nothing twice.
 */
export async function applyWebhookBatch(batch: PendingApply[]): Promise<void> {
  const calls = new Map<string, PendingApply[]>();
  for (const row of batch) {
    if (row.event.type !== "call") {
      await applyInboxEvent(row.rowId);
      continue;
    }
    const key = `${row.accountId}\n${row.event.remoteTaskId}`;
    calls.set(key, [...(calls.get(key) ?? []), row]);
  }
  for (const rows of calls.values()) {
    const { accountId, event } = rows[0];
    try {
      const provider = await webhookAccount(accountId);
      if (!provider || event.type !== "call") throw new Error("account gone");
      const taskId = await mirroredTaskId(accountId, event.remoteTaskId, provider.adapter, provider.ctx);
      const records = rows.flatMap((r) => (r.event.type === "call" ? [r.event.call] : []));
      await recordCalls(taskId, records);
      await recordLedgerCalls(taskId, records);
      await getDb().webhookEvent.updateMany({
        where: { id: { in: rows.map((r) => r.rowId) }, appliedAt: null },
        data: { appliedAt: new Date(), error: null, attempts: { increment: 1 } },
      });
    } catch {
      for (const r of rows) await applyInboxEvent(r.rowId);
    }
  }
}

/** Waits until every stored row queued in this process is applied (tests, benchmarks, shutdown). */
export async function flushWebhookApplies(): Promise<void> {
  while (applying) await applying;
}

async function mirroredTaskId(accountId: string, remoteTaskId: string, adapter: ProviderAdapter, ctx: ProviderContext): Promise<string> {
  const task = await getDb().task.findUnique({ where: { accountId_remoteId: { accountId, remoteId: remoteTaskId } }, select: { id: true } });
  if (task) return task.id;
  // An event about a task the mirror has not synced yet: fetch it rather than drop the event.
  const remote = await adapter.getTask(ctx, remoteTaskId);
  return (await upsertRemoteTask(accountId, remote, { source: "listing" })).id;
}

/**
 * A provider clock ahead of ours (real skew, or a simulator dialing in accelerated time) must not stamp the
 * mirror in our future: a later direct read would then look "older" and could never correct it. An event is
 * never later than the moment we apply it.
 */
function notInFuture(at: Date, now = new Date()): Date {
  return at.getTime() > now.getTime() ? now : at;
}

/**
 * A "task deleted" callback is confirmed with the provider where it can be (issue 12 point 2): a task the
 * provider still returns, not deleted, was not deleted, whoever sent the callback. When the provider cannot be
 * asked (unreachable, or it answers with an error for a deleted task), the deletion is applied; a later
 * listing that shows the task again restores it (upsert.ts).
 */
async function providerStillHas(adapter: ProviderAdapter, ctx: ProviderContext, remoteTaskId: string): Promise<boolean> {
  try {
    return (await adapter.getTask(ctx, remoteTaskId)).status !== "deleted";
  } catch {
    return false;
  }
}

async function applyEvent(accountId: string, kind: string, event: WebhookEvent, adapter: ProviderAdapter, ctx: ProviderContext): Promise<void> {
  switch (event.type) {
    case "task-status": {
      const taskId = await mirroredTaskId(accountId, event.remoteTaskId, adapter, ctx);
      await recordTaskStatus(taskId, event.status, event.rawStatus, notInFuture(event.occurredAt));
      if (event.stats) await recordTaskStats(taskId, event.stats);
      return;
    }
    case "call": {
      const taskId = await mirroredTaskId(accountId, event.remoteTaskId, adapter, ctx);
      await recordCalls(taskId, [event.call]);
      await recordLedgerCalls(taskId, [event.call]);
      return;
    }
    case "task-created": {
      // Seed 000: a created task's time_range groups become call-time groups (matched, not duplicated).
      const groupIds: string[] = [];
      for (const [i, group] of event.timeGroups.entries()) {
        groupIds.push(await upsertImportedCallTimeGroup(group, `${kind}:${accountId}:${event.remoteTaskId}:${i}`));
      }
      await upsertRemoteTask(accountId, event.task, { at: notInFuture(event.occurredAt), link: groupIds.length ? { callTimeGroupId: groupIds[0] } : undefined });
      return;
    }
    case "task-deleted": {
      const task = await getDb().task.findUnique({ where: { accountId_remoteId: { accountId, remoteId: event.remoteTaskId } }, select: { id: true } });
      if (!task) return;
      if (await providerStillHas(adapter, ctx, event.remoteTaskId)) {
        logger.warn({ accountId, taskId: task.id }, "task-deleted callback refused: the provider still has the task");
        return;
      }
      await recordTaskStatus(task.id, "deleted", "deleted", notInFuture(event.occurredAt));
      return;
    }
  }
}

/**
 * Applies one inbox row and marks it applied, or records why it could not be. The scheduler retries a failed
 * row; after MAX_APPLY_ATTEMPTS it is marked failed (failedAt) with the reason and left alone.
 */
export async function applyInboxEvent(rowId: string, now = new Date()): Promise<boolean> {
  const db = getDb();
  const row = await db.webhookEvent.findUnique({
    where: { id: rowId },
    select: { accountId: true, body: true, appliedAt: true, failedAt: true, unparsed: true, attempts: true, account: { select: { kind: true } } },
  });
  if (!row || row.appliedAt || row.failedAt || row.unparsed) return false;
  try {
    const { event } = JSON.parse(row.body, reviveDates) as StoredBody;
    const { adapter, ctx } = await providerContextFor(row.accountId);
    await applyEvent(row.accountId, row.account.kind, event, adapter, ctx);
    await db.webhookEvent.update({ where: { id: rowId }, data: { appliedAt: now, error: null, attempts: { increment: 1 } } });
    return true;
  } catch (e) {
    const reason = errorText(e);
    const gaveUp = row.attempts + 1 >= MAX_APPLY_ATTEMPTS;
    logger.warn({ rowId, attempt: row.attempts + 1, gaveUp, err: reason }, gaveUp ? "webhook event failed for good" : "webhook event not applied");
    await db.webhookEvent.update({ where: { id: rowId }, data: { error: reason, attempts: { increment: 1 }, ...(gaveUp ? { failedAt: now } : {}) } });
    return false;
  }
}

/**
 * Applied inbox rows are kept a week, then dropped by the scheduler: at a dialler's rates the inbox would
 * otherwise grow by millions of rows a day, each with its request's body. What a row still does after it is
 * applied is dedupe a re-delivery; a provider re-sends within minutes, and one older than the replay window is
 * refused before the inbox anyway (webhook-replay.ts). Should one come later still, applying it again counts
 * nothing twice: calls are unique per task (calls.ts), a task's status only moves forward (upsert.ts).
 * Unapplied rows (a crash's leftovers, failed ones, requests kept unparsed) are never dropped here.
 */
export const INBOX_KEEP_MS = 7 * 24 * 3_600_000;
/**
 * Rows deleted per statement, and statements per pass: a bounded cost per pass, and on SQLite the write lock is
 * given back between statements, so the inbox's commits go on meanwhile (one long DELETE would hold them up).
 */
const PRUNE_BATCH = 5_000;
const PRUNE_BATCHES_PER_PASS = 20;

/** Drops inbox rows applied more than INBOX_KEEP_MS before `now`; returns how many. */
export async function pruneAppliedInbox(now: Date): Promise<number> {
  const db = getDb();
  const appliedBefore = new Date(now.getTime() - INBOX_KEEP_MS);
  let pruned = 0;
  for (let i = 0; i < PRUNE_BATCHES_PER_PASS; i++) {
    const rows = await db.webhookEvent.findMany({ where: { appliedAt: { lt: appliedBefore } }, select: { id: true }, take: PRUNE_BATCH });
    if (rows.length > 0) pruned += (await db.webhookEvent.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })).count;
    if (rows.length < PRUNE_BATCH) break;
  }
  return pruned;
}

/** Crash recovery: rows stored but never applied (or that failed fewer than MAX_APPLY_ATTEMPTS times) within the last day. */
export async function applyPendingInbox(now = new Date(), limit = 500): Promise<number> {
  const rows = await getDb().webhookEvent.findMany({
    where: {
      appliedAt: null,
      failedAt: null,
      unparsed: false,
      receivedAt: { lt: new Date(now.getTime() - RECOVER_AFTER_MS), gt: new Date(now.getTime() - RECOVER_WITHIN_MS) },
    },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let applied = 0;
  for (const r of rows) if (await applyInboxEvent(r.id, now)) applied++;
  return applied;
}
