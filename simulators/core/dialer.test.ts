import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { isCallable } from "../../lib/domain/schedule";
import { SimClock } from "./clock";
import { DialingEngine, MAX_CALLS_PER_TICK } from "./dialer";
import { mulberry32 } from "./faults";
import type { DialableTask, SimCall } from "./types";

const calendar = cnCalendarFromPackage();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2026-03-02 08:00 in Shanghai, an hour before the window opens. */
const MONDAY_8AM = new Date("2026-03-02T00:00:00Z");

/** Mon–Fri 09:00–12:00 and 13:30–18:00 Shanghai time, skipping holidays. */
function officeHours(): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of [1, 2, 3, 4, 5] as const) weekly[day] = [{ start: 540, end: 720 }, { start: 810, end: 1080 }];
  return { name: "Office hours", timeZone: "Asia/Shanghai", weekly, skipHolidays: true, makeUpDayAs: null, overrides: [], isDefault: false };
}

type TestTask = DialableTask & { running: boolean };

function makeTask(id: string, orderCount: number, overrides: Partial<DialableTask> = {}): TestTask {
  const task: TestTask = {
    id,
    running: true,
    isRunning: (): boolean => task.running,
    group: officeHours(),
    concurrency: 5,
    maxAttempts: 3,
    retryGapMinutes: 60,
    orders: Array.from({ length: orderCount }, (_, i) => ({
      id: `${id}-o${i}`,
      phone: `1380000${String(i).padStart(4, "0")}`,
      attempts: 0,
      finished: false,
      answered: false,
      notBefore: null,
    })),
    ...overrides,
  };
  return task;
}

function setup(seed = 1, startAt = MONDAY_8AM) {
  const clock = new SimClock({ startAt, realNow: () => 0 });
  const calls: SimCall[] = [];
  const drained: string[] = [];
  const engine = new DialingEngine({
    clock,
    calendar,
    random: mulberry32(seed),
    config: { answerProbability: 0.45 },
    onCall: (_task, call) => calls.push(call),
    onTaskDrained: (task) => drained.push(task.id),
  });
  /** Advances simulated time in steps, ticking after each, as the real timer would. */
  const run = (totalMs: number, stepMs: number) => {
    for (let done = 0; done < totalMs; done += stepMs) {
      clock.advance(Math.min(stepMs, totalMs - done));
      engine.tick();
    }
  };
  return { clock, engine, calls, drained, run };
}

function maxOverlap(calls: SimCall[]): number {
  const edges = calls.flatMap((c) => [
    { t: c.startedAt.getTime(), d: 1 },
    { t: c.endedAt.getTime(), d: -1 },
  ]);
  // An ending call frees its line before a call starting at the same instant takes it.
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let current = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (current += e.d));
  return max;
}

