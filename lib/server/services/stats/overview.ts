// The overview (/): KPIs, calls per hour, per-provider comparison and the tasks that need a
// manager's attention. Everything is read from the mirror's counters (Task) and hourly roll-ups
// (HourlyRollup), never from CallRecord, so the page costs the same with a million calls stored.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { isCallable } from "../../../domain/schedule";
import { answerRate, finishRate } from "../../../domain/stats";
import type { LocalizedText } from "../../../domain/call-time-group";
import { allAdapters } from "../../../providers/registry";
import type { ProviderKind } from "../../../providers/types";
import { syncIntervalSec } from "../../config";
import { getDb } from "../../db";
import { Prisma } from "../../../generated/sqlite/client";
import { allCallTimeGroups } from "../call-time-groups";
import { getHolidayCalendar } from "../holiday-calendar";
import {
  ATTENTION_REASONS,
  type AttentionItem,
  type AttentionReason,
  type HourPoint,
  type Overview,
  type OverviewKpis,
  type OverviewRange,
  type ProviderComparisonRow,
} from "../../../contracts/stats";
import { accountsUnreachable, allTasksPausedByUser, waitingFor } from "../tasks/waiting";

/** "Today" starts at midnight here; the same zone the UI formats dates in (i18n/request.ts). */
export const REPORTING_TIME_ZONE = "Asia/Shanghai";
/** A sync older than this many sync intervals counts as stale. */
export const STALE_SYNC_INTERVALS = 3;
/** The attention list shows at most this many tasks; the counts per reason are always complete. */
export const ATTENTION_LIMIT = 50;

const HOUR_MS = 3_600_000;
const RANGE_HOURS: Record<OverviewRange, number> = { "24h": 24, "7d": 24 * 7 };
/** Statuses of tasks that still exist on the provider (deleted and vanished ones are history). */
const LIVE_STATUSES = ["draft", "pending", "running", "paused", "completed", "failed"];
const TERMINAL_STATUSES = ["completed", "failed", "deleted"];

export async function getOverview({ now, range }: { now: Date; range: OverviewRange }): Promise<Overview> {
  // One query per kind of row instead of one per widget (issue 14 goal 3): one pass over the tasks' counters
  // (taskCounters) feeds the KPIs, the provider comparison and every attention count; one roll-up query the chart
  // and today's calls. The accounts are read once, for the comparison and the attention list alike.
  const accountRows = getDb().providerAccount.findMany({ select: ACCOUNT_SELECT, orderBy: [{ kind: "asc" }, { name: "asc" }] });
  const [accounts, attention, hours] = await Promise.all([accountRows, needsAttention(now, accountRows), hourlySums(now, range)]);
  const { tasks } = attention;
  return {
    generatedAt: now.toISOString(),
    isEmpty: tasks.all.tasks === 0,
    accountCount: accounts.length,
    kpis: overviewKpis(tasks, hours.today),
    range,
    hourly: hours.points,
    providers: providerComparison(accounts, tasks),
    attention: attention.items,
    attentionCounts: attention.counts,
    staleAfterSec: staleAfterSec(),
  };
}

/** Midnight of `now`'s day in the reporting zone. */
export function startOfReportingDay(now: Date): Date {
  const local = new TZDate(now.getTime(), REPORTING_TIME_ZONE);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), REPORTING_TIME_ZONE).getTime());
}

interface Totals {
  tasks: number;
  totalCalls: number;
  answeredCalls: number;
  totalOrders: number;
  finishedOrders: number;
}

const noTotals = (): Totals => ({ tasks: 0, totalCalls: 0, answeredCalls: 0, totalOrders: 0, finishedOrders: 0 });

function addTo(into: Totals, row: Totals): void {
  into.tasks += row.tasks;
  into.totalCalls += row.totalCalls;
  into.answeredCalls += row.answeredCalls;
  into.totalOrders += row.totalOrders;
  into.finishedOrders += row.finishedOrders;
}

/** Live tasks' counters: in all, per status, per account, and running per account. */
interface TaskTotals {
  all: Totals;
  byStatus: Map<string, Totals>;
  byAccount: Map<string, Totals>;
  runningByAccount: Map<string, number>;
}

