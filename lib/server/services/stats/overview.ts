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
import type { Prisma } from "../../../generated/sqlite/client";
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
import { allTasksPausedByUser, waitingFor } from "../tasks/waiting";

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
  // One query per kind of row instead of one per widget (issue 14 goal 3): the tasks' counters grouped by
  // account and status feed the KPIs, the provider comparison and the attention counts; one roll-up query the
  // chart and today's calls.
  const totals = taskTotals();
  const [accounts, tasks, hours, attention] = await Promise.all([
    getDb().providerAccount.findMany({ select: { id: true, name: true, kind: true, isDemo: true, enabled: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] }),
    totals,
    hourlySums(now, range),
    needsAttention(now, totals),
  ]);
  const staleAfter = staleAfterSec();
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
    staleAfterSec: staleAfter,
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

async function taskTotals(): Promise<TaskTotals> {
  const rows = await getDb().task.groupBy({
    by: ["accountId", "status"],
    where: { status: { in: LIVE_STATUSES }, goneAt: null },
    _count: { _all: true },
    _sum: { totalCalls: true, answeredCalls: true, totalOrders: true, finishedOrders: true },
  });
  const out: TaskTotals = { all: noTotals(), byStatus: new Map(), byAccount: new Map(), runningByAccount: new Map() };
  for (const row of rows) {
    const totals: Totals = {
      tasks: row._count._all,
      totalCalls: row._sum.totalCalls ?? 0,
      answeredCalls: row._sum.answeredCalls ?? 0,
      totalOrders: row._sum.totalOrders ?? 0,
      finishedOrders: row._sum.finishedOrders ?? 0,
    };
    addTo(out.all, totals);
    const byStatus = out.byStatus.get(row.status) ?? noTotals();
    addTo(byStatus, totals);
    out.byStatus.set(row.status, byStatus);
    const byAccount = out.byAccount.get(row.accountId) ?? noTotals();
    addTo(byAccount, totals);
    out.byAccount.set(row.accountId, byAccount);
    if (row.status === "running") out.runningByAccount.set(row.accountId, totals.tasks);
  }
  return out;
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

function providerComparison(
  accounts: { id: string; name: string; kind: string; isDemo: boolean; enabled: boolean }[],
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
  account: { select: { name: true, kind: true } },
} as const;

/**
 * Tasks a manager should look at: failed; paused by the provider (no user paused it here);
 * running while their call-time group says no dialling now; not synced for three sync intervals.
 * Each reason is counted in full, but only the first ATTENTION_LIMIT tasks of each are loaded.
 */
async function needsAttention(now: Date, taskCounts: Promise<TaskTotals>): Promise<{ items: AttentionItem[]; counts: Record<AttentionReason, number> }> {
  const db = getDb();
  const staleSec = staleAfterSec();
  const staleBefore = staleSec === null ? null : new Date(now.getTime() - staleSec * 1000);
  const [pausedByUser, groups, calendar] = await Promise.all([allTasksPausedByUser(), allCallTimeGroups(), getHolidayCalendar()]);
  // Groups are few (a center has a handful), tasks many.
  const closedGroupIds = groups.filter((group) => !isCallable(group, now, calendar)).map((group) => group.id);

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
  const countOf = async (reason: AttentionReason) => {
    // Failed and paused tasks are counted already (taskTotals); both read live tasks not gone.
    if (reason === "failed") return (await taskCounts).byStatus.get("failed")?.tasks ?? 0;
    if (reason === "paused-by-provider") return Math.max(0, ((await taskCounts).byStatus.get("paused")?.tasks ?? 0) - pausedByUser.size);
    const condition = where[reason];
    return condition ? db.task.count({ where: condition }) : 0;
  };
  const [firsts, totals] = await Promise.all([Promise.all(ATTENTION_REASONS.map(firstOf)), Promise.all(ATTENTION_REASONS.map(countOf))]);

  const byTask = new Map<string, AttentionItem>();
  const waiting = await waitingFor(firsts.flat(), now, { groups, calendar, pausedByUser });
  ATTENTION_REASONS.forEach((reason, index) => {
    for (const task of firsts[index]) {
      const item = byTask.get(task.id) ?? {
        taskId: task.id,
        name: task.name,
        accountName: task.account.name,
        kind: task.account.kind as ProviderKind,
        kindLabel: kindLabel(task.account.kind),
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
  const counts = Object.fromEntries(ATTENTION_REASONS.map((reason, index) => [reason, totals[index]])) as Record<AttentionReason, number>;
  return { items: [...byTask.values()].slice(0, ATTENTION_LIMIT), counts };
}

/** The provider's name in both languages, as its adapter states it. */
function kindLabel(kind: string): LocalizedText {
  return allAdapters().find((adapter) => adapter.kind === kind)?.capabilities.label ?? { en: kind, zh: kind };
}
