// Writing provider truth into the mirror (docs/design.md "Mirror and sync"): tasks upserted by (account, remote
// id), status that only moves forward, counters and a stats snapshot from the provider's report.
import "server-only";
import { countersDiffer, countersOf } from "../../domain/stats";
import type { StatCounters, TaskStats } from "../../domain/stats-types";
import { nextStatusWins } from "../../domain/task-status";
import type { TaskStatus } from "../../domain/task";
import type { RemoteTask } from "../../providers/types";
import { recordAudit, SYSTEM_ACTOR } from "../audit";
import { insertRows } from "../bulk-insert";
import { newId } from "../ids";
import { getDb } from "../db";
import { isUniqueViolation } from "../errors";
import { COUNTER_SELECT } from "../stat-counters";
import { newSnapshotRow, writeSnapshots, type SnapshotInput } from "./snapshots";
import type { NewRowsWriter } from "../new-rows-writer";

/**
 * A provider clock more than this ahead of ours cannot be compared with our own observation times. The
 * simulators run accelerated time (DIALBOARD_SIM_FACTOR), and a real provider's clock may simply be wrong.
 */
const CLOCK_SKEW_MS = 2 * 60_000;
const UPSERT_ATTEMPTS = 3;

/** Another writer created some of this page's tasks after we looked: the attempt starts over and finds them. */
class CreateRaceLost extends Error {}

export interface TaskLink {
  callTimeGroupId?: string | null;
  retryStrategyId?: string | null;
  params?: unknown;
  description?: string;
}

export interface UpsertOptions {
  /** When the provider reported this state: the event time of a webhook, the request time of a listing. */
  at?: Date;
  /**
   * "listing" (sync): the provider's current state as of `at` by OUR clock. It replaces a stored status
   * stamped implausibly far in our future (a skewed provider clock) instead of being ignored forever.
   * "event" (default): `at` is the provider's event time.
   */
  source?: "listing" | "event";
  link?: TaskLink;
  /**
   * The caller expects none of these tasks in the mirror (an account's first sync): the page is inserted
   * without first reading which tasks exist, a round trip that would find nothing. Should any exist after all
   * (created meanwhile by a webhook), the insert skips them and the page starts over the usual way.
   */
  expectNew?: boolean;
  /**
   * With expectNew: the page and its first snapshots go in on this connection of our own, outside Prisma (an
   * account's first sync: new-rows-writer.ts says why). Should a task exist after all, nothing is written there
   * and the page goes the usual way.
   */
  writer?: NewRowsWriter;
}

export interface UpsertResult {
  id: string;
  remoteId: string;
  created: boolean;
  /** Stored fields changed (status, counters, name…); false when the report confirmed what we had. */
  changed: boolean;
}

const TASK_SELECT = {
  id: true,
  remoteId: true,
  name: true,
  kind: true,
  taskType: true,
  raw: true,
  concurrency: true,
  providerAnswerRate: true,
  providerFinishRate: true,
  status: true,
  rawStatus: true,
  statusAt: true,
  ...COUNTER_SELECT,
  goneAt: true,
} as const;

type Stored = StatCounters & {
  id: string;
  remoteId: string;
  name: string;
  kind: string;
  taskType: string;
  raw: string;
  concurrency: number | null;
  providerAnswerRate: number | null;
  providerFinishRate: number | null;
  status: string;
  rawStatus: string;
  statusAt: Date;
  goneAt: Date | null;
};

/** The status a report should leave in the mirror, or null when the stored one stays (never backwards). */
function statusUpdate(current: Stored, incoming: { status: TaskStatus; at: Date }, source: "listing" | "event"): { statusAt: Date } | null {
  const stored = { status: current.status as TaskStatus, at: current.statusAt };
  // A successful listing that shows the task is the provider's own word that it exists: a "deleted" that came
  // from a callback (possibly forged or mistaken) does not freeze it (issue 12 point 2).
  if (source === "listing" && stored.status === "deleted" && incoming.status !== "deleted") return { statusAt: incoming.at };
  if (nextStatusWins(stored, incoming)) return { statusAt: incoming.at };
  const skewed = current.statusAt.getTime() - incoming.at.getTime() > CLOCK_SKEW_MS;
  if (source === "listing" && skewed && stored.status !== "deleted" && incoming.status !== stored.status) {
    // Keep the provider-clock stamp so that its later events still compare correctly with it.
    return { statusAt: current.statusAt };
  }
  return null;
}

function statsData(stats: TaskStats) {
  return {
    ...countersOf(stats),
    providerAnswerRate: stats.providerAnswerRate ?? null,
    providerFinishRate: stats.providerFinishRate ?? null,
  };
}

function linkData(link: TaskLink | undefined) {
  if (!link) return {};
  return {
    ...(link.callTimeGroupId !== undefined ? { callTimeGroupId: link.callTimeGroupId } : {}),
    ...(link.retryStrategyId !== undefined ? { retryStrategyId: link.retryStrategyId } : {}),
    ...(link.params !== undefined ? { params: JSON.stringify(link.params) } : {}),
    ...(link.description !== undefined ? { description: link.description } : {}),
  };
}

