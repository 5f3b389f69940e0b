import { describe, expect, it } from "vitest";
import { defaultRetryStrategy } from "@/lib/domain/retry";
import { validateRetryStrategy } from "@/lib/domain/retry-validation";
import { errorsByField, formFromStrategy, moveRound, newRound, sameStrategy, strategyFromForm, type RetryForm } from "./retry-form";

function form(rounds: [string, string, string][], overrides: Partial<RetryForm> = {}): RetryForm {
  return {
    ...formFromStrategy(defaultRetryStrategy()),
    rounds: rounds.map(([days, hours, minutes], i) => ({ key: `k${i}`, days, hours, minutes })),
    ...overrides,
  };
}

describe("retry form", () => {
  it("round-trips a strategy, reading empty parts as 0 and keeping anything else for validation", () => {
    expect(strategyFromForm(formFromStrategy(defaultRetryStrategy()))).toEqual(defaultRetryStrategy());
    const typed = strategyFromForm(form([["", "", "30"], ["", "1.5", ""]]));
    expect(typed.rounds.map((r) => r.after)).toEqual([
      { days: 0, hours: 0, minutes: 30 },
      { days: 0, hours: 1.5, minutes: 0 },
    ]);
    expect(strategyFromForm(form([["x", "0", "0"]])).rounds[0].after.days).toBeNaN();
  });

  it("puts a round-order error on the round that is not later, in the user's language", () => {
    const result = validateRetryStrategy(strategyFromForm(form([["0", "2", "0"], ["0", "1", "0"]])));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const en = errorsByField(result.issues, "en");
    expect(en.rounds[0]).toBeUndefined();
    expect(en.rounds[1]).toEqual(["Round 2 must come later than round 1 when measured from the first call"]);
    expect(errorsByField(result.issues, "zh-CN").rounds[1]).toEqual(["按首次呼叫起算时，第 2 轮须晚于第 1 轮"]);
  });

  it("places name, outcome and per-part errors", () => {
    const result = validateRetryStrategy(strategyFromForm(form([["0", "25", "0"]], { name: " ", retryOn: [] })));
    if (result.ok) throw new Error("expected issues");
    const errors = errorsByField(result.issues, "en");
    expect(errors.name).toBe("Name must be 1–80 characters");
    expect(errors.retryOn).toBe("Choose at least one call outcome to retry on");
    expect(errors.rounds[0]).toEqual(["Round 1: Hours must be a whole number from 0 to 23"]);
    expect(errors.general).toEqual([]);
  });

  it("moves rounds within bounds and adds a round that stays later than the last", () => {
    const f = form([["0", "0", "30"], ["0", "23", "30"]]);
    expect(moveRound(f.rounds, 1, 0).map((r) => r.key)).toEqual(["k1", "k0"]);
    expect(moveRound(f.rounds, 1, 2)).toBe(f.rounds);
    expect(newRound(f)).toMatchObject({ days: "1", hours: "0", minutes: "30" });
    expect(newRound({ ...f, measureFrom: "previous-call" })).toMatchObject({ days: "0", hours: "1", minutes: "0" });
  });

  it("sees no change when only the spelling of the same values differs", () => {
    const a = form([["0", "0", "30"]]);
    const b = form([["", "0", "30"]], { retryOn: [...a.retryOn].reverse() });
    expect(sameStrategy(a, b)).toBe(true);
    expect(sameStrategy(a, { ...a, onlyToday: !a.onlyToday })).toBe(false);
  });
});
