// When will this task finish? Gathers what lib/domain/forecast.ts needs from the mirror — the
// numbers left, the task's retry strategy and call-time group, the answer rate and call length
// observed so far, its lines — and says in words why it cannot estimate when it cannot.
import "server-only";
import { forecastCompletion, redialsDialled } from "../../../domain/forecast";
import { defaultRetryStrategy } from "../../../domain/retry";
import type { RetryStrategy } from "../../../domain/retry-strategy";
import { answerRate } from "../../../domain/stats";
import { adapterFor } from "../../../providers/registry";
import { getDb } from "../../db";
import { getCallTimeGroup, getDefaultCallTimeGroup } from "../call-time-groups";
import { getHolidayCalendar } from "../holiday-calendar";
import { getRetryStrategy } from "../retry-strategies";
import { taskNotFound } from "./task-stats";
import type { CannotEstimateReason, ForecastExplanation, TaskForecastView } from "../../../contracts/stats";

const TASK_SELECT = {
  id: true,
  kind: true,
  status: true,
  totalOrders: true,
  finishedOrders: true,
  totalCalls: true,
  answeredCalls: true,
  concurrency: true,
  callTimeGroupId: true,
  retryStrategyId: true,
  account: { select: { kind: true } },
} as const;

export async function getTaskForecast({
  taskId,
  now,
  concurrency: concurrencyOverride,
}: {
  taskId: string;
  now: Date;
  /** Lines to assume instead of the task's own (a "what if" from the page, or when the provider does not say). */
  concurrency?: number;
}): Promise<TaskForecastView> {
  const db = getDb();
  const task = await db.task.findUnique({ where: { id: taskId }, select: TASK_SELECT });
  if (!task) throw taskNotFound();

  const [talk, strategy, ownGroup] = await Promise.all([
    db.hourlyRollup.aggregate({ where: { taskId }, _sum: { talkSeconds: true, answered: true } }),
    task.retryStrategyId ? getRetryStrategy(task.retryStrategyId) : Promise.resolve(null),
    task.callTimeGroupId ? getCallTimeGroup(task.callTimeGroupId) : Promise.resolve(null),
  ]);
  // A task synced from a provider has no Dialboard group linked; an estimate on the default group, said
  // plainly, is more useful to a manager than none.
  const group = ownGroup ?? (await getDefaultCallTimeGroup());
  const answeredWithTalk = talk._sum.answered ?? 0;
  const talkSeconds = talk._sum.talkSeconds ?? 0;
  const concurrency = concurrencyOverride ?? task.concurrency;
  const observedAnswerRate = answerRate(task);
  // A task without a strategy is dialled once per number: the default strategy's shape with no rounds.
  const effectiveStrategy: RetryStrategy = strategy ?? { ...defaultRetryStrategy(), rounds: [] };
  const caps = adapterFor(task.account.kind).capabilities;
  const retries = redialsDialled(effectiveStrategy, caps.maxRedials);
  const explanation: ForecastExplanation = {
    remainingOrders: Math.max(0, task.totalOrders - task.finishedOrders),
    totalOrders: task.totalOrders,
    finishedOrders: task.finishedOrders,
    answerRate: observedAnswerRate,
    totalCalls: task.totalCalls,
    answeredCalls: task.answeredCalls,
    avgCallMinutes: answeredWithTalk > 0 && talkSeconds > 0 ? talkSeconds / answeredWithTalk / 60 : null,
    concurrency: concurrency ?? null,
    concurrencySource: concurrencyOverride !== undefined ? "override" : task.concurrency !== null ? "task" : null,
    strategyName: strategy?.name ?? null,
    retries,
    strategyRetries: retries < effectiveStrategy.rounds.length ? effectiveStrategy.rounds.length : null,
    providerLabel: caps.label,
    groupName: group?.name ?? null,
    groupSource: ownGroup ? "task" : group ? "default" : null,
    timeZone: group?.timeZone ?? null,
    computed: null,
  };
  const cannot = (reason: CannotEstimateReason): TaskForecastView => ({ ok: false, taskId, reason, explanation });

  if (task.kind !== "call") return cannot("not-dialling");
  if (task.status === "failed" || task.status === "deleted") return cannot("ended");
  if (task.totalOrders === 0) return cannot("no-orders");
  // A paused task dials no one: a finish time would only be true if someone started it now.
  if (task.status === "paused") return cannot("paused");
  if (task.status === "completed" || explanation.remainingOrders === 0) {
    const at = now.toISOString();
    return { ok: true, taskId, finishAt: at, earliest: at, latest: at, done: true, explanation };
  }
  if (!group) return cannot("no-group");
  if (!concurrency || concurrency <= 0) return cannot("no-concurrency");
  if (task.totalCalls === 0) return cannot("no-calls-yet");
  const avgCallMinutes = explanation.avgCallMinutes;
  if (avgCallMinutes === null) return cannot("no-call-length");

  const forecast = forecastCompletion({
    now,
    remainingOrders: explanation.remainingOrders,
    strategy: effectiveStrategy,
    ...(caps.maxRedials !== undefined ? { maxRedials: caps.maxRedials } : {}),
    observedAnswerRate,
    concurrency,
    avgCallMinutes,
    group,
    calendar: await getHolidayCalendar(),
  });
  explanation.computed = forecast.inputs;
  if (!forecast.finishAt) return cannot(forecast.reason === "no-windows" ? "no-windows" : "no-throughput");
  return {
    ok: true,
    taskId,
    finishAt: forecast.finishAt.toISOString(),
    earliest: forecast.earliest?.toISOString() ?? null,
    latest: forecast.latest?.toISOString() ?? null,
    done: false,
    explanation,
  };
}
