// The push side of the mirror (DESIGN.md "Mirror and sync", issue 5 "Webhooks"): verify, store each event
// in the inbox (WebhookEvent) under its dedupe key, answer fast, apply after the response. A re-delivered
// event hits the unique (accountId, dedupeKey) and is acknowledged without being applied again.
import "server-only";
import { after } from "next/server";
import { ProviderError } from "../../providers/errors";
import type { InboundWebhook, ProviderAdapter, ProviderContext, WebhookEvent } from "../../providers/types";
import { getDb } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { logger } from "../logger";
import { providerContextFor } from "../services/provider-accounts";
import { upsertImportedCallTimeGroup } from "../services/call-time-groups";
import { recordLedgerCalls } from "../numbers/ledger";
import { recordCalls } from "./calls";
import { recordTaskStats, recordTaskStatus, upsertRemoteTask } from "./upsert";

/** Largest body we read (issue 5: over 1 MB → 413). */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;
/** Yunfu cannot sign callbacks (providers.md §1); our token may ride on the callback URL instead. */
const YUNFU_TOKEN_HEADER = "x-dialboard-token";
/** Inbox rows older than this and still unapplied were lost to a crash (or failed): the scheduler retries them. */
const RECOVER_AFTER_MS = 60_000;
const RECOVER_WITHIN_MS = 24 * 3_600_000;

export interface InboundRequest {
  provider: string;
  accountId: string;
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** The callback URL's query (Yunfu's ?token=). */
  query: URLSearchParams;
}

export interface ReceiveOutcome {
  status: 200 | 400 | 401 | 404;
  body: { ok: boolean; received?: number; duplicates?: number; error?: string };
  /** Inbox rows stored by this delivery, to apply after the response. */
  toApply: string[];
}

interface StoredBody {
  event: WebhookEvent;
  raw: string;
}

/** JSON dates come back as strings; the event types name every date field …At. */
function reviveDates(key: string, value: unknown): unknown {
  if (typeof value === "string" && key.endsWith("At") && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return new Date(value);
  return value;
}

export async function receiveWebhook(req: InboundRequest): Promise<ReceiveOutcome> {
  const db = getDb();
  const notFound: ReceiveOutcome = { status: 404, body: { ok: false, error: "unknown account" }, toApply: [] };
  let provider: Awaited<ReturnType<typeof providerContextFor>>;
  try {
    provider = await providerContextFor(req.accountId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return notFound;
    throw e;
  }
  const { adapter, ctx, account } = provider;
  if (account.kind !== req.provider) return notFound;
  const headers = { ...req.headers };
  const token = req.query.get("token");
  if (account.kind === "yunfu" && token && !headers[YUNFU_TOKEN_HEADER]) headers[YUNFU_TOKEN_HEADER] = token;
  const inbound: InboundWebhook = { headers, query: Object.fromEntries(req.query), rawBody: req.rawBody };
  if (!adapter.verifyWebhook(ctx, inbound)) return { status: 401, body: { ok: false, error: "invalid signature" }, toApply: [] };
  let events: WebhookEvent[];
  try {
    events = adapter.parseWebhook(ctx, inbound);
  } catch {
    return { status: 400, body: { ok: false, error: "malformed body" }, toApply: [] };
  }
  const toApply: string[] = [];
  let duplicates = 0;
  for (const event of events) {
    const stored: StoredBody = { event, raw: req.rawBody };
    try {
      const row = await db.webhookEvent.create({ data: { accountId: req.accountId, dedupeKey: event.dedupeKey, body: JSON.stringify(stored) }, select: { id: true } });
      toApply.push(row.id);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      duplicates++;
    }
  }
  return { status: 200, body: { ok: true, received: events.length, duplicates }, toApply };
}

const pending = new Set<Promise<void>>();

/** Applies stored rows after the response (next/server after()); outside a request, in the background. */
export function applyAfterResponse(rowIds: string[]): void {
  if (rowIds.length === 0) return;
  const run = () => {
    const p = (async () => {
      for (const id of rowIds) await applyInboxEvent(id);
    })().finally(() => pending.delete(p));
    pending.add(p);
    return p;
  };
  try {
    after(run);
  } catch {
    void run();
  }
}

/** Waits for applies in flight (tests, benchmarks, shutdown). */
export async function flushWebhookApplies(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
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
      if (task) await recordTaskStatus(task.id, "deleted", "deleted", notInFuture(event.occurredAt));
      return;
    }
  }
}

function errorText(e: unknown): string {
  if (e instanceof ProviderError) return `${e.code}: ${e.providerMessage}`.slice(0, 500);
  return (e instanceof Error ? e.message : String(e)).slice(0, 500);
}

/** Applies one inbox row and marks it applied, or records why it could not be (retried by the scheduler). */
export async function applyInboxEvent(rowId: string): Promise<boolean> {
  const db = getDb();
  const row = await db.webhookEvent.findUnique({ where: { id: rowId }, select: { accountId: true, body: true, appliedAt: true, account: { select: { kind: true } } } });
  if (!row || row.appliedAt) return false;
  try {
    const { event } = JSON.parse(row.body, reviveDates) as StoredBody;
    const { adapter, ctx } = await providerContextFor(row.accountId);
    await applyEvent(row.accountId, row.account.kind, event, adapter, ctx);
    await db.webhookEvent.update({ where: { id: rowId }, data: { appliedAt: new Date(), error: null } });
    return true;
  } catch (e) {
    logger.warn({ rowId, err: errorText(e) }, "webhook event not applied");
    await db.webhookEvent.update({ where: { id: rowId }, data: { error: errorText(e) } });
    return false;
  }
}

/** Crash recovery: rows stored but never applied (or that failed) within the last day. */
export async function applyPendingInbox(now = new Date(), limit = 500): Promise<number> {
  const rows = await getDb().webhookEvent.findMany({
    where: {
      appliedAt: null,
      receivedAt: { lt: new Date(now.getTime() - RECOVER_AFTER_MS), gt: new Date(now.getTime() - RECOVER_WITHIN_MS) },
    },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let applied = 0;
  for (const r of rows) if (await applyInboxEvent(r.id)) applied++;
  return applied;
}
