// The sync step of the ledger (issue 13 point 5), written against the number-level operations of the
// provider interface (listNumbers / listCalls, capabilities.numberOps): a call webhook the provider gave up on
// is recovered from the listings. Bounded per task and per run; what was read is kept.
import "server-only";
import { ProviderError } from "../../providers/errors";
import type { ProviderAdapter, ProviderContext, RemoteNumber } from "../../providers/types";
import { getDb } from "../db";
import { logger } from "../logger";
import { recordCalls } from "../mirror/calls";
import { recordLedgerCalls, stateFromRemote, type LedgerState } from "./ledger";

/** Pages read per task per sync; the next sync reads again from the start (listings have no stable cursor). */
export const LEDGER_PAGES_PER_TASK = 20;
const LIVE_TASK = ["pending", "running", "paused"];
const MAX_TASKS_PER_RUN = 50;
const TASKS_IN_FLIGHT = 4;

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

/** One task's numbers and calls from the provider into the ledger. */
export async function syncTaskLedger({ adapter, ctx, taskId, remoteId, now = new Date() }: { adapter: ProviderAdapter; ctx: ProviderContext; taskId: string; remoteId: string; now?: Date }): Promise<{ numbers: number; calls: number }> {
  const db = getDb();
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
      const items = onePerPhone(res.items);
      const phones = items.map((n) => n.phone);
      const known = new Map(
        (await db.taskNumber.findMany({ where: { taskId, phone: { in: phones } }, select: { phone: true, state: true, attempts: true } })).map((r) => [r.phone, r]),
      );
      for (const n of items) {
        const prev = known.get(n.phone);
        const state: LedgerState = stateFromRemote(n.state);
        // A number we stopped or skipped stays so unless the provider itself says it removed it.
        const keep = prev && (prev.state === "skipped" || (prev.state === "removed" && state !== "removed"));
        const data = {
          ...(keep ? {} : { state }),
          attempts: Math.max(prev?.attempts ?? 0, n.attempts ?? 0),
          ...(n.lastOutcome ? { lastOutcome: n.lastOutcome } : {}),
          ...(n.lastCallAt ? { lastCallAt: n.lastCallAt } : {}),
          ...(n.orderId ? { orderId: n.orderId } : {}),
        };
        if (prev) await db.taskNumber.update({ where: { taskId_phone: { taskId, phone: n.phone } }, data });
        else await db.taskNumber.create({ data: { taskId, phone: n.phone, state, ...data, createdAt: now } });
        numbers++;
      }
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
  }
  return { numbers, calls };
}

/** The ledger step of an account's sync: its live tasks, when the provider lists numbers or calls. */
export async function syncAccountLedger({ accountId, adapter, ctx, now = new Date() }: { accountId: string; adapter: ProviderAdapter; ctx: ProviderContext; now?: Date }): Promise<LedgerSyncResult> {
  const result: LedgerSyncResult = { tasks: 0, numbers: 0, calls: 0, errors: 0 };
  const ops = adapter.capabilities.numberOps;
  if (!(ops.list && adapter.listNumbers) && !(ops.calls && adapter.listCalls)) return result;
  const tasks = await getDb().task.findMany({
    where: { accountId, goneAt: null, status: { in: LIVE_TASK } },
    orderBy: { updatedAt: "desc" },
    take: MAX_TASKS_PER_RUN,
    select: { id: true, remoteId: true },
  });
  const queue = [...tasks];
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
  // Tasks are independent (each writes only its own ledger rows): a few at once overlap one task's provider
  // requests with another's writes, instead of the whole step waiting on one round trip at a time (issue 14 goal 2).
  await Promise.all(Array.from({ length: Math.min(TASKS_IN_FLIGHT, tasks.length) }, worker));
  return result;
}
