import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "./call-time-group";
import { cnCalendarFromPackage } from "./holidays";
import type { RetryStrategy } from "./retry-strategy";
import { attemptTimes, defaultRetryStrategy, formatInterval, intervalMinutes } from "./retry";
import { validateRetryStrategy } from "./retry-validation";

const calendar = cnCalendarFromPackage();

function officeHours(skipHolidays = true): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of [1, 2, 3, 4, 5] as const) weekly[day] = [{ start: 9 * 60, end: 18 * 60 }];
  return { name: "Office", timeZone: "Asia/Shanghai", weekly, skipHolidays, makeUpDayAs: null, overrides: [], isDefault: false };
}

function strategy(rounds: [days: number, hours: number, minutes: number][], overrides: Partial<RetryStrategy> = {}): RetryStrategy {
  return {
    ...defaultRetryStrategy(),
    rounds: rounds.map(([days, hours, minutes]) => ({ after: { days, hours, minutes } })),
    ...overrides,
  };
}

/** Beijing wall time → instant. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe("validateRetryStrategy", () => {
  it("accepts the default strategy and no retries at all", () => {
    expect(validateRetryStrategy(defaultRetryStrategy()).ok).toBe(true);
    expect(validateRetryStrategy(strategy([])).ok).toBe(true);
  });

  it("from the first call, each round must come later than the one before (Aliyun rule)", () => {
    const result = validateRetryStrategy(strategy([[0, 2, 0], [0, 1, 0]]));
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ["rounds", 1, "after"],
          message: {
            en: "Round 2 must come later than round 1 when measured from the first call",
            zh: "按首次呼叫起算时，第 2 轮须晚于第 1 轮",
          },
        },
      ],
    });
    expect(validateRetryStrategy(strategy([[0, 1, 0], [0, 1, 0]])).ok).toBe(false);
  });

  it("from the previous call, rounds may repeat the same interval", () => {
    expect(validateRetryStrategy(strategy([[0, 1, 0], [0, 1, 0]], { measureFrom: "previous-call" })).ok).toBe(true);
  });

  it("names the round and the field that is out of range", () => {
    const result = validateRetryStrategy(strategy([[0, 0, 10], [0, 24, 0]]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      path: ["rounds", 1, "after", "hours"],
      message: { en: "Round 2: Hours must be a whole number from 0 to 23", zh: "第 2 轮：小时须为 0–23 的整数" },
    });
  });

  it("rejects a zero interval, too many rounds, no outcomes and a blank name", () => {
    const zero = validateRetryStrategy(strategy([[0, 0, 0]]));
    expect(!zero.ok && zero.issues[0].message.en).toBe("Round 1 must wait at least one minute");

    const eleven = Array.from({ length: 11 }, (_, index): [number, number, number] => [0, 0, index + 1]);
    const tooMany = validateRetryStrategy(strategy(eleven));
    expect(!tooMany.ok && tooMany.issues.map((issue) => issue.path)).toEqual([["rounds"]]);

    const noOutcomes = validateRetryStrategy(strategy([[0, 0, 30]], { retryOn: [] }));
    expect(!noOutcomes.ok && noOutcomes.issues[0].message.zh).toBe("至少选择一种需要重试的呼叫结果");

    const answered = validateRetryStrategy({ ...defaultRetryStrategy(), retryOn: ["answered"] });
    expect(answered.ok).toBe(false);

    const blank = validateRetryStrategy({ ...defaultRetryStrategy(), name: "   " });
    expect(!blank.ok && blank.issues[0].path).toEqual(["name"]);
  });

  it("answers malformed input with issues instead of throwing", () => {
    const result = validateRetryStrategy({ rounds: [null] });
    expect(result.ok).toBe(false);
  });
});

describe("intervals", () => {
  it("counts minutes and reads in both languages", () => {
    const interval = { days: 1, hours: 2, minutes: 30 };
    expect(intervalMinutes(interval)).toBe(1590);
    expect(formatInterval(interval, "en")).toBe("1 day 2 h 30 min");
    expect(formatInterval(interval, "zh-CN")).toBe("1天2小时30分钟");
    expect(formatInterval({ days: 2, hours: 0, minutes: 0 }, "en")).toBe("2 days");
    expect(formatInterval({ days: 0, hours: 0, minutes: 10 }, "zh-CN")).toBe("10分钟");
  });
});

describe("attemptTimes", () => {
  it("from the first call: retries inside the window stay put, later ones wait for the next morning", () => {
    // Monday 2 March 2026, an ordinary working week.
    const timeline = attemptTimes(cst("2026-03-02T10:00:00"), strategy([[0, 0, 30], [0, 2, 0], [0, 8, 0]]), officeHours(), calendar);
    expect(timeline).toEqual([
      { round: 0, nominal: cst("2026-03-02T10:00:00"), actual: cst("2026-03-02T10:00:00"), shiftedBy: "none" },
      { round: 1, nominal: cst("2026-03-02T10:30:00"), actual: cst("2026-03-02T10:30:00"), shiftedBy: "none" },
      { round: 2, nominal: cst("2026-03-02T12:00:00"), actual: cst("2026-03-02T12:00:00"), shiftedBy: "none" },
      { round: 3, nominal: cst("2026-03-02T18:00:00"), actual: cst("2026-03-03T09:00:00"), shiftedBy: "outside-window" },
    ]);
  });

  it("from the previous call: each retry counts from when the previous attempt really happened", () => {
    const timeline = attemptTimes(
      cst("2026-03-02T10:00:00"),
      strategy([[0, 0, 30], [0, 8, 0], [0, 2, 0]], { measureFrom: "previous-call" }),
      officeHours(),
      calendar,
    );
    expect(timeline.map(({ nominal, actual }) => [nominal, actual])).toEqual([
      [cst("2026-03-02T10:00:00"), cst("2026-03-02T10:00:00")],
      [cst("2026-03-02T10:30:00"), cst("2026-03-02T10:30:00")],
      [cst("2026-03-02T18:30:00"), cst("2026-03-03T09:00:00")],
      [cst("2026-03-03T11:00:00"), cst("2026-03-03T11:00:00")],
    ]);
  });

  it("only today: a retry that would fall on another day is dropped, and so is every later one", () => {
    const timeline = attemptTimes(
      cst("2026-03-02T10:00:00"),
      strategy([[0, 0, 30], [0, 8, 0], [0, 2, 0]], { measureFrom: "previous-call", onlyToday: true }),
      officeHours(),
      calendar,
    );
    expect(timeline.map(({ actual, shiftedBy }) => [actual, shiftedBy])).toEqual([
      [cst("2026-03-02T10:00:00"), "none"],
      [cst("2026-03-02T10:30:00"), "none"],
      [null, "dropped-only-today"],
      [null, "dropped-only-today"],
    ]);
  });

  it("a first call outside the window waits for it, and first-call intervals count from then", () => {
    // Saturday 7 March 2026 → Monday 9 March 09:00.
    const timeline = attemptTimes(cst("2026-03-07T10:00:00"), strategy([[0, 1, 0]]), officeHours(), calendar);
    expect(timeline[0]).toMatchObject({ actual: cst("2026-03-09T09:00:00"), shiftedBy: "outside-window" });
    expect(timeline[1]).toMatchObject({ nominal: cst("2026-03-09T10:00:00"), shiftedBy: "none" });
  });

  it("says a retry moved because of the National Day holidays (2026-10-01 … 10-07)", () => {
    const timeline = attemptTimes(cst("2026-09-30T10:00:00"), strategy([[0, 2, 0], [1, 0, 0]]), officeHours(), calendar);
    expect(timeline.slice(1)).toEqual([
      { round: 1, nominal: cst("2026-09-30T12:00:00"), actual: cst("2026-09-30T12:00:00"), shiftedBy: "none" },
      { round: 2, nominal: cst("2026-10-01T10:00:00"), actual: cst("2026-10-08T09:00:00"), shiftedBy: "holiday" },
    ]);
  });

  it("an evening retry before the holidays is pushed past them, and says so", () => {
    const timeline = attemptTimes(cst("2026-09-30T17:00:00"), strategy([[0, 2, 0]]), officeHours(), calendar);
    expect(timeline[1]).toMatchObject({ actual: cst("2026-10-08T09:00:00"), shiftedBy: "holiday" });
  });

  it("a group that does not skip holidays dials on them", () => {
    const timeline = attemptTimes(cst("2026-09-30T10:00:00"), strategy([[1, 0, 0]]), officeHours(false), calendar);
    expect(timeline[1]).toMatchObject({ actual: cst("2026-10-01T10:00:00"), shiftedBy: "none" });
  });

  it("a group with no dialling time places no attempt at all", () => {
    const closed = { ...officeHours(), weekly: emptyWeek() };
    const timeline = attemptTimes(cst("2026-03-02T10:00:00"), strategy([[0, 0, 30]]), closed, calendar);
    expect(timeline.map(({ actual, shiftedBy }) => [actual, shiftedBy])).toEqual([
      [null, "no-window"],
      [null, "no-window"],
    ]);
  });
});