/** The task columns a remote report sets (status aside). */
function taskData(remote: RemoteTask, link: TaskLink | undefined) {
  return {
    name: remote.name,
    kind: remote.kind,
    taskType: remote.taskType,
    raw: JSON.stringify(remote.raw ?? {}),
    ...(remote.concurrency !== null ? { concurrency: remote.concurrency } : {}),
    ...(remote.stats ? statsData(remote.stats) : {}),
    ...linkData(link),
  };
}

function sameData(current: Stored, data: ReturnType<typeof taskData>): boolean {
  return Object.entries(data).every(([key, value]) => current[key as keyof Stored] === value);
}

/**
 * Upserts a page of remote tasks of one account in one transaction (a sync page; a webhook's single task).
 * Two writers creating the same task at once: the loser's insert skips the row the other made (unique
 * (account, remote id)), its attempt starts over and then finds the row.
 */
export async function upsertRemoteTasks(accountId: string, remotes: RemoteTask[], opts: UpsertOptions = {}): Promise<UpsertResult[]> {
  const at = opts.at ?? new Date();
  const source = opts.source ?? "event";
  const byRemoteId = new Map(remotes.map((r) => [r.remoteId, r]));
  if (byRemoteId.size === 0) return [];
  let blind = opts.expectNew ?? false;
  if (blind && opts.writer) {
    const inserted = await insertAllNew(opts.writer, accountId, byRemoteId, at, source, opts.link);
    if (inserted) return inserted;
    blind = false;
  }
  const statusChanges: { id: string; name: string; before: string; after: string }[] = [];
  let results: UpsertResult[] = [];
  // A page inserted without the read and refused (expectNew) still gets the usual attempts after.
  const attempts = UPSERT_ATTEMPTS + (blind ? 1 : 0);
  for (let attempt = 1; ; attempt++) {
    statusChanges.length = 0;
    try {
      results = await getDb().$transaction(async (tx) => {
        const now = new Date();
        const existing = blind && attempt === 1 ? [] : await tx.task.findMany({ where: { accountId, remoteId: { in: [...byRemoteId.keys()] } }, select: TASK_SELECT });
        const stored = new Map<string, Stored>(existing.map((t) => [t.remoteId, t]));
        const out: UpsertResult[] = [];
        const snapshots: SnapshotInput[] = [];
        const fresh: (ReturnType<typeof taskData> & { accountId: string; remoteId: string; status: string; rawStatus: string; statusAt: Date; statusChangedAt: Date; lastSyncAt: Date })[] = [];
        // Unchanged tasks (most of every sync) are only stamped, in two statements per page instead of one each.
        const confirmed: string[] = [];
        const touched: string[] = [];
        for (const remote of byRemoteId.values()) {
          const data = taskData(remote, opts.link);
          const current = stored.get(remote.remoteId);
          if (!current) {
            fresh.push({ accountId, remoteId: remote.remoteId, ...data, lastSyncAt: now, status: remote.status, rawStatus: remote.rawStatus, statusAt: at, statusChangedAt: at });
            continue;
          }
          const status = statusUpdate(current, { status: remote.status, at }, source);
          const statusChanged = status !== null && (current.status !== remote.status || current.rawStatus !== remote.rawStatus);
          const changed = statusChanged || current.goneAt !== null || opts.link !== undefined || !sameData(current, data);
          if (changed) {
            await tx.task.update({
              where: { id: current.id },
              data: {
                ...data,
                lastSyncAt: now,
                goneAt: null,
                ...(status ? { status: remote.status, rawStatus: remote.rawStatus, statusAt: status.statusAt } : {}),
                // "Status since" moves only when the status itself changes, not on every report confirming it.
                ...(status && current.status !== remote.status ? { statusChangedAt: status.statusAt } : {}),
              },
            });
            if (current.status !== remote.status && status) statusChanges.push({ id: current.id, name: remote.name, before: current.status, after: remote.status });
            if (remote.stats && countersDiffer(current, remote.stats)) snapshots.push({ taskId: current.id, stats: remote.stats, previous: current });
          } else if (status) {
            confirmed.push(current.id);
          } else {
            touched.push(current.id);
          }
          out.push({ id: current.id, remoteId: remote.remoteId, created: false, changed });
        }
        if (confirmed.length) await tx.task.updateMany({ where: { id: { in: confirmed } }, data: { lastSyncAt: now, statusAt: at } });
        if (touched.length) await tx.task.updateMany({ where: { id: { in: touched } }, data: { lastSyncAt: now } });
        if (fresh.length) {
          // One statement for the page's new tasks (bulk-insert.ts says why not createManyAndReturn).
          const rows = await insertRows<"id" | "remoteId">(
            tx,
            "Task",
            fresh.map((task) => ({ id: newId(), ...task, createdAt: now, updatedAt: now })),
            { skipConflictsOn: ["accountId", "remoteId"], returning: ["id", "remoteId"] },
          );
          if (rows.length < fresh.length) throw new CreateRaceLost();
          for (const row of rows) {
            const id = String(row.id);
            const remote = byRemoteId.get(String(row.remoteId))!;
            out.push({ id, remoteId: remote.remoteId, created: true, changed: true });
            if (remote.stats) snapshots.push({ taskId: id, stats: remote.stats, previous: null });
          }
        }
        // Snapshots are a time series on our clock: a listing's time is ours, an event's is the provider's.
        await writeSnapshots(tx, snapshots, source === "listing" ? at : now);
        return out;
      });
      break;
    } catch (e) {
      if ((isUniqueViolation(e) || e instanceof CreateRaceLost) && attempt < attempts) continue;
      throw e;
    }
  }
  for (const c of statusChanges) auditStatus(c.id, c.name, c.before, c.after, c.before === "deleted" ? RESTORED_NOTE : undefined);
  return results;
}

