// The retry strategy's rules with messages in both languages, in plain code: the server's schema
// (retry-validation.ts, zod) runs the round rules after the fields, and the strategy editor runs all of them on
// the strategy it holds, so the editor page does not download zod (issue 14 goal 4: first-load JS ≤ 180 kB).
import { domainText as text } from "./catalog";
import { intervalMinutes, MAX_RETRY_ROUNDS, RETRYABLE_OUTCOMES } from "./retry";
import type { RetryInterval, RetryStrategy } from "./retry-strategy";
import type { LocalizedText } from "./text";

export const FIELD_TEXT = {
  name: text("retry.name"),
  rounds: text("retry.rounds", { max: MAX_RETRY_ROUNDS }),
  days: text("retry.days"),
  hours: text("retry.hours"),
  minutes: text("retry.minutes"),
  measureFrom: text("retry.measureFrom"),
  onlyToday: text("retry.onlyToday"),
  retryOn: text("retry.retryOn"),
} satisfies Record<string, LocalizedText>;

export interface RetryStrategyIssue {
  /** Where the problem is, e.g. ["rounds", 1, "after", "hours"]; rounds are 0-based here, 1-based in messages. */
  path: (string | number)[];
  message: LocalizedText;
}

export type RetryStrategyValidation =
  | { ok: true; strategy: RetryStrategy }
  | { ok: false; issues: RetryStrategyIssue[] };

function isInterval(value: unknown): value is RetryInterval {
  if (typeof value !== "object" || value === null) return false;
  const { days, hours, minutes } = value as Record<string, unknown>;
  return [days, hours, minutes].every((part) => typeof part === "number" && Number.isFinite(part));
}

/** Each round waits at least a minute and, measured from the first call, longer than the round before. */
export function roundIssues(strategy: { rounds: readonly ({ after?: unknown } | null | undefined)[]; measureFrom: unknown }): RetryStrategyIssue[] {
  const issues: RetryStrategyIssue[] = [];
  const minutes = strategy.rounds.map((round) => (isInterval(round?.after) ? intervalMinutes(round.after) : null));
  minutes.forEach((total, index) => {
    if (total === 0) issues.push({ path: ["rounds", index, "after"], message: text("retry.roundAtLeastOneMinute", { round: index + 1 }) });
  });
  // docs/providers/research.md §2 RetryStrategy: with RetryStrategyTimeType 1 (from the first call), each
  // round's time must be greater than the previous round's.
  if (strategy.measureFrom !== "first-call") return issues;
  for (let index = 1; index < minutes.length; index++) {
    const previous = minutes[index - 1];
    const current = minutes[index];
    if (previous !== null && current !== null && current <= previous) {
      issues.push({ path: ["rounds", index, "after"], message: text("retry.roundAfterPrevious", { round: index + 1, previous: index }) });
    }
  }
  return issues;
}

const PART_MAX = { days: 30, hours: 23, minutes: 59 } as const;

/**
 * validateRetryStrategy's verdict on the strategy the editor holds (its fields already of the right types; the
 * interval parts are numbers as typed, possibly NaN or fractional): the same checks in the same order and the
 * same messages, without zod.
 */
export function checkRetryStrategy(strategy: RetryStrategy): RetryStrategyValidation {
  const issues: RetryStrategyIssue[] = [];
  const name = strategy.name.trim();
  if (name.length < 1 || name.length > 80) issues.push({ path: ["name"], message: FIELD_TEXT.name });
  strategy.rounds.forEach((round, index) => {
    for (const part of ["days", "hours", "minutes"] as const) {
      const value = round.after[part];
      if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0 || value > PART_MAX[part]) {
        issues.push({ path: ["rounds", index, "after", part], message: text("retry.roundField", { round: index + 1, message: FIELD_TEXT[part] }) });
      }
    }
  });
  if (strategy.rounds.length > MAX_RETRY_ROUNDS) issues.push({ path: ["rounds"], message: FIELD_TEXT.rounds });
  if (strategy.measureFrom !== "first-call" && strategy.measureFrom !== "previous-call") issues.push({ path: ["measureFrom"], message: FIELD_TEXT.measureFrom });
  if (strategy.retryOn.some((outcome) => !RETRYABLE_OUTCOMES.includes(outcome)) || strategy.retryOn.length < 1) {
    issues.push({ path: ["retryOn"], message: FIELD_TEXT.retryOn });
  }
  issues.push(...roundIssues(strategy));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, strategy: { ...strategy, name, rounds: strategy.rounds.map(({ after }) => ({ after: { ...after } })), retryOn: [...strategy.retryOn] } };
}