/** Live tasks' counters (TaskTotals), running tasks per call-time group, and how many tasks' sync is stale. */
interface TaskCounters extends TaskTotals {
  runningByGroup: Map<string, number>;
  staleSync: number;
}

/**
 * Every counter the overview shows in one pass over the tasks, per status, account and call-time group: the
 * totals, running tasks per group (the outside-window count is theirs in the groups closed now) and how many were
 * last synced before `staleBefore` (the conditions of the attention lists in needsAttention). One statement
 * instead of three, needing nothing read before it; Task_overview_counters_idx covers every column it reads, in
 * its grouping order, so SQLite reads no table row (issue 14 goal 3).
 */
async function taskCounters(staleBefore: Date | null): Promise<TaskCounters> {
  const stale =
    staleBefore === null
      ? Prisma.sql`0`
      : Prisma.sql`SUM(CASE WHEN "lastSyncAt" < ${staleBefore} OR ("lastSyncAt" IS NULL AND "createdAt" < ${staleBefore}) THEN 1 ELSE 0 END)`;
  // Deleted tasks are neither live nor stale; every other status is read, and only LIVE_STATUSES are totalled.
  const rows = await getDb().$queryRaw<CounterRow[]>(Prisma.sql`
    SELECT "status", "accountId", "callTimeGroupId", COUNT(*) AS "tasks",
      SUM("totalCalls") AS "totalCalls", SUM("answeredCalls") AS "answeredCalls",
      SUM("totalOrders") AS "totalOrders", SUM("finishedOrders") AS "finishedOrders", ${stale} AS "stale"
    FROM "Task" WHERE "goneAt" IS NULL AND "status" <> 'deleted'
    GROUP BY "status", "accountId", "callTimeGroupId"`);
  const out: TaskCounters = { all: noTotals(), byStatus: new Map(), byAccount: new Map(), runningByAccount: new Map(), runningByGroup: new Map(), staleSync: 0 };
  for (const row of rows) {
    const totals: Totals = {
      tasks: Number(row.tasks),
      totalCalls: Number(row.totalCalls ?? 0),
      answeredCalls: Number(row.answeredCalls ?? 0),
      totalOrders: Number(row.totalOrders ?? 0),
      finishedOrders: Number(row.finishedOrders ?? 0),
    };
    if (!TERMINAL_STATUSES.includes(row.status)) out.staleSync += Number(row.stale ?? 0);
    if (!LIVE_STATUSES.includes(row.status)) continue;
    addTo(out.all, totals);
    const byStatus = out.byStatus.get(row.status) ?? noTotals();
    addTo(byStatus, totals);
    out.byStatus.set(row.status, byStatus);
    const byAccount = out.byAccount.get(row.accountId) ?? noTotals();
    addTo(byAccount, totals);
    out.byAccount.set(row.accountId, byAccount);
    if (row.status !== "running") continue;
    out.runningByAccount.set(row.accountId, (out.runningByAccount.get(row.accountId) ?? 0) + totals.tasks);
    if (row.callTimeGroupId !== null) out.runningByGroup.set(row.callTimeGroupId, (out.runningByGroup.get(row.callTimeGroupId) ?? 0) + totals.tasks);
  }
  return out;
}

/** A row of taskCounters' statement; PostgreSQL returns COUNT and SUM as bigint. */
interface CounterRow {
  status: string;
  accountId: string;
  callTimeGroupId: string | null;
  stale: number | bigint | null;
  tasks: number | bigint;
  totalCalls: number | bigint | null;
  answeredCalls: number | bigint | null;
  totalOrders: number | bigint | null;
  finishedOrders: number | bigint | null;
}

function overviewKpis(tasks: TaskTotals, today: { calls: number; answered: number }): OverviewKpis {
  const running = tasks.byStatus.get("running") ?? noTotals();
  return {
    runningTasks: running.tasks,
    pausedTasks: tasks.byStatus.get("paused")?.tasks ?? 0,
    callsToday: today.calls,
    answeredToday: today.answered,
    answerRateToday: answerRate({ totalCalls: today.calls, answeredCalls: today.answered }),
    runningFinishRate: finishRate(running),
    runningFinishedOrders: running.finishedOrders,
    runningTotalOrders: running.totalOrders,
  };
}

