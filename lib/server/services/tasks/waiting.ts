// What each live task is waiting for (issue 14 goal 5), for the task page, the tasks list and the
// overview alike: the mirror's status and counters, the task's call-time group and the holiday calendar
// (lib/domain/waiting.ts decides), who paused it, and whether its account's latest sync reached the provider.
import "server-only";
import type { TaskKind, TaskStatus } from "../../../domain/task";
import { waitingReason, type WaitingReason } from "../../../domain/waiting";
import { getDb } from "../../db";
import { Prisma } from "../../../generated/sqlite/client";
import type { HolidayCalendar } from "../../../domain/holiday-calendar";
import { allCallTimeGroups, type StoredCallTimeGroup } from "../call-time-groups";
import { getHolidayCalendar } from "../holiday-calendar";

/** A waiting reason as JSON (the page polls it). */
import type { WaitingView } from "../../../contracts/task-state";
export type { WaitingView };

export interface WaitingTask {
  id: string;
  accountId: string;
  kind: string;
  status: string;
  totalOrders: number;
  finishedOrders: number;
  callTimeGroupId: string | null;
}

/** What a caller that has already read them passes on, so that one page reads each once. */
export interface WaitingContext {
  groups?: StoredCallTimeGroup[];
  calendar?: HolidayCalendar;
  /** Paused tasks a user paused, among (at least) the paused ones of `tasks`. */
  pausedByUser?: Set<string>;
  /** accountsUnreachable of (at least) the accounts of `tasks`: a caller that knows them early reads it meanwhile. */
  unreachable?: Map<string, Date>;
}

/** Why each of `tasks` is not dialling at `now`; tasks with nothing holding them are absent. */
export async function waitingFor(tasks: WaitingTask[], now: Date, known: WaitingContext = {}): Promise<Map<string, WaitingView>> {
  const out = new Map<string, WaitingView>();
  const live = tasks.filter((task) => task.kind === "call" && ["running", "pending", "paused"].includes(task.status));
  if (live.length === 0) return out;
  const [groups, calendar, pausedByUser, failedAt] = await Promise.all([
    known.groups ?? allCallTimeGroups(),
    known.calendar ?? getHolidayCalendar(),
    known.pausedByUser ?? tasksPausedByUser(live.filter((task) => task.status === "paused").map((task) => task.id)),
    known.unreachable ?? accountsUnreachable([...new Set(live.map((task) => task.accountId))]),
  ]);
  const groupById = new Map(groups.map((group) => [group.id, group]));
  for (const task of live) {
    const reason = waitingReason(
      {
        kind: task.kind as TaskKind,
        status: task.status as TaskStatus,
        totalOrders: task.totalOrders,
        finishedOrders: task.finishedOrders,
        group: task.callTimeGroupId ? (groupById.get(task.callTimeGroupId) ?? null) : null,
        calendar,
        pausedByUser: pausedByUser.has(task.id),
        providerFailedAt: failedAt.get(task.accountId) ?? null,
      },
      now,
    );
    if (reason) out.set(task.id, toView(reason));
  }
  return out;
}

function toView(reason: WaitingReason): WaitingView {
  switch (reason.kind) {
    case "provider-unreachable":
      return { kind: reason.kind, since: reason.since?.toISOString() ?? null };
    case "holiday":
      return { kind: reason.kind, name: reason.name, nextWindow: reason.nextWindow?.toISOString() ?? null };
    case "outside-window":
      return { kind: reason.kind, nextWindow: reason.nextWindow?.toISOString() ?? null };
    default:
      return { kind: reason.kind };
  }
}

/** Accounts whose latest finished sync failed, with when it did. */
export async function accountsUnreachable(accountIds: string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  await Promise.all(
    accountIds.map(async (accountId) => {
      const run = await getDb().syncRun.findFirst({
        where: { accountId, status: { in: ["ok", "error"] } },
        orderBy: { startedAt: "desc" },
        select: { status: true, finishedAt: true, startedAt: true },
      });
      if (run?.status === "error") out.set(accountId, run.finishedAt ?? run.startedAt);
    }),
  );
  return out;
}

// Start and pause are what a user does to a task here (services/tasks/lifecycle.ts audits them as
// "task.<op>"); the latest of them decides whether a paused task was paused by a user or by the
// provider (balance, line fault, its own schedule…).
const USER_STATUS_ACTIONS = ["task.start", "task.pause"];

/** Ids per query: SQLite bounds the parameters of one statement, and a center may have thousands paused. */
const IDS_PER_QUERY = 500;

/** Ids among `pausedIds` whose latest start or pause by a signed-in user was a pause. */
export async function tasksPausedByUser(pausedIds: string[]): Promise<Set<string>> {
  const latest = new Map<string, { at: Date; action: string }>();
  for (let i = 0; i < pausedIds.length; i += IDS_PER_QUERY) {
    const entries = await getDb().auditEntry.findMany({
      where: {
        targetType: "task",
        targetId: { in: pausedIds.slice(i, i + IDS_PER_QUERY) },
        actorId: { not: null },
        action: { in: USER_STATUS_ACTIONS },
      },
      select: { targetId: true, action: true, at: true },
    });
    for (const entry of entries) {
      if (!entry.targetId) continue;
      const known = latest.get(entry.targetId);
      if (!known || entry.at > known.at) latest.set(entry.targetId, { at: entry.at, action: entry.action });
    }
  }
  return new Set([...latest].filter(([, entry]) => entry.action === "task.pause").map(([taskId]) => taskId));
}

/**
 * Every live paused task whose latest start or pause by a signed-in user was a pause, in one query: the overview
 * asks about all paused tasks at once (thousands at a large center), which by id took a read of every paused task
 * and a query per IDS_PER_QUERY of them (issue 14 goal 3).
 */
export async function allTasksPausedByUser(): Promise<Set<string>> {
  const rows = await getDb().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM (
      SELECT a."targetId" AS "id", a."action" AS "action",
        ROW_NUMBER() OVER (PARTITION BY a."targetId" ORDER BY a."at" DESC, a."id" DESC) AS "latest"
      FROM "AuditEntry" a JOIN "Task" t ON t."id" = a."targetId"
      WHERE t."status" = 'paused' AND t."goneAt" IS NULL
        AND a."targetType" = 'task' AND a."actorId" IS NOT NULL AND a."action" IN (${Prisma.join(USER_STATUS_ACTIONS)})
    ) AS "entries"
    WHERE "latest" = 1 AND "action" = 'task.pause'`);
  return new Set(rows.map((row) => row.id));
}
