import { describe, expect, it } from "vitest";
import { defaultRetryStrategy } from "./retry";
import { checkRetryStrategy, type RetryStrategyValidation } from "./retry-rules";
import type { RetryStrategy } from "./retry-strategy";
import { validateRetryStrategy } from "./retry-validation";

const after = (days: number, hours: number, minutes: number) => ({ after: { days, hours, minutes } });

function strategy(patch: Partial<RetryStrategy> = {}): RetryStrategy {
  return { ...defaultRetryStrategy(), ...patch };
}

/** What the editor shows: each distinct message once, on its path, in order (retry-form.ts errorsByField). */
function shown(verdict: RetryStrategyValidation) {
  if (verdict.ok) return verdict;
  const seen = new Set<string>();
  return verdict.issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The strategy editor checks with checkRetryStrategy (no zod in the page); the save action with
// validateRetryStrategy. A user must see the same verdict and the same words from both.
describe("the editor's check of a retry strategy agrees with the server's validation", () => {
  const cases: Record<string, RetryStrategy> = {
    "the default strategy": strategy(),
    "a name with spaces around it": strategy({ name: "  Twice  " }),
    "an empty name": strategy({ name: "  " }),
    "a name too long": strategy({ name: "x".repeat(81) }),
    "no rounds": strategy({ rounds: [] }),
    "too many rounds": strategy({ rounds: Array.from({ length: 11 }, (_, i) => after(0, 0, i + 1)) }),
    "a zero round": strategy({ rounds: [after(0, 0, 0)] }),
    "rounds out of order from the first call": strategy({ rounds: [after(0, 2, 0), after(0, 1, 0)] }),
    "rounds out of order from the previous call": strategy({ measureFrom: "previous-call", rounds: [after(0, 2, 0), after(0, 1, 0)] }),
    "a fractional part": strategy({ rounds: [after(0, 0, 1.5)] }),
    "a negative fractional part": strategy({ rounds: [after(0, -1.5, 0), after(0, 1, 0)] }),
    "a part that is not a number": strategy({ rounds: [after(Number.NaN, 0, 30)] }),
    "parts over their range": strategy({ rounds: [after(31, 24, 60)] }),
    "nothing to retry on": strategy({ retryOn: [] }),
    "only today": strategy({ onlyToday: true }),
  };
  for (const [name, input] of Object.entries(cases)) {
    it(name, () => {
      expect(shown(checkRetryStrategy(input))).toEqual(shown(validateRetryStrategy(input)));
    });
  }
});