/**
 * The chart: one point per hour of the range, oldest first, the current hour last; hours without calls are 0.
 * Today's calls come from the same rows: local midnight is always within the last 24 hours.
 */
async function hourlySums(now: Date, range: OverviewRange): Promise<{ points: HourPoint[]; today: { calls: number; answered: number } }> {
  const hours = RANGE_HOURS[range];
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = new Date(currentHour - (hours - 1) * HOUR_MS);
  const midnight = startOfReportingDay(now);
  const rows = await getDb().hourlyRollup.groupBy({
    by: ["hour"],
    where: { hour: { gte: midnight < from ? midnight : from } },
    _sum: { calls: true, answered: true },
  });
  const today = { calls: 0, answered: 0 };
  for (const row of rows) {
    if (row.hour < midnight) continue;
    today.calls += row._sum.calls ?? 0;
    today.answered += row._sum.answered ?? 0;
  }
  const byHour = new Map(rows.map((row) => [row.hour.getTime(), row._sum]));
  const points: HourPoint[] = [];
  for (let i = 0; i < hours; i++) {
    const at = from.getTime() + i * HOUR_MS;
    const sums = byHour.get(at);
    points.push({ hour: new Date(at).toISOString(), calls: sums?.calls ?? 0, answered: sums?.answered ?? 0 });
  }
  return { points, today };
}

const ACCOUNT_SELECT = { id: true, name: true, kind: true, isDemo: true, enabled: true } as const;
type AccountRow = { id: string; name: string; kind: string; isDemo: boolean; enabled: boolean };

function providerComparison(
  accounts: AccountRow[],
  tasks: TaskTotals,
): ProviderComparisonRow[] {
  return accounts.map((account) => {
    const stats = tasks.byAccount.get(account.id) ?? noTotals();
    return {
      accountId: account.id,
      accountName: account.name,
      kind: account.kind as ProviderKind,
      kindLabel: kindLabel(account.kind),
      isDemo: account.isDemo,
      enabled: account.enabled,
      tasks: stats.tasks,
      runningTasks: tasks.runningByAccount.get(account.id) ?? 0,
      totalCalls: stats.totalCalls,
      answeredCalls: stats.answeredCalls,
      answerRate: answerRate(stats),
      totalOrders: stats.totalOrders,
      finishedOrders: stats.finishedOrders,
      finishRate: finishRate(stats),
    };
  });
}

/** Seconds after which a task's last sync is stale, or null when the scheduled sync is off. */
export function staleAfterSec(): number | null {
  const interval = syncIntervalSec();
  return interval > 0 ? interval * STALE_SYNC_INTERVALS : null;
}

const ATTENTION_SELECT = {
  id: true,
  name: true,
  status: true,
  rawStatus: true,
  // What waitingFor needs to say the same reason as the task page.
  accountId: true,
  kind: true,
  totalOrders: true,
  finishedOrders: true,
  callTimeGroupId: true,
  lastSyncAt: true,
  createdAt: true,
} as const;

/**
 * Tasks a manager should look at: failed; paused by the provider (no user paused it here);
 * running while their call-time group says no dialling now; not synced for three sync intervals.
 * Each reason is counted in full (taskCounters), but only the first ATTENTION_LIMIT tasks of each are loaded,
 * and none for a reason that no task has.
 */
