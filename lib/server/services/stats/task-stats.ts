// One task's statistics for /tasks/[id]: its counters and rates (the mirror's Task row), the
// history of those counters (TaskSnapshot, kept as long as the mirror lives), and what its calls
// ended as, hour by hour (HourlyRollup). CallRecord is never scanned here.
import "server-only";
import { serverText } from "../../texts";
import { answerRate, countersOf, finishRate, penetrationRate, ratesDisagree } from "../../../domain/stats";
import type { StatCounters, TaskStats } from "../../../domain/stats-types";
import type { TaskStatus } from "../../../domain/task";
import { adapterFor } from "../../../providers/registry";
import type { ProviderKind } from "../../../providers/types";
import { getDb } from "../../db";
import { Prisma } from "../../../generated/sqlite/client";
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
type Snapshot = StatCounters & { at: Date };

export function taskNotFound(): AppError {
  return new AppError("NOT_FOUND", serverText("stats.taskGone"));
}

/**
 * When the mirror last wrote the task (a sync, a webhook, a write's re-read): the paused task page's cheap check,
 * which fetches the figures again only when this moves (issue 15 point 2).
 */
export async function getTaskSyncedAt(taskId: string): Promise<{ lastSyncAt: string | null; auditedAt: string | null }> {
  const [task, audit] = await Promise.all([
    getDb().task.findUnique({ where: { id: taskId }, select: { lastSyncAt: true } }),
    // The newest audit entry of the task: a pause's entry is written after its answer, and who paused it
    // ("paused by the provider" or by a user here) is read from it.
    getDb().auditEntry.findFirst({ where: { targetType: "task", targetId: taskId }, orderBy: { at: "desc" }, select: { at: true } }),
  ]);
  if (!task) throw taskNotFound();
  return { lastSyncAt: task.lastSyncAt?.toISOString() ?? null, auditedAt: audit?.at.toISOString() ?? null };
}

export async function getTaskStats({ taskId, now }: { taskId: string; now: Date }): Promise<TaskStatsView> {
  const db = getDb();
  // Everything at once but what needs the task row (issue 14 goal 3): on a busy server every round trip
  // waits its turn, so the page costs as many waits as its longest chain of queries, here two.
  const taskAndWaiting = (async () => {
    const task = await db.task.findUnique({ where: { id: taskId }, select: TASK_SELECT });
    return task ? { task, waiting: await waitingFor([task], now) } : null;
  })();
  const others = Promise.all([
    chartSnapshots(taskId),
    db.hourlyRollup.aggregate({
      where: { taskId },
      _sum: { calls: true, answered: true, noAnswer: true, busy: true, failed: true, talkSeconds: true },
    }),
    // The latest hours with calls: the activity chart's hours are among them (see latestActivity).
    db.hourlyRollup.findMany({ where: { taskId }, select: ACTIVITY_SELECT, orderBy: { hour: "desc" }, take: ACTIVITY_HOURS }),
  ]);
  // Nothing is left running when the task turns out to be gone.
  others.catch(() => undefined);
  const found = await taskAndWaiting;
  if (!found) throw taskNotFound();
  const { task, waiting } = found;
  const [[series, snapshotCount], outcomeSums, latestRows] = await others;

  const caps = adapterFor(task.account.kind).capabilities;

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
    series: series.map((snapshot) => ({
      at: snapshot.at.toISOString(),
      ...countersOf(snapshot),
      ...ratesOf(snapshot),
    })),
    snapshotCount,
    outcomes: outcomesOf(outcomeSums._sum),
    activity: activity(latestRows, activityEnd(task.status === "running", now, latestRows[0]?.hour ?? null)),
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

const ACTIVITY_SELECT = { hour: true, calls: true, answered: true, noAnswer: true, busy: true, failed: true } as const;
type ActivityRow = { hour: Date; calls: number; answered: number; noAnswer: number; busy: number; failed: number };

/**
 * The ACTIVITY_HOURS hours ending with `until`'s hour, zeros where nothing was dialled. `latest` are the task's
 * latest ACTIVITY_HOURS roll-up rows: `until` is never before the latest of them (activityEnd), so every row
 * of the window (at most one per hour) is among them.
 */
function activity(latest: ActivityRow[], until: Date): ActivityPoint[] {
  const lastHour = Math.floor(until.getTime() / HOUR_MS) * HOUR_MS;
  const from = lastHour - (ACTIVITY_HOURS - 1) * HOUR_MS;
  const byHour = new Map(latest.filter((row) => row.hour.getTime() >= from && row.hour.getTime() <= lastHour).map((row) => [row.hour.getTime(), row]));
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
 * Positions (0-based, ascending) of at most `max` of `count` items, evenly spread, always the first and the last
 * (the current state): a chart of months of snapshots stays readable and its payload small. Position i is
 * i × (count − 1) / (max − 1) rounded half up, in integers so that SQL (chartSnapshots) picks the same ones.
 */
export function thinnedPositions(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((2 * i * (count - 1) + (max - 1)) / (2 * (max - 1))));
}

/**
 * The snapshots the chart shows (oldest first, thinnedPositions of them) and how many there are. Only the chosen
 * ones leave the database (issue 14 goal 3): a month of per-minute snapshots is tens of thousands of rows, and
 * read and thinned in JS they cost the page a second and more. Row k (0-based, of n) is kept when it is the
 * position of the nearest i: with n > max the step exceeds 1, so round(k × (max − 1) / (n − 1)) is the only
 * i that can land on k.
 */
async function chartSnapshots(taskId: string): Promise<[Snapshot[], number]> {
  const db = getDb();
  const max = Prisma.raw(String(SERIES_MAX_POINTS));
  const picked = await db.$queryRaw<{ id: string; n: number | bigint }[]>(Prisma.sql`
    SELECT "id", "n" FROM (
      SELECT "id", ROW_NUMBER() OVER (ORDER BY "at" ASC, "id" ASC) - 1 AS "k", COUNT(*) OVER () AS "n"
      FROM "TaskSnapshot" WHERE "taskId" = ${taskId}
    ) AS "numbered"
    WHERE CASE
      WHEN "n" <= ${max} THEN 1
      WHEN (2 * ((2 * "k" * (${max} - 1) + ("n" - 1)) / (2 * ("n" - 1))) * ("n" - 1) + (${max} - 1)) / (2 * (${max} - 1)) = "k" THEN 1
      ELSE 0
    END = 1`);
  if (picked.length === 0) return [[], 0];
  const rows = await db.taskSnapshot.findMany({ where: { id: { in: picked.map((r) => r.id) } }, select: SNAPSHOT_SELECT, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return [rows, Number(picked[0].n)];
}
