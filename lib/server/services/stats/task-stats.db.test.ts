import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../db";
import { freshDatabase } from "../../testing/db";
import { resetHolidayCalendarCache } from "../holiday-calendar";
import { exportTaskSeries } from "./export";
import { getTaskForecast } from "./forecast";
import { ACTIVITY_HOURS, getTaskStats, SERIES_MAX_POINTS, thinnedPositions } from "./task-stats";
import { seedAccount, seedGroup, seedRollup, seedSnapshot, seedTask } from "./testing";

const NOW = new Date("2026-03-04T10:30:00+08:00");
const HOUR = 3_600_000;
const thisHour = new Date(Math.floor(NOW.getTime() / HOUR) * HOUR);

let account: string;
beforeEach(async () => {
  await freshDatabase();
  resetHolidayCalendarCache();
  account = await seedAccount("nxcloud");
});

describe("task statistics", () => {
  it("shows the counters with answer rate = answered ÷ calls, finish and connect rates, and flags a disagreeing provider rate", async () => {
    const task = await seedTask({
      accountId: account,
      totalOrders: 200,
      finishedOrders: 50,
      attemptedOrders: 120,
      answeredOrders: 60,
      totalCalls: 140,
      answeredCalls: 60,
      // 60 ÷ 140 = 0.4286: the provider's 0.43 is rounding; its finish rate 0.30 is not 0.25.
      providerAnswerRate: 0.43,
      providerFinishRate: 0.3,
    });
    const view = await getTaskStats({ taskId: task, now: NOW });
    expect(view.rates.answerRate).toBeCloseTo(60 / 140, 12);
    expect(view.rates.finishRate).toBe(0.25);
    expect(view.rates.penetrationRate).toBe(0.6);
    expect(view.provider.answerRate).toEqual({ theirs: 0.43, disagrees: false });
    expect(view.provider.finishRate).toEqual({ theirs: 0.3, disagrees: true });
    expect(view.counters).toMatchObject({ totalCalls: 140, answeredCalls: 60, providerAnswerRate: 0.43 });
  });

  it("reports 0 for every rate of an empty task, and no provider rate when the provider has none", async () => {
    const task = await seedTask({ accountId: account });
    const view = await getTaskStats({ taskId: task, now: NOW });
    expect(view.rates).toEqual({ answerRate: 0, finishRate: 0, penetrationRate: 0 });
    expect(view.provider.answerRate).toEqual({ theirs: null, disagrees: false });
    expect(view.series).toEqual([]);
    expect(view.outcomes).toEqual({ calls: 0, answered: 0, noAnswer: 0, busy: 0, failed: 0, other: 0, talkSeconds: 0 });
    expect(view.activity).toHaveLength(ACTIVITY_HOURS);
  });

  it("builds the time series from snapshots in time order, each with its own rates", async () => {
    const task = await seedTask({ accountId: account });
    await seedSnapshot(task, new Date(NOW.getTime() - 2 * HOUR), { totalOrders: 100, totalCalls: 10, answeredCalls: 4, finishedOrders: 5 });
    await seedSnapshot(task, new Date(NOW.getTime() - 3 * HOUR), { totalOrders: 100, totalCalls: 0 });
    await seedSnapshot(task, new Date(NOW.getTime() - HOUR), { totalOrders: 100, totalCalls: 20, answeredCalls: 5, finishedOrders: 10, attemptedOrders: 15 });
    const { series } = await getTaskStats({ taskId: task, now: NOW });
    expect(series.map((p) => p.totalCalls)).toEqual([0, 10, 20]);
    expect(series.map((p) => p.answerRate)).toEqual([0, 0.4, 0.25]);
    expect(series[2]).toMatchObject({ finishRate: 0.1, penetrationRate: 0.15 });
  });

  it("thins a long history to the chart's maximum, keeping the first and the latest snapshot", async () => {
    const task = await seedTask({ accountId: account });
    const count = SERIES_MAX_POINTS * 2 + 7;
    await getDb().taskSnapshot.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        taskId: task,
        at: new Date(NOW.getTime() - (count - i) * 60_000),
        totalOrders: 1000,
        finishedOrders: 0,
        attemptedOrders: 0,
        answeredOrders: 0,
        totalCalls: i,
        answeredCalls: 0,
      })),
    });
    const view = await getTaskStats({ taskId: task, now: NOW });
    expect(view.snapshotCount).toBe(count);
    expect(view.series).toHaveLength(SERIES_MAX_POINTS);
    expect(view.series[0].totalCalls).toBe(0);
    expect(view.series.at(-1)?.totalCalls).toBe(count - 1);
    // Evenly spread: exactly the snapshots at the thinned positions (totalCalls is each one's position here).
    expect(view.series.map((p) => p.totalCalls)).toEqual(thinnedPositions(count, SERIES_MAX_POINTS));
    expect(new Set(view.series.map((p) => p.totalCalls)).size).toBe(SERIES_MAX_POINTS);
  });

  it("breaks calls down by outcome from the roll-ups, and lays the last 48 hours out hour by hour", async () => {
    const task = await seedTask({ accountId: account });
    await seedRollup(task, thisHour, { calls: 10, answered: 4, noAnswer: 3, busy: 1, failed: 1, talkSeconds: 240 });
    await seedRollup(task, new Date(thisHour.getTime() - 5 * HOUR), { calls: 6, answered: 2, noAnswer: 4, talkSeconds: 100 });
    // Older than the activity window: counted in the outcomes, not drawn per hour.
    await seedRollup(task, new Date(thisHour.getTime() - 72 * HOUR), { calls: 4, answered: 4, talkSeconds: 60 });
    const view = await getTaskStats({ taskId: task, now: NOW });
    expect(view.outcomes).toEqual({ calls: 20, answered: 10, noAnswer: 7, busy: 1, failed: 1, other: 1, talkSeconds: 400 });
    expect(view.activity).toHaveLength(ACTIVITY_HOURS);
    expect(view.activity.at(-1)).toEqual({ hour: thisHour.toISOString(), calls: 10, answered: 4, noAnswer: 3, busy: 1, failed: 1 });
    expect(view.activity.reduce((sum, p) => sum + p.calls, 0)).toBe(16);
  });

  it("ends a stopped task's activity chart at its last active hour rather than now", async () => {
    const task = await seedTask({ accountId: account, status: "completed" });
    const lastActive = new Date(thisHour.getTime() - 24 * 10 * HOUR);
    await seedRollup(task, lastActive, { calls: 3, answered: 1 });
    const view = await getTaskStats({ taskId: task, now: NOW });
    expect(view.activity.at(-1)).toMatchObject({ hour: lastActive.toISOString(), calls: 3 });
  });

  it("still shows a running task's calls when the provider's clock runs ahead of ours", async () => {
    const task = await seedTask({ accountId: account });
    const ahead = new Date(thisHour.getTime() + 30 * HOUR);
    await seedRollup(task, ahead, { calls: 5, answered: 2 });
    const view = await getTaskStats({ taskId: task, now: NOW });
    expect(view.activity.at(-1)).toMatchObject({ hour: ahead.toISOString(), calls: 5 });
  });

  it("answers NOT_FOUND for an unknown task", async () => {
    await expect(getTaskStats({ taskId: "nope", now: NOW })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("completion forecast", () => {
  async function strategyWithOneRetry(): Promise<string> {
    const row = await getDb().retryStrategy.create({
      data: {
        name: "One retry after 1 h",
        definition: JSON.stringify({ rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }], measureFrom: "previous-call", onlyToday: false, retryOn: ["no-answer", "busy"] }),
      },
      select: { id: true },
    });
    return row.id;
  }

  // 10,000 numbers, 10 lines, 1-minute calls, answer rate 50 %, one retry, Mon–Fri 09:00–18:00:
  // 1 + 0.5 = 1.5 calls per number → 15,000 calls ÷ 600 per hour = 25 callable hours → from Monday
  // 09:00: 9 h Monday, 9 h Tuesday, 7 h Wednesday → Wednesday 16:00. Earliest (60 %, 0.8 min):
  // 14,000 ÷ 750 = 18 h 40 min → Wednesday 09:40. Latest (40 %, 1.2 min): 16,000 ÷ 500 = 32 h → Thursday 14:00.
  it("estimates the hand-computed case with its band", async () => {
    const group = await seedGroup("Weekdays 9–18");
    const strategy = await strategyWithOneRetry();
    const task = await seedTask({
      accountId: account,
      totalOrders: 10_000,
      totalCalls: 100,
      answeredCalls: 50,
      concurrency: 10,
      callTimeGroupId: group,
      retryStrategyId: strategy,
    });
    await seedRollup(task, thisHour, { calls: 100, answered: 50, noAnswer: 50, talkSeconds: 50 * 60 });
    const monday9 = new Date("2026-03-02T09:00:00+08:00");
    const view = await getTaskForecast({ taskId: task, now: monday9 });
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.finishAt).toBe(new Date("2026-03-04T16:00:00+08:00").toISOString());
    expect(view.earliest).toBe(new Date("2026-03-04T09:40:00+08:00").toISOString());
    expect(view.latest).toBe(new Date("2026-03-05T14:00:00+08:00").toISOString());
    expect(view.explanation).toMatchObject({
      remainingOrders: 10_000,
      answerRate: 0.5,
      avgCallMinutes: 1,
      concurrency: 10,
      concurrencySource: "task",
      strategyName: "One retry after 1 h",
      retries: 1,
      groupName: "Weekdays 9–18",
      timeZone: "Asia/Shanghai",
    });
    expect(view.explanation.computed).toMatchObject({ attemptsPerOrder: 1.5, callsNeeded: 15_000, callsPerHour: 600, callableHoursNeeded: 25 });

    // Twice the lines: 12.5 callable hours → Monday 9 h + Tuesday 3.5 h → Tuesday 12:30.
    const doubled = await getTaskForecast({ taskId: task, now: monday9, concurrency: 20 });
    expect(doubled.ok && doubled.finishAt).toBe(new Date("2026-03-03T12:30:00+08:00").toISOString());
    expect(doubled.explanation.concurrencySource).toBe("override");
  });

  it("skips the National Day holiday when the group skips holidays", async () => {
    const group = await seedGroup("Weekdays 9–18");
    const task = await seedTask({ accountId: account, totalOrders: 5_400, totalCalls: 10, answeredCalls: 10, concurrency: 10, callTimeGroupId: group });
    await seedRollup(task, thisHour, { calls: 10, answered: 10, talkSeconds: 600 });
    // 5,400 calls at 600 per hour = 9 hours = one working day. Wednesday 30 Sep 2026 18:00 is after
    // hours; 1–7 October are holidays and Saturday 10 October is a make-up workday (调休).
    const view = await getTaskForecast({ taskId: task, now: new Date("2026-09-30T18:00:00+08:00") });
    expect(view.ok && view.finishAt).toBe(new Date("2026-10-08T18:00:00+08:00").toISOString());
  });

  it("says why it cannot estimate", async () => {
    const group = await seedGroup("Weekdays 9–18");
    const reasonOf = async (input: Parameters<typeof seedTask>[0]) => {
      const view = await getTaskForecast({ taskId: await seedTask(input), now: NOW });
      return view.ok ? (view.done ? "done" : "ok") : view.reason;
    };
    const base = { accountId: account, totalOrders: 100, totalCalls: 10, answeredCalls: 5, concurrency: 5, callTimeGroupId: group };
    expect(await reasonOf({ ...base, callTimeGroupId: null })).toBe("no-group");
    expect(await reasonOf({ ...base, concurrency: null })).toBe("no-concurrency");
    expect(await reasonOf({ ...base, totalCalls: 0, answeredCalls: 0 })).toBe("no-calls-yet");
    expect(await reasonOf({ ...base })).toBe("no-call-length");
    expect(await reasonOf({ ...base, totalOrders: 0 })).toBe("no-orders");
    expect(await reasonOf({ ...base, status: "failed" })).toBe("ended");
    expect(await reasonOf({ ...base, kind: "follow-up" })).toBe("not-dialling");
    expect(await reasonOf({ ...base, finishedOrders: 100 })).toBe("done");
    expect(await reasonOf({ ...base, status: "completed" })).toBe("done");
    // A paused task gets no finish time: it says it is paused (issue 15 point 7).
    expect(await reasonOf({ ...base, status: "paused" })).toBe("paused");
  });

  it("assumes NXCloud's single redial, not the strategy's rounds (issue 15 point 7)", async () => {
    const group = await seedGroup("Weekdays 9–18");
    const rounds = [1, 2, 3].map((hours) => ({ after: { days: 0, hours, minutes: 0 } }));
    const strategy = await getDb().retryStrategy.create({
      data: { name: "Three retries", definition: JSON.stringify({ rounds, measureFrom: "previous-call", onlyToday: false, retryOn: ["no-answer"] }) },
      select: { id: true },
    });
    const task = await seedTask({ accountId: account, totalOrders: 10_000, totalCalls: 100, answeredCalls: 50, concurrency: 10, callTimeGroupId: group, retryStrategyId: strategy.id });
    await seedRollup(task, thisHour, { calls: 100, answered: 50, noAnswer: 50, talkSeconds: 50 * 60 });
    const view = await getTaskForecast({ taskId: task, now: new Date("2026-03-02T09:00:00+08:00") });
    expect(view.explanation).toMatchObject({ retries: 1, strategyRetries: 3 });
    expect(view.ok && view.explanation.computed?.attemptsPerOrder).toBe(1.5);
  });
  it("estimates a task with no linked group on the default group, and says so", async () => {
    const group = await seedGroup("Weekdays 9–18");
    const task = await seedTask({ accountId: account, totalOrders: 5_400, totalCalls: 10, answeredCalls: 10, concurrency: 10, callTimeGroupId: null });
    await seedRollup(task, thisHour, { calls: 10, answered: 10, talkSeconds: 600 });
    const now = new Date("2026-09-30T18:00:00+08:00");
    expect(await getTaskForecast({ taskId: task, now })).toMatchObject({ ok: false, reason: "no-group" });
    await getDb().callTimeGroup.update({ where: { id: group }, data: { isDefault: true } });
    const view = await getTaskForecast({ taskId: task, now });
    expect(view.ok && view.finishAt).toBe(new Date("2026-10-08T18:00:00+08:00").toISOString());
    expect(view.explanation).toMatchObject({ groupName: "Weekdays 9–18", groupSource: "default" });
  });
});

