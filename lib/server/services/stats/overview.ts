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
import { listCallTimeGroups } from "../call-time-groups";
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
import { tasksPausedByUser, waitingFor } from "../tasks/waiting";

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
  const [taskCount, accountCount, kpis, hourly, providers, attention] = await Promise.all([
    getDb().task.count({ where: { status: { in: LIVE_STATUSES }, goneAt: null } }),
    getDb().providerAccount.count(),
    overviewKpis(now),
    callsPerHour(now, range),
    providerComparison(),
    needsAttention(now),
  ]);
  const staleAfter = staleAfterSec();
  return {
    generatedAt: now.toISOString(),
    isEmpty: taskCount === 0,
    accountCount,
    kpis,
    range,
    hourly,
    providers,
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

async function overviewKpis(now: Date): Promise<OverviewKpis> {
  const db = getDb();
  const [today, running, paused] = await Promise.all([
    db.hourlyRollup.aggregate({ where: { hour: { gte: startOfReportingDay(now) } }, _sum: { calls: true, answered: true } }),
    db.task.aggregate({
      where: { status: "running", goneAt: null },
      _count: { _all: true },
      _sum: { totalOrders: true, finishedOrders: true },
    }),
    db.task.count({ where: { status: "paused", goneAt: null } }),
  ]);
  const callsToday = today._sum.calls ?? 0;
  const answeredToday = today._sum.answered ?? 0;
  const runningTotalOrders = running._sum.totalOrders ?? 0;
  const runningFinishedOrders = running._sum.finishedOrders ?? 0;
  return {
    runningTasks: running._count._all,
    pausedTasks: paused,
    callsToday,
    answeredToday,
    answerRateToday: answerRate({ totalCalls: callsToday, answeredCalls: answeredToday }),
    runningFinishRate: finishRate({ totalOrders: runningTotalOrders, finishedOrders: runningFinishedOrders }),
    runningFinishedOrders,
    runningTotalOrders,
  };
}

/** One point per hour of the range, oldest first, the current hour last; hours without calls are 0. */
async function callsPerHour(now: Date, range: OverviewRange): Promise<HourPoint[]> {
  const hours = RANGE_HOURS[range];
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = new Date(currentHour - (hours - 1) * HOUR_MS);
  const rows = await getDb().hourlyRollup.groupBy({
    by: ["hour"],
    where: { hour: { gte: from } },
    _sum: { calls: true, answered: true },
  });
  const byHour = new Map(rows.map((row) => [row.hour.getTime(), row._sum]));
  const points: HourPoint[] = [];
  for (let i = 0; i < hours; i++) {
    const at = from.getTime() + i * HOUR_MS;
    const sums = byHour.get(at);
    points.push({ hour: new Date(at).toISOString(), calls: sums?.calls ?? 0, answered: sums?.answered ?? 0 });
  }
  return points;
}

async function providerComparison(): Promise<ProviderComparisonRow[]> {
  const db = getDb();
  const [accounts, totals, running] = await Promise.all([
    db.providerAccount.findMany({ select: { id: true, name: true, kind: true, isDemo: true, enabled: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] }),
    db.task.groupBy({
      by: ["accountId"],
      where: { status: { in: LIVE_STATUSES }, goneAt: null },
      _count: { _all: true },
      _sum: { totalCalls: true, answeredCalls: true, totalOrders: true, finishedOrders: true },
    }),
    db.task.groupBy({ by: ["accountId"], where: { status: "running", goneAt: null }, _count: { _all: true } }),
  ]);
  const totalsByAccount = new Map(totals.map((row) => [row.accountId, row]));
  const runningByAccount = new Map(running.map((row) => [row.accountId, row._count._all]));
  return accounts.map((account) => {
    const row = totalsByAccount.get(account.id);
    const stats = {
      totalCalls: row?._sum.totalCalls ?? 0,
      answeredCalls: row?._sum.answeredCalls ?? 0,
      totalOrders: row?._sum.totalOrders ?? 0,
      finishedOrders: row?._sum.finishedOrders ?? 0,
    };
    return {
      accountId: account.id,
      accountName: account.name,
      kind: account.kind as ProviderKind,
      kindLabel: kindLabel(account.kind),
      isDemo: account.isDemo,
      enabled: account.enabled,
      tasks: row?._count._all ?? 0,
      runningTasks: runningByAccount.get(account.id) ?? 0,
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
async function needsAttention(now: Date): Promise<{ items: AttentionItem[]; counts: Record<AttentionReason, number> }> {
  const db = getDb();
  const staleSec = staleAfterSec();
  const staleBefore = staleSec === null ? null : new Date(now.getTime() - staleSec * 1000);
  const [pausedIds, closedGroupIds] = await Promise.all([
    db.task.findMany({ where: { status: "paused", goneAt: null }, select: { id: true }, orderBy: { statusAt: "desc" } }),
    groupsClosedAt(now),
  ]);
  const pausedByUser = await tasksPausedByUser(pausedIds.map((task) => task.id));
  const providerPausedIds = pausedIds.map((task) => task.id).filter((id) => !pausedByUser.has(id));

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
  const firstOf = (reason: AttentionReason) => {
    if (reason === "paused-by-provider") {
      const ids = providerPausedIds.slice(0, ATTENTION_LIMIT);
      return ids.length > 0 ? db.task.findMany({ where: { id: { in: ids } }, select: ATTENTION_SELECT, orderBy: { statusAt: "desc" } }) : Promise.resolve([]);
    }
    const condition = where[reason];
    return condition ? db.task.findMany({ where: condition, select: ATTENTION_SELECT, orderBy: { statusAt: "desc" }, take: ATTENTION_LIMIT }) : Promise.resolve([]);
  };
  const countOf = (reason: AttentionReason) => {
    if (reason === "paused-by-provider") return Promise.resolve(providerPausedIds.length);
    const condition = where[reason];
    return condition ? db.task.count({ where: condition }) : Promise.resolve(0);
  };
  const [firsts, totals] = await Promise.all([Promise.all(ATTENTION_REASONS.map(firstOf)), Promise.all(ATTENTION_REASONS.map(countOf))]);

  const byTask = new Map<string, AttentionItem>();
  const waiting = await waitingFor(firsts.flat(), now);
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

/** Groups that allow no dialling at `now`. Groups are few (a center has a handful), tasks many. */
async function groupsClosedAt(now: Date): Promise<string[]> {
  const [groups, calendar] = await Promise.all([listCallTimeGroups(), getHolidayCalendar()]);
  return groups.filter((group) => !isCallable(group, now, calendar)).map((group) => group.id);
}

/** The provider's name in both languages, as its adapter states it. */
function kindLabel(kind: string): LocalizedText {
  return allAdapters().find((adapter) => adapter.kind === kind)?.capabilities.label ?? { en: kind, zh: kind };
}