/**
 * The tasks of a page none of which the mirror holds, and their first snapshots, as the transaction of
 * upsertRemoteTasks would write them; null (nothing written) when some task exists after all.
 */
async function insertAllNew(
  writer: NewRowsWriter,
  accountId: string,
  byRemoteId: Map<string, RemoteTask>,
  at: Date,
  source: "listing" | "event",
  link: TaskLink | undefined,
): Promise<UpsertResult[] | null> {
  const now = new Date();
  const tasks = [];
  const snapshots = [];
  const out: UpsertResult[] = [];
  for (const remote of byRemoteId.values()) {
    const id = newId();
    tasks.push({ id, accountId, remoteId: remote.remoteId, ...taskData(remote, link), lastSyncAt: now, status: remote.status, rawStatus: remote.rawStatus, statusAt: at, statusChangedAt: at, createdAt: now, updatedAt: now });
    // Snapshots are on our clock: a listing's time, else now (as upsertRemoteTasks' transaction writes them).
    if (remote.stats) snapshots.push(newSnapshotRow(id, remote.stats, source === "listing" ? at : now));
    out.push({ id, remoteId: remote.remoteId, created: true, changed: true });
  }
  const written = await writer.insertAllNew([
    { table: "Task", rows: tasks, uniqueOn: ["accountId", "remoteId"] },
    { table: "TaskSnapshot", rows: snapshots, uniqueOn: ["id"] },
  ]);
  return written ? out : null;
}

/** History note of a task a listing brought back from "deleted". */
export const RESTORED_NOTE = "restored: the provider lists this task again";

function auditStatus(taskId: string, name: string, before: string, after: string, note?: string): void {
  // The task history shows status changes the provider reported next to what people did.
  recordAudit({ actor: SYSTEM_ACTOR, action: "task.status", targetType: "task", targetId: taskId, before: { name, status: before }, after: { name, status: after }, note });
}

export async function upsertRemoteTask(accountId: string, remote: RemoteTask, opts: UpsertOptions = {}): Promise<{ id: string; created: boolean }> {
  const [result] = await upsertRemoteTasks(accountId, [remote], opts);
  return { id: result.id, created: result.created };
}

/**
 * Applies a status the provider reported at `at` (event time) unless the mirror already holds a newer one.
 * Compare-and-set on (status, statusAt), so two concurrent reports cannot interleave. true = applied.
 */
export async function recordTaskStatus(taskId: string, status: TaskStatus, rawStatus: string, at: Date): Promise<boolean> {
  const db = getDb();
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await db.task.findUnique({ where: { id: taskId }, select: { name: true, status: true, statusAt: true } });
    if (!current) return false;
    if (!nextStatusWins({ status: current.status as TaskStatus, at: current.statusAt }, { status, at })) return false;
    const res = await db.task.updateMany({
      where: { id: taskId, status: current.status, statusAt: current.statusAt },
      data: { status, rawStatus, statusAt: at, ...(current.status !== status ? { statusChangedAt: at } : {}) },
    });
    if (res.count === 1) {
      if (current.status !== status) auditStatus(taskId, current.name, current.status, status);
      return true;
    }
  }
  return false;
}

/**
 * Counters and a snapshot from a pushed stats report. A report with fewer calls than the mirror holds is
 * older than what we have (calls only ever grow), so it adds a point to nothing and changes nothing.
 */
export async function recordTaskStats(taskId: string, stats: TaskStats, at: Date = new Date()): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.task.findUnique({ where: { id: taskId }, select: { totalCalls: true, answeredCalls: true } });
    if (!current || stats.totalCalls < current.totalCalls) return false;
    await tx.task.update({ where: { id: taskId }, data: { ...statsData(stats), lastSyncAt: at } });
    await writeSnapshots(tx, [{ taskId, stats, previous: current }], at);
    return true;
  });
}