describe("CSV export", () => {
  async function csvOf(taskId: string, series: "snapshots" | "hourly") {
    const { fileName, body } = await exportTaskSeries({ taskId, series });
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    // The byte-order mark is there for Excel; the text below is what a spreadsheet shows.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return { fileName, text: new TextDecoder().decode(bytes) };
  }

  it("writes one row per snapshot with its counters and rates, oldest first; what NXCloud does not report stays empty", async () => {
    const task = await seedTask({ accountId: account, name: "双十一 回访/2026" });
    await seedSnapshot(task, new Date("2026-03-04T02:00:00Z"), { totalOrders: 100, finishedOrders: 10, attemptedOrders: 20, totalCalls: 30, answeredCalls: 12 });
    await seedSnapshot(task, new Date("2026-03-04T01:00:00Z"), { totalOrders: 100 });
    const { fileName, text } = await csvOf(task, "snapshots");
    expect(fileName).toBe("双十一-回访-2026-snapshots.csv");
    expect(text.split("\r\n")).toEqual([
      "at,total_orders,finished_orders,attempted_orders,answered_orders,total_calls,answered_calls,answer_rate,finish_rate,connect_rate",
      // NXCloud reports no "numbers dialled", so neither it nor the connect rate is written as a guess.
      "2026-03-04T01:00:00.000Z,100,0,,0,0,0,0.000000,0.000000,",
      "2026-03-04T02:00:00.000Z,100,10,,0,30,12,0.400000,0.100000,",
      "",
    ]);
  });

  it("leaves WShoto's calls, answered calls and answer rate empty: it reports none of them", async () => {
    const wshoto = await seedAccount("wshoto");
    const task = await seedTask({ accountId: wshoto });
    await seedSnapshot(task, new Date("2026-03-04T02:00:00Z"), { totalOrders: 100, finishedOrders: 78, attemptedOrders: 90 });
    const { text } = await csvOf(task, "snapshots");
    expect(text.split("\r\n")[1]).toBe("2026-03-04T02:00:00.000Z,100,78,90,0,,,,0.780000,0.900000");
  });

  it("writes the hourly outcomes with the calls no outcome column covers as 'other'", async () => {
    const task = await seedTask({ accountId: account });
    await seedRollup(task, new Date("2026-03-04T02:00:00Z"), { calls: 10, answered: 4, noAnswer: 3, busy: 1, failed: 1, talkSeconds: 300 });
    const { text } = await csvOf(task, "hourly");
    expect(text.split("\r\n")).toEqual([
      "hour,calls,answered,no_answer,busy,failed,other,talk_seconds,answer_rate",
      "2026-03-04T02:00:00.000Z,10,4,3,1,1,1,300,0.400000",
      "",
    ]);
  });

  it("pages through long histories without losing or repeating a row", async () => {
    const task = await seedTask({ accountId: account });
    const count = 4_500;
    await getDb().taskSnapshot.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        taskId: task,
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        totalOrders: 1,
        finishedOrders: 0,
        attemptedOrders: 0,
        answeredOrders: 0,
        totalCalls: i,
        answeredCalls: 0,
      })),
    });
    const lines = (await csvOf(task, "snapshots")).text.trim().split("\r\n").slice(1);
    expect(lines).toHaveLength(count);
    expect(lines.map((line) => Number(line.split(",")[5]))).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it("answers NOT_FOUND for an unknown task", async () => {
    await expect(exportTaskSeries({ taskId: "nope", series: "hourly" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