describe("DialingEngine", () => {
  it("dials every order within windows, concurrency and retry rules until the task drains", () => {
    const { engine, calls, drained, run } = setup();
    const task = makeTask("t1", 200);
    engine.add(task);
    run(5 * 24 * HOUR, 5 * MINUTE);

    expect(drained).toEqual(["t1"]);
    expect(task.orders.every((o) => o.finished)).toBe(true);
    expect(calls.every((c) => isCallable(task.group, c.startedAt, calendar))).toBe(true);
    expect(maxOverlap(calls)).toBe(5);

    const endTimes = calls.map((c) => c.endedAt.getTime());
    expect(endTimes).toEqual([...endTimes].sort((a, b) => a - b));

    for (const order of task.orders) {
      const own = calls.filter((c) => c.orderId === order.id).sort((a, b) => a.attempt - b.attempt);
      expect(own.map((c) => c.attempt)).toEqual(own.map((_, i) => i + 1));
      expect(own.length).toBe(order.attempts);
      expect(own.length).toBeLessThanOrEqual(task.maxAttempts);
      for (let i = 1; i < own.length; i++) {
        expect(own[i - 1].outcome).not.toBe("answered");
        expect(own[i].startedAt.getTime()).toBeGreaterThanOrEqual(own[i - 1].endedAt.getTime() + 60 * MINUTE);
      }
      const last = own[own.length - 1];
      expect(own.map((c) => c.orderFinished)).toEqual(own.map((c) => c === last));
      expect(order.answered).toBe(last.outcome === "answered");
      if (!order.answered) expect(own.length).toBe(task.maxAttempts);
    }

    const answeredCalls = calls.filter((c) => c.outcome === "answered");
    expect(answeredCalls.length).toBe(task.orders.filter((o) => o.answered).length);
    expect(answeredCalls.length / calls.length).toBeGreaterThan(0.3);
    expect(answeredCalls.length / calls.length).toBeLessThan(0.6);
    for (const c of answeredCalls) {
      expect(c.durationSec).toBeGreaterThanOrEqual(20);
      expect(c.durationSec).toBeLessThanOrEqual(180);
      expect(c.answeredAt!.getTime()).toBeGreaterThan(c.startedAt.getTime());
    }
    expect(calls.filter((c) => c.outcome !== "answered").every((c) => c.durationSec === 0 && c.answeredAt === null)).toBe(true);
  });

  it("gives the same calls whether simulated time passes in small steps or one big jump", () => {
    const small = setup(9);
    small.engine.add(makeTask("t1", 120));
    small.run(3 * 24 * HOUR, MINUTE);

    const big = setup(9);
    big.engine.add(makeTask("t1", 120));
    big.run(3 * 24 * HOUR, 3 * 24 * HOUR);

    expect(big.calls.length).toBeGreaterThan(120);
    expect(big.calls).toEqual(small.calls);
  });

  it("spreads a backlog larger than one tick's budget over the following ticks", () => {
    const { engine, clock, calls, drained } = setup(3);
    const task = makeTask("big", MAX_CALLS_PER_TICK + 2_000, { concurrency: 400, maxAttempts: 1 });
    engine.add(task);
    clock.advance(30 * 24 * HOUR);
    expect(engine.tick()).toHaveLength(MAX_CALLS_PER_TICK);
    while (engine.tick().length > 0);
    expect(calls).toHaveLength(task.orders.length);
    expect(drained).toEqual(["big"]);
  });

  it("dials only while the task runs, and not before it was seen running", () => {
    const { engine, clock, calls, run } = setup();
    const task = makeTask("t1", 50);
    task.running = false;
    engine.add(task);
    run(3 * HOUR, 5 * MINUTE);
    expect(calls).toHaveLength(0);

    const resumedAt = clock.nowMs();
    task.running = true;
    run(HOUR, 5 * MINUTE);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.startedAt.getTime() >= resumedAt)).toBe(true);

    task.running = false;
    engine.tick();
    const countAtPause = calls.length;
    run(HOUR, 5 * MINUTE);
    // Calls already ringing when the task paused still end; none start.
    expect(calls.length - countAtPause).toBeLessThanOrEqual(task.concurrency);
    const pausedAt = clock.nowMs() - HOUR;
    expect(calls.every((c) => c.startedAt.getTime() <= pausedAt)).toBe(true);
  });

  it("skips holidays: nothing is dialled during the 2026 Labour Day break", () => {
    const { engine, calls, run } = setup(5, new Date("2026-05-01T00:00:00Z"));
    const task = makeTask("t1", 30, { concurrency: 1 });
    engine.add(task);
    run(6 * 24 * HOUR, 10 * MINUTE);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.startedAt >= new Date("2026-05-06T01:00:00Z"))).toBe(true);
  });

  it("picks up orders added later and drains again", () => {
    const { engine, calls, drained, run } = setup();
    const task = makeTask("t1", 5, { maxAttempts: 1 });
    engine.add(task);
    run(4 * HOUR, 5 * MINUTE);
    expect(drained).toEqual(["t1"]);
    task.orders.push({ id: "late", phone: "13900000000", attempts: 0, finished: false, answered: false, notBefore: null });
    // 12:00 now: the late number waits for the afternoon window.
    run(3 * HOUR, 5 * MINUTE);
    expect(calls.map((c) => c.orderId)).toContain("late");
    expect(calls.find((c) => c.orderId === "late")!.startedAt.toISOString()).toBe("2026-03-02T05:30:00.000Z");
    expect(drained).toEqual(["t1", "t1"]);
  });

  it("forgets a removed task", () => {
    const { engine, calls, run } = setup();
    engine.add(makeTask("t1", 20));
    run(90 * MINUTE, 5 * MINUTE);
    const before = calls.length;
    engine.remove("t1");
    run(HOUR, 5 * MINUTE);
    expect(calls.length).toBe(before);
  });
  it("stopping the clock between two ticks ends the calls that were due before it: the counts read then are final", () => {
    let real = 0;
    const clock = new SimClock({ startAt: new Date("2026-03-02T01:00:00Z"), realNow: () => real });
    const calls: SimCall[] = [];
    // The timer runs (as in the embedded simulators) but never fires within the test: a tick a day apart.
    const engine = new DialingEngine({ clock, calendar, random: mulberry32(3), config: { factor: 60, tickMs: 86_400_000 }, onCall: (_t, c) => calls.push(c) });
    engine.add(makeTask("t1", 50));
    engine.start();
    try {
      engine.tick();
      real += 60_000; // an hour of dialling at factor 60, no tick since
      engine.setConfig({ factor: 0 });
      const atStop = calls.length;
      expect(atStop).toBeGreaterThan(0);
      expect(calls.every((c) => c.endedAt.getTime() <= clock.nowMs())).toBe(true);
      real += 60_000;
      engine.tick();
      expect(calls.length).toBe(atStop);
    } finally {
      engine.stop();
    }
  });
});
