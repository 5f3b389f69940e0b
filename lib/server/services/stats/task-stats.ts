// One task's statistics for /tasks/[id]: its counters and rates (the mirror's Task row), the
// history of those counters (TaskSnapshot, kept as long as the mirror lives), and what its calls
// ended as, hour by hour (HourlyRollup). CallRecord is never scanned here.
import "server-only";
import { serverText } from "../../texts";
import { answerRate, countersOf, finishRate, penetrationRate, ratesDisagree } from "../../../domain/stats";
import type { TaskStats } from "../../../domain/stats-types";
import type { TaskStatus } from "../../../domain/task";
import { adapterFor } from "../../../providers/registry";
import type { ProviderKind } from "../../../providers/types";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { COUNTER_SELECT } from "../../stat-counters";
import type { ActivityPoint, OutcomeBreakdown, ProviderRateCheck, TaskRates, TaskStatsView } from "../../../contracts/stats";
import { controlRules } from "../tasks/rules";
import { waitingFor } from "../tasks/waiting";

/** At most this many points in the time series; longer histories keep the last snapshot of each slice. */
export const SERIES_MAX_POINTS = 240;
/** The per-hour activity chart covers this many hours, ending with the task's latest hour. */
export const ACTIVITY_HOURS = 48;
const HOUR_MS = 3_600_000;

const TASK_SELECT = {
  id: true,
  accountId: true,
  kind: true,
  name: true,
  status: true,
  rawStatus: true,
  statusAt: true,
  statusChangedAt: true,
  callTimeGroupId: true,
  lastSyncAt: true,
  ...COUNTER_SELECT,
  providerAnswerRate: true,
  providerFinishRate: true,
  account: { select: { kind: true } },
} as const;

const SNAPSHOT_SELECT = { at: true, ...COUNTER_SELECT } as const;

export function taskNotFound(): AppError {
  return new AppError("NOT_FOUND", serverText("stats.taskGone"));
}

export async function getTaskStats({ taskId, now }: { taskId: string; now: Date }): Promise<TaskStatsView> {
  const db = getDb();
  const task = await db.task.findUnique({ where: { id: taskId }, select: TASK_SELECT });
  if (!task) throw taskNotFound();

  const caps = adapterFor(task.account.kind).capabilities;
  const [snapshots, outcomeSums, latestHour, waiting] = await Promise.all([
    db.taskSnapshot.findMany({ where: { taskId }, select: SNAPSHOT_SELECT, orderBy: { at: "asc" } }),
    db.hourlyRollup.aggregate({
      where: { taskId },
      _sum: { calls: true, answered: true, noAnswer: true, busy: true, failed: true, talkSeconds: true },
    }),
    db.hourlyRollup.findFirst({ where: { taskId }, select: { hour: true }, orderBy: { hour: "desc" } }),
    waitingFor([task], now),
  ]);

  const counters: TaskStats = {
    ...countersOf(task),
    ...(task.providerAnswerRate !== null ? { providerAnswerRate: task.providerAnswerRate } : {}),
    ...(task.providerFinishRate !== null ? { providerFinishRate: task.providerFinishRate } : {}),
  };
  const rates = ratesOf(counters);

  return {
    taskId: task.id,
    name: task.name,
    kind: task.account.kind as ProviderKind,
    status: task.status as TaskStatus,
    rawStatus: task.rawStatus,
    statusSince: (task.statusChangedAt ?? task.statusAt).toISOString(),
    generatedAt: now.toISOString(),
    lastSyncAt: task.lastSyncAt?.toISOString() ?? null,
    controls: controlRules({ status: task.status as TaskStatus, kind: task.kind }, caps),
    unreported: [...(caps.unreportedFigures ?? [])],
    waiting: waiting.get(task.id) ?? null,
    counters,
    rates,
    provider: {
      answerRate: providerCheck(rates.answerRate, task.providerAnswerRate),
      finishRate: providerCheck(rates.finishRate, task.providerFinishRate),
    },
    series: thin(snapshots, SERIES_MAX_POINTS).map((snapshot) => ({
      at: snapshot.at.toISOString(),
      ...countersOf(snapshot),
      ...ratesOf(snapshot),
    })),
    snapshotCount: snapshots.length,
    outcomes: outcomesOf(outcomeSums._sum),
    activity: await activity(taskId, activityEnd(task.status === "running", now, latestHour?.hour ?? null)),
  };
}

export function ratesOf(stats: TaskStats): TaskRates {
  return { answerRate: answerRate(stats), finishRate: finishRate(stats), penetrationRate: penetrationRate(stats) };
}

function providerCheck(ours: number, theirs: number | null): ProviderRateCheck {
  return { theirs, disagrees: theirs !== null && ratesDisagree(ours, theirs) };
}

function outcomesOf(sums: {
  calls: number | null;
  answered: number | null;
  noAnswer: number | null;
  busy: number | null;
  failed: number | null;
  talkSeconds: number | null;
}): OutcomeBreakdown {
  const calls = sums.calls ?? 0;
  const answered = sums.answered ?? 0;
  const noAnswer = sums.noAnswer ?? 0;
  const busy = sums.busy ?? 0;
  const failed = sums.failed ?? 0;
  return {
    calls,
    answered,
    noAnswer,
    busy,
    failed,
    other: Math.max(0, calls - answered - noAnswer - busy - failed),
    talkSeconds: sums.talkSeconds ?? 0,
  };
}

/**
 * Where the activity chart ends: now for a running task, its last active hour for a stopped one, and
 * in any case no earlier than the latest hour with calls — a provider whose clock runs ahead (the
 * accelerated simulators do) still shows its latest calls.
 */
export function activityEnd(running: boolean, now: Date, latestHour: Date | null): Date {
  if (!latestHour) return now;
  if (!running) return latestHour;
  return latestHour > now ? latestHour : now;
}

/** The ACTIVITY_HOURS hours ending with `until`'s hour, zeros where nothing was dialled. */
async function activity(taskId: string, until: Date): Promise<ActivityPoint[]> {
  const lastHour = Math.floor(until.getTime() / HOUR_MS) * HOUR_MS;
  const from = lastHour - (ACTIVITY_HOURS - 1) * HOUR_MS;
  const rows = await getDb().hourlyRollup.findMany({
    where: { taskId, hour: { gte: new Date(from), lte: new Date(lastHour) } },
    select: { hour: true, calls: true, answered: true, noAnswer: true, busy: true, failed: true },
  });
  const byHour = new Map(rows.map((row) => [row.hour.getTime(), row]));
  const points: ActivityPoint[] = [];
  for (let i = 0; i < ACTIVITY_HOURS; i++) {
    const at = from + i * HOUR_MS;
    const row = byHour.get(at);
    points.push({
      hour: new Date(at).toISOString(),
      calls: row?.calls ?? 0,
      answered: row?.answered ?? 0,
      noAnswer: row?.noAnswer ?? 0,
      busy: row?.busy ?? 0,
      failed: row?.failed ?? 0,
    });
  }
  return points;
}

/**
 * At most `max` items, evenly spread, always keeping the first and the last (the current state):
 * a chart of months of snapshots stays readable and its payload small.
 */
export function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * step)]);
  return out;
}
