// The per-number ledger (issue 13 point 5): TaskNumber, one row per (task, phone), filled from sends, from
// each call event (webhooks) and from the provider's number and call listings during sync. Attempts and the
// last outcome are counted from the stored call records, so a redelivered event never counts twice.
import "server-only";
import type { CallOutcome } from "../../domain/retry-strategy";
import type { CallRecordEvent, RemoteNumberState } from "../../providers/types";
import { getDb } from "../db";

export const LEDGER_STATES = ["queued", "sent", "dialling", "answered", "not-answered", "busy", "failed", "finished", "removed", "skipped"] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

/** States a later report must not overwrite: we decided them (skipped) or stopped the number (removed). */
const STICKY: LedgerState[] = ["removed", "skipped"];

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
  for (const [phone, event] of byPhone) {
    const [count, latest] = await Promise.all([
      db.callRecord.count({ where: { phone, taskId } }),
      db.callRecord.findFirst({ where: { phone, taskId }, orderBy: { startedAt: "desc" }, select: { outcome: true, startedAt: true, orderId: true } }),
    ]);
    if (!latest) continue;
    const isLatest = latest.startedAt.getTime() === event.startedAt.getTime();
    const state = stateFromOutcome(latest.outcome as CallOutcome, isLatest ? event.orderFinished : null);
    const existing = await db.taskNumber.findUnique({ where: { taskId_phone: { taskId, phone } }, select: { state: true } });
    const data = { attempts: count, lastOutcome: latest.outcome, lastCallAt: latest.startedAt, orderId: latest.orderId ?? event.orderId ?? undefined };
    if (!existing) {
      await db.taskNumber.upsert({ where: { taskId_phone: { taskId, phone } }, create: { taskId, phone, state, ...data, createdAt: now }, update: data });
    } else {
      await db.taskNumber.update({ where: { taskId_phone: { taskId, phone } }, data: { ...data, ...(STICKY.includes(existing.state as LedgerState) ? {} : { state }) } });
    }
  }
}

/** Numbers of `taskId` already in the ledger (any state but skipped): a send never sends them twice. */
export async function inTask(taskId: string, phones: string[]): Promise<Set<string>> {
  const rows = await getDb().taskNumber.findMany({ where: { taskId, phone: { in: phones }, state: { not: "skipped" } }, select: { phone: true } });
  return new Set(rows.map((r) => r.phone));
}
