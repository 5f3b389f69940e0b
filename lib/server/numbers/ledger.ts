// The per-number ledger (issue 13 point 5): TaskNumber, one row per (task, phone), filled from sends, from
// each call event (webhooks) and from the provider's number and call listings during sync. Attempts and the
// last outcome are counted from the stored call records, so a redelivered event never counts twice.
import "server-only";
import type { CallOutcome } from "../../domain/retry-strategy";
import type { CallRecordEvent, RemoteNumberState } from "../../providers/types";
import { insertRows, type InsertRow } from "../bulk-insert";
import { getDb } from "../db";

export const LEDGER_STATES = ["queued", "sent", "dialling", "answered", "not-answered", "busy", "failed", "finished", "removed", "skipped"] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

/** States a later report must not overwrite: we decided them (skipped) or stopped the number (removed). */
const STICKY: LedgerState[] = ["removed", "skipped"];

/** Phones per read of their call records and ledger rows (well under either database's bound-value limit). */
const PHONES_PER_READ = 500;

/**
 * What a lookup of some of a task's numbers reads. `attempts` is not needed by every caller but must be there:
 * SQLite's planner has no statistics and assumes any index prefix matches ten rows, so for (taskId, phone IN …)
 * reading only columns of the (taskId, state, phone) index it took that index and read every number of the task
 * (a million in a large one), for every batch. A column outside it makes the planner take the primary key,
 * one lookup per phone (ledger.db.test.ts checks the plans).
 */
const LOOKUP_SELECT = { phone: true, state: true, attempts: true } as const;

export function stateFromOutcome(outcome: CallOutcome, orderFinished: boolean | null): LedgerState {
  if (outcome === "answered") return "answered";
  if (orderFinished) return "finished";
  switch (outcome) {
    case "no-answer":
      return "not-answered";
    case "busy":
    case "rejected":
      return "busy";
    default:
      return "failed";
  }
}

export function stateFromRemote(state: RemoteNumberState): LedgerState {
  return state === "queued" ? "sent" : state;
}

/**
 * Brings the ledger up to date with calls just stored (recordCalls): per phone, the attempts and the latest
 * call as the call records say. Numbers the ledger did not know (sent by another tool) are added.
 */
export async function recordLedgerCalls(taskId: string, calls: CallRecordEvent[], now = new Date()): Promise<void> {
  const db = getDb();
  const byPhone = new Map<string, CallRecordEvent>();
  for (const c of calls) if (c.phone) byPhone.set(c.phone, c);
  const phones = [...byPhone.keys()];
  // Reads per chunk of phones, not per phone: a webhook batch or a listing page carries many numbers.
  for (let i = 0; i < phones.length; i += PHONES_PER_READ) {
    const chunk = phones.slice(i, i + PHONES_PER_READ);
    const [records, known] = await Promise.all([
      // A number's call records are its attempts: few each (the retry strategy bounds them).
      db.callRecord.findMany({ where: { taskId, phone: { in: chunk } }, select: { phone: true, outcome: true, startedAt: true, orderId: true } }),
      db.taskNumber.findMany({ where: { taskId, phone: { in: chunk } }, select: LOOKUP_SELECT }),
    ]);
    const attempts = new Map<string, { count: number; latest: (typeof records)[number] }>();
    for (const r of records) {
      if (!r.phone) continue;
      const seen = attempts.get(r.phone);
      if (!seen) attempts.set(r.phone, { count: 1, latest: r });
      else {
        seen.count++;
        if (r.startedAt.getTime() > seen.latest.startedAt.getTime()) seen.latest = r;
      }
    }
    const stateOf = new Map(known.map((n) => [n.phone, n.state]));
    // Two statements per chunk: numbers whose state follows the call, and stopped ones (removed, skipped) whose
    // state stays. A number the ledger did not know (sent by another tool) is added.
    const follows: InsertRow[] = [];
    const stays: InsertRow[] = [];
    for (const phone of chunk) {
      const seen = attempts.get(phone);
      if (!seen) continue;
      const { count, latest } = seen;
      const event = byPhone.get(phone)!;
      const isLatest = latest.startedAt.getTime() === event.startedAt.getTime();
      const existing = stateOf.get(phone);
      const sticky = existing !== undefined && STICKY.includes(existing as LedgerState);
      const state = sticky ? existing : stateFromOutcome(latest.outcome as CallOutcome, isLatest ? event.orderFinished : null);
      const row = { taskId, phone, state, attempts: count, lastOutcome: latest.outcome, lastCallAt: latest.startedAt, orderId: latest.orderId ?? event.orderId ?? null, createdAt: now, updatedAt: new Date() };
      (sticky ? stays : follows).push(row);
    }
    const kept = ["attempts", "lastOutcome", "lastCallAt", "updatedAt"];
    if (follows.length) await insertRows(db, "TaskNumber", follows, { mergeOn: { on: ["taskId", "phone"], set: ["state", ...kept], fill: ["orderId"] } });
    if (stays.length) await insertRows(db, "TaskNumber", stays, { mergeOn: { on: ["taskId", "phone"], set: kept, fill: ["orderId"] } });
  }
}

/** Numbers of `taskId` already in the ledger (any state but skipped): a send never sends them twice. */
export async function inTask(taskId: string, phones: string[]): Promise<Set<string>> {
  const rows = await getDb().taskNumber.findMany({ where: { taskId, phone: { in: phones }, state: { not: "skipped" } }, select: LOOKUP_SELECT });
  return new Set(rows.map((r) => r.phone));
}
