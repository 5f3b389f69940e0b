// The pull side of the mirror (docs/design.md "Mirror and sync", issue 5 "Mirror"): per provider account, list
// the remote tasks page by page, upsert them, store a snapshot per task, and mark what vanished — but only
// after a COMPLETE listing: a failed or partial run never marks anything gone.
import "server-only";
import { ProviderError } from "../../providers/errors";
import type { Page, ProviderAdapter, ProviderContext, RemoteTask } from "../../providers/types";
import { AfterResponse } from "../after-response";
import { recordAudit, type AuditActor } from "../audit";
import { isPostgres } from "../config";
import { getDb } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";
import { serverText } from "../texts";
import { providerContextFor } from "../services/provider-accounts";
import { startAccountLedger } from "../numbers/ledger-sync";
import { openNewRowsWriter, type NewRowsWriter } from "../new-rows-writer";
import { leaseOwner, withLease } from "./lease";
import { upsertRemoteTasks, type UpsertResult } from "./upsert";

export type SyncTrigger = "manual" | "schedule";

export interface SyncResult {
  runId: string;
  status: "ok" | "error" | "skipped";
  seen: number;
  created: number;
  updated: number;
  gone: number;
  error?: string;
}

export interface SyncRunView {
  id: string;
  accountId: string;
  trigger: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  seen: number;
  created: number;
  updated: number;
  gone: number;
  error: string | null;
  /** Tasks the provider says it has (or, before it says, how many the mirror holds); null when unknown. */
  expected: number | null;
}

/** Long enough for a slow page plus its retries; renewed after every page. */
const LEASE_TTL_MS = 120_000;
/** Attempts per page on top of the client's own retries (it already retries 429/5xx/timeouts). */
const PAGE_ATTEMPTS = 3;
const GONE_CHUNK = 500;
const RUN_LOOKUPS = 10;
const RUN_LOOKUP_GAP_MS = 100;
/**
 * The run's progress row and the lease are written at most this often, not after every page: each is a
 * round trip the listing waits for (issue 14 goal 2). Well within LEASE_TTL_MS; the progress bar polls
 * about as often.
 */
const PROGRESS_EVERY_MS = 1_000;
/**
 * Pages whose upsert transactions run at once. On PostgreSQL every statement is a round trip to another
 * process, so a page's transaction mostly waits: a few pages in flight (each on its own pooled connection;
 * pages hold different tasks, and a task two pages share is a create race upsert.ts already resolves) keep the
 * writes up with the listing. SQLite has one writer: more would only queue.
 */
const PG_WRITES_IN_FLIGHT = 4;
const writesInFlight = () => (isPostgres() ? PG_WRITES_IN_FLIGHT : 1);

export const syncLeaseName = (accountId: string) => `sync:${accountId}`;

/** Provider totals of runs in progress in this process, for the progress bar. */
const expectedByRun = new Map<string, number>();
/** Syncs started by "Sync now" run on after the action answered. */
const backgroundSyncs = new AfterResponse("background sync");

async function withRetries<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const retryable = !(e instanceof ProviderError) || e.retryable;
      if (!retryable || attempt >= PAGE_ATTEMPTS) throw e;
    }
  }
}

async function withStats(adapter: ProviderAdapter, ctx: ProviderContext, items: RemoteTask[]): Promise<RemoteTask[]> {
  const out: RemoteTask[] = [];
  for (const task of items) {
    out.push(task.stats ? task : { ...task, stats: await withRetries(() => adapter.getStats(ctx, task.remoteId)) });
  }
  return out;
}

/**
 * One task through the sync path: the provider's row, its stats fetched as a listing page's are (where the row
 * carries none), upserted as a listing. After a write (a pause), so the mirror's figures are the provider's from
 * after it, not the last sync's (issue 15 point 2). Throws what the provider throws.
 */
export async function syncTask({
  accountId,
  adapter,
  ctx,
  remoteId,
}: {
  accountId: string;
  adapter: ProviderAdapter;
  ctx: ProviderContext;
  remoteId: string;
}): Promise<void> {
  const at = new Date();
  const remote = await adapter.getTask(ctx, remoteId);
  await upsertRemoteTasks(accountId, await withStats(adapter, ctx, [remote]), { at, source: "listing" });
}

/** A listing page as fetched: `at` is when it was asked for (our clock), `items` carry their stats. */
interface FetchedPage {
  at: Date;
  page: Page<RemoteTask>;
  items: RemoteTask[];
}

const INTERRUPTED = JSON.stringify({ message: serverText("sync.interrupted") });

function describeError(e: unknown): string {
  if (e instanceof ProviderError) return JSON.stringify({ code: e.code, message: e.userMessage });
  return JSON.stringify({ message: serverText("sync.unexpected") });
}

/** Marks tasks of the account that a complete listing did not contain (created before the run started). */
async function markGone(accountId: string, seen: Set<string>, startedAt: Date, now: Date): Promise<number> {
  const db = getDb();
  const candidates = await db.task.findMany({
    where: { accountId, goneAt: null, createdAt: { lt: startedAt } },
    select: { id: true, remoteId: true },
  });
  const gone = candidates.filter((t) => !seen.has(t.remoteId)).map((t) => t.id);
  let count = 0;
  for (let i = 0; i < gone.length; i += GONE_CHUNK) {
    const res = await db.task.updateMany({ where: { id: { in: gone.slice(i, i + GONE_CHUNK) }, goneAt: null }, data: { goneAt: now } });
    count += res.count;
  }
  return count;
}

