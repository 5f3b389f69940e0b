// When will a task finish? A capacity estimate: the calls still needed, divided by what the
// lines can dial per hour, laid over the group's callable windows. Retry delays are not
// simulated (a retry waits at most its interval, which is short next to a task's run).

import type { CallTimeGroup } from "./call-time-group";
import type { HolidayCalendar } from "./holiday-calendar";
import type { RetryStrategy } from "./retry-strategy";
import { windows } from "./schedule";

export interface ForecastInput {
  now: Date;
  remainingOrders: number;
  /** Overrides the estimate from the answer rate and the strategy, e.g. when observed. */
  expectedAttemptsPerOrder?: number;
  strategy: RetryStrategy;
  /** The provider's own cap on redials (NXCloud: 1); absent = as many as the strategy has rounds. */
  maxRedials?: number;
  /** 0..1, answered calls ÷ calls so far. */
  observedAnswerRate: number;
  /** Simultaneous lines. */
  concurrency: number;
  /** Observed minutes per call, wrap-up included. */
  avgCallMinutes: number;
  group: CallTimeGroup;
  calendar: HolidayCalendar;
}

export interface ForecastInputs {
  remainingOrders: number;
  attemptsPerOrder: number;
  callsNeeded: number;
  /** 0 when there are no lines or no call length. */
  callsPerHour: number;
  /** null when nothing can be dialled (callsPerHour is 0). */
  callableHoursNeeded: number | null;
}

export interface Forecast {
  finishAt: Date | null;
  /** With a 10-point better answer rate and 20% shorter calls. */
  earliest: Date | null;
  /** With a 10-point worse answer rate and 20% longer calls. */
  latest: Date | null;
  inputs: ForecastInputs;
  reason?: "no-windows" | "no-throughput" | "done";
}

/** Callable time further away than this is reported as "no-windows" rather than searched for. */
export const FORECAST_HORIZON_DAYS = 731;
const SEARCH_STEP_DAYS = 31;
const DAY_MS = 86_400_000;
const ANSWER_RATE_BAND = 0.1;
const CALL_LENGTH_BAND = 0.2;

/**
 * Expected calls per number: a number is dialled again only while unanswered, so attempt k
 * (k = 0 … retries) happens with probability (1 − answerRate)^k. At most retries + 1.
 */
export function expectedAttempts(answerRate: number, retries: number): number {
  const miss = 1 - clamp01(answerRate);
  let total = 0;
  for (let k = 0; k <= retries; k++) total += miss ** k;
  return Math.min(total, retries + 1);
}

/** Redials a number really gets: the strategy's rounds, capped by what the provider does. */
export function redialsDialled(strategy: RetryStrategy, maxRedials?: number): number {
  return maxRedials === undefined ? strategy.rounds.length : Math.min(strategy.rounds.length, Math.max(0, maxRedials));
}

export function forecastCompletion(input: ForecastInput): Forecast {
  const inputs = forecastInputs(input, input.observedAnswerRate, input.avgCallMinutes);
  if (input.remainingOrders <= 0) {
    return { finishAt: input.now, earliest: input.now, latest: input.now, inputs, reason: "done" };
  }
  if (inputs.callableHoursNeeded === null) {
    return { finishAt: null, earliest: null, latest: null, inputs, reason: "no-throughput" };
  }
  const finishAt = finishAfterCallableHours(input, inputs.callableHoursNeeded);
  if (!finishAt) return { finishAt: null, earliest: null, latest: null, inputs, reason: "no-windows" };

  const optimistic = forecastInputs(
    input,
    input.observedAnswerRate + ANSWER_RATE_BAND,
    input.avgCallMinutes * (1 - CALL_LENGTH_BAND),
  );
  const pessimistic = forecastInputs(
    input,
    input.observedAnswerRate - ANSWER_RATE_BAND,
    input.avgCallMinutes * (1 + CALL_LENGTH_BAND),
  );
  return {
    finishAt,
    earliest: finishAfterCallableHours(input, optimistic.callableHoursNeeded ?? 0),
    latest: finishAfterCallableHours(input, pessimistic.callableHoursNeeded ?? 0),
    inputs,
  };
}

function forecastInputs(input: ForecastInput, answerRate: number, avgCallMinutes: number): ForecastInputs {
  const remainingOrders = Math.max(0, input.remainingOrders);
  const attemptsPerOrder = input.expectedAttemptsPerOrder ?? expectedAttempts(answerRate, redialsDialled(input.strategy, input.maxRedials));
  const callsNeeded = remainingOrders * attemptsPerOrder;
  const callsPerHour = input.concurrency > 0 && avgCallMinutes > 0 ? (input.concurrency * 60) / avgCallMinutes : 0;
  return {
    remainingOrders,
    attemptsPerOrder,
    callsNeeded,
    callsPerHour,
    callableHoursNeeded: callsPerHour > 0 ? callsNeeded / callsPerHour : null,
  };
}

/** Walks the callable windows from `now`, using them up until `hours` of dialling fit. */
function finishAfterCallableHours(input: ForecastInput, hours: number): Date | null {
  // Whole milliseconds, so 16.67 h from 10 000 one-minute calls on 10 lines is exactly 16 h 40 min.
  let remainingMs = Math.round(hours * 3_600_000);
  const horizon = input.now.getTime() + FORECAST_HORIZON_DAYS * DAY_MS;
  let cursor = input.now.getTime();
  while (cursor < horizon) {
    const stepEnd = Math.min(cursor + SEARCH_STEP_DAYS * DAY_MS, horizon);
    for (const window of windows(input.group, new Date(cursor), new Date(stepEnd), input.calendar)) {
      const start = Math.max(window.start.getTime(), cursor);
      const end = Math.min(window.end.getTime(), stepEnd);
      if (end <= start) continue;
      if (end - start >= remainingMs) return new Date(start + remainingMs);
      remainingMs -= end - start;
    }
    cursor = stepEnd;
  }
  return null;
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
