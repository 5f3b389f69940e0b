import { describe, expect, it } from "vitest";
import { SimClock } from "./clock";

describe("SimClock", () => {
  const start = new Date("2026-03-02T01:00:00Z");

  it("runs `factor` times faster than real time", () => {
    let real = 1_000;
    const clock = new SimClock({ factor: 60, startAt: start, realNow: () => real });
    expect(clock.now()).toEqual(start);
    real += 1_000;
    expect(clock.nowMs()).toBe(start.getTime() + 60_000);
  });

  it("does not jump when the factor changes", () => {
    let real = 0;
    const clock = new SimClock({ factor: 60, startAt: start, realNow: () => real });
    real = 10_000;
    const before = clock.nowMs();
    clock.setFactor(3600);
    expect(clock.nowMs()).toBe(before);
    real = 11_000;
    expect(clock.nowMs()).toBe(before + 3_600_000);
    clock.setFactor(0);
    real = 50_000;
    expect(clock.nowMs()).toBe(before + 3_600_000);
  });

  it("advances simulated time on demand, never backwards", () => {
    const clock = new SimClock({ startAt: start, realNow: () => 0 });
    clock.advance(86_400_000);
    expect(clock.now().toISOString()).toBe("2026-03-03T01:00:00.000Z");
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