async function needsAttention(now: Date, accountRows: Promise<AccountRow[]>): Promise<{ tasks: TaskCounters; items: AttentionItem[]; counts: Record<AttentionReason, number> }> {
  const db = getDb();
  const staleSec = staleAfterSec();
  const staleBefore = staleSec === null ? null : new Date(now.getTime() - staleSec * 1000);
  // Whether each account's provider is reachable is read beside the counters, not after the lists (PostgreSQL
  // runs them at once).
  const [pausedByUser, groups, calendar, tasks, unreachable] = await Promise.all([
    allTasksPausedByUser(),
    allCallTimeGroups(),
    getHolidayCalendar(),
    taskCounters(staleBefore),
    accountRows.then((rows) => accountsUnreachable(rows.map((account) => account.id))),
  ]);
  // Groups are few (a center has a handful), tasks many.
  const closedGroupIds = groups.filter((group) => !isCallable(group, now, calendar)).map((group) => group.id);
  const counts: Record<AttentionReason, number> = {
    failed: tasks.byStatus.get("failed")?.tasks ?? 0,
    "paused-by-provider": Math.max(0, (tasks.byStatus.get("paused")?.tasks ?? 0) - pausedByUser.size),
    "outside-window": closedGroupIds.reduce((sum, id) => sum + (tasks.runningByGroup.get(id) ?? 0), 0),
    "stale-sync": tasks.staleSync,
  };

  const where: Record<AttentionReason, Prisma.TaskWhereInput | null> = {
    failed: { status: "failed", goneAt: null },
    "paused-by-provider": null,
    "outside-window": closedGroupIds.length > 0 ? { status: "running", goneAt: null, callTimeGroupId: { in: closedGroupIds } } : null,
    "stale-sync":
      staleBefore === null
        ? null
        : {
            status: { notIn: TERMINAL_STATUSES },
            goneAt: null,
            OR: [{ lastSyncAt: { lt: staleBefore } }, { lastSyncAt: null, createdAt: { lt: staleBefore } }],
          },
  };
  const firstOf = async (reason: AttentionReason) => {
    if (counts[reason] === 0) return [];
    if (reason === "paused-by-provider") {
      // The latest paused ones, enough of them that ATTENTION_LIMIT remain once those a user paused are set aside.
      const paused = await db.task.findMany({
        where: { status: "paused", goneAt: null },
        select: ATTENTION_SELECT,
        orderBy: { statusAt: "desc" },
        take: ATTENTION_LIMIT + pausedByUser.size,
      });
      return paused.filter((task) => !pausedByUser.has(task.id)).slice(0, ATTENTION_LIMIT);
    }
    const condition = where[reason];
    return condition ? db.task.findMany({ where: condition, select: ATTENTION_SELECT, orderBy: { statusAt: "desc" }, take: ATTENTION_LIMIT }) : [];
  };
  const firsts = await Promise.all(ATTENTION_REASONS.map(firstOf));

  // The accounts' names and kinds are read once, for the provider comparison as well; one added since that read
  // (its first sync running meanwhile) is looked up.
  const accounts = new Map((await accountRows).map((account) => [account.id, account]));
  const unknown = [...new Set(firsts.flat().map((task) => task.accountId))].filter((id) => !accounts.has(id));
  if (unknown.length > 0) for (const account of await db.providerAccount.findMany({ where: { id: { in: unknown } }, select: ACCOUNT_SELECT })) accounts.set(account.id, account);
  const byTask = new Map<string, AttentionItem>();
  // An account added since the accounts were read is not in `unreachable`: waitingFor then reads it itself.
  const waiting = await waitingFor(firsts.flat(), now, { groups, calendar, pausedByUser, unreachable: unknown.length === 0 ? unreachable : undefined });
  ATTENTION_REASONS.forEach((reason, index) => {
    for (const task of firsts[index]) {
      const account = accounts.get(task.accountId) ?? { name: "", kind: "" };
      const item = byTask.get(task.id) ?? {
        taskId: task.id,
        name: task.name,
        accountName: account.name,
        kind: account.kind as ProviderKind,
        kindLabel: kindLabel(account.kind),
        status: task.status,
        rawStatus: task.rawStatus,
        reasons: [],
        waiting: null,
        lastSyncAt: task.lastSyncAt?.toISOString() ?? null,
      };
      item.reasons.push(reason);
      item.waiting = waiting.get(task.id) ?? null;
      byTask.set(task.id, item);
    }
  });
  return { tasks, items: [...byTask.values()].slice(0, ATTENTION_LIMIT), counts };
}

/** The provider's name in both languages, as its adapter states it. */
function kindLabel(kind: string): LocalizedText {
  return allAdapters().find((adapter) => adapter.kind === kind)?.capabilities.label ?? { en: kind, zh: kind };
}