interface RunHooks {
  /** Called once the run row exists (or the run was skipped), before any provider call. */
  onStart?: (runId: string) => void;
}

async function runSync(accountId: string, trigger: SyncTrigger, owner: string, hooks: RunHooks): Promise<SyncResult> {
  const db = getDb();
  const result = await withLease(syncLeaseName(accountId), owner, LEASE_TTL_MS, async (renew) => {
    // Holding the lease means no other run of this account is alive: a "running" row left is a crashed run.
    await db.syncRun.updateMany({ where: { accountId, status: "running" }, data: { status: "error", finishedAt: new Date(), error: INTERRUPTED } });
    const run = await db.syncRun.create({ data: { accountId, trigger, status: "running" }, select: { id: true, startedAt: true } });
    hooks.onStart?.(run.id);
    const counts = { seen: 0, created: 0, updated: 0, gone: 0, pages: 0 };
    const progress = () => ({ pages: counts.pages, seen: counts.seen, created: counts.created, updated: counts.updated });
    let progressAt = performance.now();
    const seen = new Set<string>();
    let writer: NewRowsWriter | undefined;
    try {
      const { adapter, ctx } = await providerContextFor(accountId);
      const fetchPage = (cursor: string | null): Promise<FetchedPage> => {
        const at = new Date();
        const fetched = (async () => {
          const page = await withRetries(() => adapter.listTasks(ctx, cursor));
          return { at, page, items: await withStats(adapter, ctx, page.items) };
        })();
        // Awaited in the loop below; when the run fails first, nobody is left to hear this one fail.
        fetched.catch(() => undefined);
        return fetched;
      };
      // A first sync (the mirror holds no task of the account) inserts its pages without looking up tasks
      // that cannot be there yet (issue 14 goal 2); a task a webhook created meanwhile still goes the usual way.
      const firstSync = (await db.task.findFirst({ where: { accountId }, select: { id: true } })) === null;
      // Its pages go in on a connection of our own, outside Prisma (new-rows-writer.ts says why).
      if (firstSync) writer = openNewRowsWriter({ connections: writesInFlight() });
      let total: number | null = null;
      // The per-number ledger from the provider's number and call listings, where it offers them: it follows
      // the mirror's live tasks from now on and the listing's as their pages are written, so its provider
      // requests overlap the listing (issue 14 goal 2).
      const ledger = await startAccountLedger({ accountId, adapter, ctx });
      // Pages written but not yet counted, oldest first. The count follows each write in order, and so do the
      // progress row and the lease renewal, at most every PROGRESS_EVERY_MS.
      const writes: { upserted: Promise<UpsertResult[]>; items: RemoteTask[] }[] = [];
      const settleOldest = async () => {
        const { upserted, items } = writes.shift()!;
        const statusOf = new Map(items.map((t) => [t.remoteId, t.status]));
        const results = await upserted;
        for (const u of results) {
          seen.add(u.remoteId);
          if (u.created) counts.created++;
          else if (u.changed) counts.updated++;
        }
        ledger.offer(results.map((u) => ({ id: u.id, remoteId: u.remoteId, status: statusOf.get(u.remoteId) ?? "" })));
        counts.seen = seen.size;
        counts.pages++;
        if (performance.now() - progressAt < PROGRESS_EVERY_MS) return;
        progressAt = performance.now();
        const [, renewed] = await Promise.all([db.syncRun.update({ where: { id: run.id }, data: progress() }), renew()]);
        if (!renewed) throw new Error("sync lease lost");
      };
      try {
        let next: Promise<FetchedPage> | null = fetchPage(null);
        while (next) {
          const { at: fetchAt, page, items }: FetchedPage = await next;
          // The next page is on its way while this one is written (issue 14 goal 2): a full sync then takes about
          // as long as the listing itself instead of the listing plus every page's writes.
          next = page.nextCursor ? fetchPage(page.nextCursor) : null;
          if (page.total !== null) {
            total = page.total;
            expectedByRun.set(run.id, total);
          }
          const upserted = upsertRemoteTasks(accountId, items, { at: fetchAt, source: "listing", expectNew: firstSync, writer });
          upserted.catch(() => undefined);
          writes.push({ upserted, items });
          if (writes.length >= writesInFlight()) await settleOldest();
        }
        while (writes.length) await settleOldest();
        // Offset paging over a list that changed meanwhile can skip a task; then this listing is not complete
        // enough to call anything gone. The next run will see it.
        if (total === null || seen.size >= total) counts.gone = await markGone(accountId, seen, run.startedAt, new Date());
        await ledger.finish();
      } catch (e) {
        // Nothing of this run goes on after it has ended.
        await Promise.allSettled([...writes.map((w) => w.upserted), ledger.stop()]);
        throw e;
      }
      await db.syncRun.update({ where: { id: run.id }, data: { ...progress(), status: "ok", finishedAt: new Date(), gone: counts.gone } });
      return { runId: run.id, status: "ok" as const, seen: counts.seen, created: counts.created, updated: counts.updated, gone: counts.gone };
    } catch (e) {
      const error = describeError(e);
      logger.warn({ accountId, runId: run.id, err: (e as Error).message }, "sync failed");
      await db.syncRun.update({ where: { id: run.id }, data: { ...progress(), status: "error", finishedAt: new Date(), error } });
      return { runId: run.id, status: "error" as const, seen: counts.seen, created: counts.created, updated: counts.updated, gone: 0, error };
    } finally {
      expectedByRun.delete(run.id);
      await writer?.close();
    }
  });
  if (result) return result;
  // Another owner is syncing this account: point at its run, so "Sync now" shows that run's progress. The
  // owner records its run just after taking the lease, so give it a moment to appear.
  let running: { id: string } | null = null;
  for (let i = 0; i < RUN_LOOKUPS && !running; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, RUN_LOOKUP_GAP_MS));
    running = await db.syncRun.findFirst({ where: { accountId, status: "running" }, orderBy: { startedAt: "desc" }, select: { id: true } });
  }
  const runId =
    running?.id ??
    (await db.syncRun.create({ data: { accountId, trigger, status: "skipped", finishedAt: new Date() }, select: { id: true } })).id;
  hooks.onStart?.(runId);
  return { runId, status: "skipped", seen: 0, created: 0, updated: 0, gone: 0 };
}

