import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "./call-time-group";
import { expectedAttempts, forecastCompletion, redialsDialled, type ForecastInput } from "./forecast";
import { cnCalendarFromPackage } from "./holidays";
import { defaultRetryStrategy } from "./retry";
import type { RetryStrategy } from "./retry-strategy";

const calendar = cnCalendarFromPackage();
const cst = (local: string) => new Date(`${local}+08:00`);

/** Mon–Fri 09:00–18:00 Beijing time: 9 callable hours a working day. */
function officeHours(skipHolidays = true): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of [1, 2, 3, 4, 5] as const) weekly[day] = [{ start: 9 * 60, end: 18 * 60 }];
  return { name: "Office", timeZone: "Asia/Shanghai", weekly, skipHolidays, makeUpDayAs: null, overrides: [], isDefault: false };
}

function withRetries(count: number): RetryStrategy {
  const rounds = Array.from({ length: count }, (_, index) => ({ after: { days: 0, hours: index + 1, minutes: 0 } }));
  return { ...defaultRetryStrategy(), rounds };
}

// 10 lines × one-minute calls = 600 calls per callable hour. Monday 2 March 2026 is an ordinary week.
const base: ForecastInput = {
  now: cst("2026-03-02T09:00:00"),
  remainingOrders: 10_000,
  strategy: withRetries(0),
  observedAnswerRate: 1,
  concurrency: 10,
  avgCallMinutes: 1,
  group: officeHours(),
  calendar,
};

describe("expectedAttempts", () => {
  it("retries a number only while it is unanswered", () => {
    expect(expectedAttempts(1, 3)).toBe(1);
    expect(expectedAttempts(0.5, 1)).toBe(1.5);
    expect(expectedAttempts(0.5, 2)).toBe(1.75);
    expect(expectedAttempts(0, 3)).toBe(4);
  });
});

describe("forecastCompletion", () => {
  it("10,000 numbers, all answered, no retries: 16 h 40 min of dialling → Tuesday 16:40", () => {
    const forecast = forecastCompletion(base);
    expect(forecast.inputs).toEqual({
      remainingOrders: 10_000,
      attemptsPerOrder: 1,
      callsNeeded: 10_000,
      callsPerHour: 600,
      callableHoursNeeded: 10_000 / 600,
    });
    expect(forecast.finishAt).toEqual(cst("2026-03-03T16:40:00"));
    expect(forecast.reason).toBeUndefined();
  });

  it("one retry at a 50% answer rate: 1.5 calls per number, 25 h → Wednesday 16:00", () => {
    const forecast = forecastCompletion({ ...base, strategy: withRetries(1), observedAnswerRate: 0.5 });
    expect(forecast.inputs.attemptsPerOrder).toBe(1.5);
    expect(forecast.inputs.callableHoursNeeded).toBe(25);
    expect(forecast.finishAt).toEqual(cst("2026-03-04T16:00:00"));
  });

  it("gives a band from a ±10-point answer rate and ±20% call length", () => {
    const forecast = forecastCompletion({ ...base, strategy: withRetries(1), observedAnswerRate: 0.5 });
    // 60%: 1.4 calls × 10,000 at 750/h = 18 h 40 min → Wednesday 09:40.
    expect(forecast.earliest).toEqual(cst("2026-03-04T09:40:00"));
    // 40%: 1.6 calls × 10,000 at 500/h = 32 h → Thursday 14:00.
    expect(forecast.latest).toEqual(cst("2026-03-05T14:00:00"));
  });

  it("starting inside a window uses only what is left of it", () => {
    const forecast = forecastCompletion({ ...base, now: cst("2026-03-02T17:00:00"), remainingOrders: 1_200 });
    expect(forecast.finishAt).toEqual(cst("2026-03-03T10:00:00"));
  });

  it("an observed attempts-per-number figure replaces the estimate", () => {
    const forecast = forecastCompletion({ ...base, expectedAttemptsPerOrder: 2 });
    expect(forecast.inputs.callsNeeded).toBe(20_000);
    // 33 h 20 min: three full days, then 6 h 20 min on Thursday.
    expect(forecast.finishAt).toEqual(cst("2026-03-05T15:20:00"));
  });

  it("skips the 2026 National Day holidays (1–7 October) when the group skips holidays", () => {
    // Wednesday 30 September: 9 h, then nothing until Thursday 8 October, 7 h 40 min more.
    const forecast = forecastCompletion({ ...base, now: cst("2026-09-30T09:00:00") });
    expect(forecast.finishAt).toEqual(cst("2026-10-08T16:40:00"));

    const dialsThrough = forecastCompletion({ ...base, now: cst("2026-09-30T09:00:00"), group: officeHours(false) });
    expect(dialsThrough.finishAt).toEqual(cst("2026-10-01T16:40:00"));
  });

  it("reports a finished task, no throughput and no callable time", () => {
    expect(forecastCompletion({ ...base, remainingOrders: 0 })).toMatchObject({ finishAt: base.now, reason: "done" });

    const noLines = forecastCompletion({ ...base, concurrency: 0 });
    expect(noLines).toMatchObject({ finishAt: null, earliest: null, latest: null, reason: "no-throughput" });
    expect(noLines.inputs.callableHoursNeeded).toBeNull();

    const closed = forecastCompletion({ ...base, group: { ...officeHours(), weekly: emptyWeek() } });
    expect(closed).toMatchObject({ finishAt: null, reason: "no-windows" });
  });
});

describe("the provider's own redial cap (issue 15 point 7)", () => {
  it("counts at most the redials the provider makes: NXCloud redials once even for a three-round strategy", () => {
    expect(redialsDialled(withRetries(3), 1)).toBe(1);
    expect(redialsDialled(withRetries(3))).toBe(3);
    expect(redialsDialled(withRetries(0), 1)).toBe(0);
    const capped = forecastCompletion({ ...base, strategy: withRetries(2), observedAnswerRate: 0.5, maxRedials: 1 });
    const uncapped = forecastCompletion({ ...base, strategy: withRetries(2), observedAnswerRate: 0.5 });
    expect(capped.inputs.attemptsPerOrder).toBe(1.5);
    expect(uncapped.inputs.attemptsPerOrder).toBe(1.75);
    expect(capped.finishAt!.getTime()).toBeLessThan(uncapped.finishAt!.getTime());
  });
});
