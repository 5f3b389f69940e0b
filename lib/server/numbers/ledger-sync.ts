// The sync step of the ledger (issue 13 point 5), written against the number-level operations of the
// provider interface (listNumbers / listCalls, capabilities.numberOps): a call webhook the provider gave up on
// is recovered from the listings. Bounded per task and per run; what was read is kept.
import "server-only";
import { ProviderError } from "../../providers/errors";
import type { ProviderAdapter, ProviderContext, RemoteNumber } from "../../providers/types";
import { insertRows } from "../bulk-insert";
import { getDb } from "../db";
import { logger } from "../logger";
import { recordCalls } from "../mirror/calls";
import { recordLedgerCalls, stateFromRemote, type LedgerState } from "./ledger";

/** Pages read per task per sync; the next sync reads again from the start (listings have no stable cursor). */
export const LEDGER_PAGES_PER_TASK = 20;
/** The tasks a sync follows: live ones, this many at most per run, this many at once (bench/sync.bench.ts fetches the same). */
export const LEDGER_LIVE_STATUSES: readonly string[] = ["pending", "running", "paused"];
export const LEDGER_TASKS_PER_RUN = 50;
export const LEDGER_TASKS_IN_FLIGHT = 4;

export interface LedgerSyncResult {
  tasks: number;
  numbers: number;
  calls: number;
  errors: number;
}

/** Which of two listings of one phone says what happens to it now: a live order (dialling before queued), else the later call. */
function laterOf(a: RemoteNumber, b: RemoteNumber): RemoteNumber {
  const live = (n: RemoteNumber) => (n.state === "dialling" ? 2 : n.state === "queued" ? 1 : 0);
  if (live(a) !== live(b)) return live(a) > live(b) ? a : b;
  return (a.lastCallAt?.getTime() ?? -Infinity) > (b.lastCallAt?.getTime() ?? -Infinity) ? a : b;
}

/**
 * One row per phone from a listing page: a page may list a phone more than once (NXCloud lists one order per
 * send of the number, docs/providers/nxcloud.md §3; a repeated order in sims and bench data), and the ledger has
 * one row per (task, phone). The state and order are those of the order still being dialled or, when none is, of
 * the latest call; the last outcome is the latest call's; attempts add up over distinct orders (the same order
 * listed twice counts once).
 */
function onePerPhone(items: readonly RemoteNumber[]): RemoteNumber[] {
  const byPhone = new Map<string, { merged: RemoteNumber; attemptsByOrder: Map<string, number> }>();
  items.forEach((n, i) => {
    const order = n.orderId ?? `#${i}`;
    const seen = byPhone.get(n.phone);
    if (!seen) {
      byPhone.set(n.phone, { merged: n, attemptsByOrder: new Map([[order, n.attempts ?? 0]]) });
      return;
    }
    seen.attemptsByOrder.set(order, Math.max(seen.attemptsByOrder.get(order) ?? 0, n.attempts ?? 0));
    const winner = laterOf(seen.merged, n);
    const lastCall = (n.lastCallAt?.getTime() ?? -Infinity) > (seen.merged.lastCallAt?.getTime() ?? -Infinity) ? n : seen.merged;
    const reported = seen.merged.attempts !== null || n.attempts !== null;
    seen.merged = {
      ...winner,
      attempts: reported ? [...seen.attemptsByOrder.values()].reduce((sum, a) => sum + a, 0) : null,
      lastOutcome: lastCall.lastOutcome ?? winner.lastOutcome,
      lastCallAt: lastCall.lastCallAt ?? winner.lastCallAt,
    };
  });
  return [...byPhone.values()].map((v) => v.merged);
}

/**
 * One listing page into the ledger: one transaction that reads the page's stored rows in one query and writes
 * every row in one statement (issue 14 goal 2: a statement per number made the ledger step a round trip per
 * number). Returns the numbers written.
 */
async function writeNumbersPage(taskId: string, items: RemoteNumber[], now: Date): Promise<number> {
  // One row per phone: the statement below may touch each stored row once (onePerPhone says which listing wins).
  const byPhone = new Map(onePerPhone(items).map((n) => [n.phone, n]));
  if (byPhone.size === 0) return 0;
  await getDb().$transaction(async (tx) => {
    const known = new Map(
      (await tx.taskNumber.findMany({ where: { taskId, phone: { in: [...byPhone.keys()] } }, select: { phone: true, state: true, attempts: true } })).map((r) => [r.phone, r]),
    );
    const rows = [...byPhone.values()].map((n) => {
      const prev = known.get(n.phone);
      const state: LedgerState = stateFromRemote(n.state);
      // A number we stopped or skipped stays so unless the provider itself says it removed it.
      const keep = prev && (prev.state === "skipped" || (prev.state === "removed" && state !== "removed"));
      return {
        taskId,
        phone: n.phone,
        state: keep ? prev.state : state,
        attempts: Math.max(prev?.attempts ?? 0, n.attempts ?? 0),
        // Null: the listing does not say; the stored value stays (the statement's `fill`).
        lastOutcome: n.lastOutcome || null,
        lastCallAt: n.lastCallAt ?? null,
        orderId: n.orderId || null,
        createdAt: now,
        updatedAt: new Date(),
      };
    });
    await insertRows(tx, "TaskNumber", rows, {
      mergeOn: { on: ["taskId", "phone"], set: ["state", "attempts", "updatedAt"], fill: ["lastOutcome", "lastCallAt", "orderId"] },
    });
  });
  return byPhone.size;
}