/** One full sync of one account, under the lease `sync:<accountId>` ("skipped" when another owner holds it). */
export async function syncAccount(accountId: string, opts: { trigger?: SyncTrigger; owner?: string } = {}): Promise<SyncResult> {
  return runSync(accountId, opts.trigger ?? "manual", opts.owner ?? leaseOwner(), {});
}

/** "Sync now": returns the run id as soon as the run is recorded; the sync continues in the background. */
export async function startSync(accountId: string, trigger: SyncTrigger): Promise<{ runId: string }> {
  let started!: (runId: string) => void;
  const startedPromise = new Promise<string>((resolve) => (started = resolve));
  const done = backgroundSyncs.track(runSync(accountId, trigger, leaseOwner(), { onStart: started }));
  // A failure before the run row exists (database down) surfaces here instead of hanging the caller.
  const runId = await Promise.race([startedPromise, done.then((r) => r.runId)]);
  return { runId };
}

/** Waits for background syncs started by startSync (tests, shutdown). */
export const flushBackgroundSyncs = (): Promise<void> => backgroundSyncs.flush();

export async function getSyncRun(runId: string): Promise<SyncRunView | null> {
  const db = getDb();
  const run = await db.syncRun.findUnique({
    where: { id: runId },
    select: { id: true, accountId: true, trigger: true, status: true, startedAt: true, finishedAt: true, pages: true, seen: true, created: true, updated: true, gone: true, error: true },
  });
  if (!run) return null;
  let expected: number | null = expectedByRun.get(run.id) ?? null;
  if (expected === null && run.status === "running") {
    // The run may be in another instance: the mirror's own count is the best estimate it has.
    const mirrored = await db.task.count({ where: { accountId: run.accountId, goneAt: null } });
    expected = mirrored > 0 ? mirrored : null;
  }
  if (run.status !== "running") expected = run.seen;
  return { ...run, expected };
}

/** Every enabled account, one after the other (each under its own lease). */
export async function syncAllAccounts(trigger: SyncTrigger): Promise<SyncResult[]> {
  const accounts = await getDb().providerAccount.findMany({ where: { enabled: true }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const results: SyncResult[] = [];
  for (const a of accounts) {
    try {
      results.push(await syncAccount(a.id, { trigger }));
    } catch (e) {
      logger.error({ accountId: a.id, err: (e as Error).message }, "sync of account failed");
    }
  }
  return results;
}

/**
 * "Sync now" for one account, or for every enabled account when none is named. Returns each run id at once;
 * the page follows the runs' progress.
 */
export async function requestSync({ actor, accountId }: { actor: AuditActor; accountId?: string }): Promise<{ accountId: string; runId: string }[]> {
  const db = getDb();
  const accounts = accountId
    ? await db.providerAccount.findMany({ where: { id: accountId }, select: { id: true, name: true, enabled: true } })
    : await db.providerAccount.findMany({ where: { enabled: true }, select: { id: true, name: true, enabled: true }, orderBy: { createdAt: "asc" } });
  if (accountId && accounts.length === 0) throw new AppError("NOT_FOUND");
  const disabled = accounts.find((a) => !a.enabled);
  if (disabled) throw new AppError("INVALID", serverText("sync.accountDisabled"));
  const runs: { accountId: string; runId: string }[] = [];
  for (const a of accounts) {
    const { runId } = await startSync(a.id, "manual");
    runs.push({ accountId: a.id, runId });
    recordAudit({ actor, action: "sync.start", targetType: "providerAccount", targetId: a.id, after: { name: a.name, runId } });
  }
  return runs;
}
