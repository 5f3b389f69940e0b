// Stats snapshots (the time series of a task's counters) and the hourly roll-ups derived from them.
// Issue 6 "Performance": roll-ups are maintained as data arrives, so stats pages never scan raw rows.
import "server-only";
import { countersOf } from "../../domain/stats";
import type { TaskStats } from "../../domain/stats-types";
import { adapterFor } from "../../providers/registry";
import { insertRows } from "../bulk-insert";
import type { Db } from "../db";
import { newId } from "../ids";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export interface SnapshotInput {
  taskId: string;
  stats: TaskStats;
  /** The task's call counters before this report; null when the mirror had never seen the task. */
  previous: { totalCalls: number; answeredCalls: number } | null;
}

/** The row of a task's first snapshot (a task new to the mirror: no roll-up, nothing to replace). */
export function newSnapshotRow(taskId: string, stats: TaskStats, at: Date) {
  return { id: newId(), taskId, at, ...countersOf(stats) };
}

/**
 * Stores one snapshot per task per minute (a later report in the same minute replaces the earlier one, so a
 * sync every few seconds does not bloat the series) and adds the calls made since the previous report to the
 * hourly roll-up — only for tasks whose provider does not push call events (recordCalls counts those, with
 * their outcomes; counting both would count every call twice, and a report can arrive before the calls it
 * counts). A task seen for the first time sets the baseline: its past calls have no hour we could honestly
 * put them in.
 */
export async function writeSnapshots(tx: Tx, items: SnapshotInput[], at: Date): Promise<void> {
  if (items.length === 0) return;
  const minuteStart = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
  // A task the mirror had never seen (previous = null) has no snapshot yet: only known tasks are looked up.
  const known = items.filter((i) => i.previous !== null).map((i) => i.taskId);
  const recent = known.length
    ? await tx.taskSnapshot.findMany({
        where: { taskId: { in: known }, at: { gte: minuteStart, lt: new Date(minuteStart.getTime() + MINUTE_MS) } },
        select: { id: true, taskId: true },
      })
    : [];
  const recentByTask = new Map(recent.map((s) => [s.taskId, s.id]));
  const fresh = [];
  for (const item of items) {
    const existing = recentByTask.get(item.taskId);
    if (existing) await tx.taskSnapshot.update({ where: { id: existing }, data: { at, ...countersOf(item.stats) } });
    else fresh.push(newSnapshotRow(item.taskId, item.stats, at));
  }
  // One statement per page (bulk-insert.ts says why not createMany).
  if (fresh.length) await insertRows(tx, "TaskSnapshot", fresh);

  const grown = items
    .map((i) => ({
      taskId: i.taskId,
      calls: i.previous ? i.stats.totalCalls - i.previous.totalCalls : 0,
      answered: i.previous ? i.stats.answeredCalls - i.previous.answeredCalls : 0,
    }))
    .filter((g) => g.calls > 0 || g.answered > 0);
  if (grown.length === 0) return;
  const [withRecords, kinds] = await Promise.all([
    tx.callRecord.groupBy({ by: ["taskId"], where: { taskId: { in: grown.map((g) => g.taskId) } } }),
    tx.task.findMany({ where: { id: { in: grown.map((g) => g.taskId) } }, select: { id: true, account: { select: { kind: true } } } }),
  ]);
  const recordDriven = new Set(withRecords.map((r) => r.taskId));
  for (const t of kinds) if (adapterFor(t.account.kind).capabilities.operations.callEvents) recordDriven.add(t.id);
  const hour = hourOf(at);
  for (const g of grown) {
    if (recordDriven.has(g.taskId)) continue;
    const calls = Math.max(0, g.calls);
    const answered = Math.max(0, g.answered);
    await tx.hourlyRollup.upsert({
      where: { taskId_hour: { taskId: g.taskId, hour } },
      create: { taskId: g.taskId, hour, calls, answered },
      update: { calls: { increment: calls }, answered: { increment: answered } },
    });
  }
}