/** One task's numbers and calls from the provider into the ledger. */
export async function syncTaskLedger({ adapter, ctx, taskId, remoteId, now = new Date() }: { adapter: ProviderAdapter; ctx: ProviderContext; taskId: string; remoteId: string; now?: Date }): Promise<{ numbers: number; calls: number }> {
  const ops = adapter.capabilities.numberOps;
  let numbers = 0;
  let calls = 0;
  if (ops.calls && adapter.listCalls) {
    let cursor: string | null = null;
    for (let page = 0; page < LEDGER_PAGES_PER_TASK; page++) {
      const res = await adapter.listCalls(ctx, remoteId, cursor);
      const { inserted } = await recordCalls(taskId, res.items);
      calls += inserted;
      await recordLedgerCalls(taskId, res.items, now);
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
  }
  if (ops.list && adapter.listNumbers) {
    let cursor: string | null = null;
    for (let page = 0; page < LEDGER_PAGES_PER_TASK; page++) {
      const res = await adapter.listNumbers(ctx, remoteId, cursor);
      numbers += await writeNumbersPage(taskId, res.items, now);
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
  }
  return { numbers, calls };
}

export interface LedgerTask {
  id: string;
  remoteId: string;
  status: string;
}

/** The ledger step of one account's sync, fed tasks while the task listing is still running. */
export interface AccountLedgerRun {
  /** Tasks to follow, in order of preference; not live ones and those past the run's bound are passed over. */
  offer(tasks: readonly LedgerTask[]): void;
  /** Waits for every task offered; nothing more is taken after. */
  finish(): Promise<LedgerSyncResult>;
  /** Takes nothing more and waits for the tasks in flight (a failed sync). */
  stop(): Promise<void>;
}

/**
 * Starts the ledger step of an account's sync (issue 14 goal 2): up to LEDGER_TASKS_PER_RUN live tasks, the ones
 * the mirror changed last first (offered before the listing), then the listing's. Each task is followed as soon
 * as it is offered, so its provider requests overlap the rest of the listing instead of following it.
 */
export async function startAccountLedger({ accountId, adapter, ctx, now = new Date() }: { accountId: string; adapter: ProviderAdapter; ctx: ProviderContext; now?: Date }): Promise<AccountLedgerRun> {
  const result: LedgerSyncResult = { tasks: 0, numbers: 0, calls: 0, errors: 0 };
  const ops = adapter.capabilities.numberOps;
  const enabled = Boolean((ops.list && adapter.listNumbers) || (ops.calls && adapter.listCalls));
  const taken = new Set<string>();
  const queue: LedgerTask[] = [];
  const inFlight = new Set<Promise<void>>();
  let closed = !enabled;

  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      try {
        const r = await syncTaskLedger({ adapter, ctx, taskId: t.id, remoteId: t.remoteId, now });
        result.tasks++;
        result.numbers += r.numbers;
        result.calls += r.calls;
      } catch (e) {
        // One task's listing failing never fails the account's sync; the next run tries again.
        result.errors++;
        logger.warn({ accountId, taskId: t.id, err: e instanceof ProviderError ? `${e.code}: ${e.providerMessage}` : (e as Error).message }, "ledger sync of task failed");
      }
    }
  };
  const offer = (tasks: readonly LedgerTask[]) => {
    if (closed) return;
    for (const t of tasks) {
      if (taken.size >= LEDGER_TASKS_PER_RUN) break;
      if (!LEDGER_LIVE_STATUSES.includes(t.status) || taken.has(t.id)) continue;
      taken.add(t.id);
      queue.push(t);
    }
    // Tasks are independent (each writes only its own ledger rows): a few at once overlap one task's provider
    // requests with another's writes, instead of the whole step waiting on one round trip at a time.
    while (inFlight.size < LEDGER_TASKS_IN_FLIGHT && queue.length) {
      const w: Promise<void> = worker().finally(() => inFlight.delete(w));
      inFlight.add(w);
    }
  };
  const drain = async () => {
    while (inFlight.size) await Promise.all(inFlight);
  };

  if (enabled) {
    offer(
      await getDb().task.findMany({
        where: { accountId, goneAt: null, status: { in: [...LEDGER_LIVE_STATUSES] } },
        orderBy: { updatedAt: "desc" },
        take: LEDGER_TASKS_PER_RUN,
        select: { id: true, remoteId: true, status: true },
      }),
    );
  }
  return {
    offer,
    async finish() {
      closed = true;
      await drain();
      return result;
    },
    async stop() {
      closed = true;
      queue.length = 0;
      await drain();
    },
  };
}
