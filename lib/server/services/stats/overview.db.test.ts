import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../db";
import { freshDatabase } from "../../testing/db";
import { resetHolidayCalendarCache } from "../holiday-calendar";
import { getOverview, startOfReportingDay } from "./overview";
import { seedAccount, seedGroup, seedRollup, seedTask } from "./testing";

// Wednesday 4 March 2026, 10:30 in Shanghai: a working day, inside Mon–Fri 09:00–18:00.
const NOW = new Date("2026-03-04T10:30:00+08:00");
const hoursAgo = (h: number) => new Date(Math.floor(NOW.getTime() / 3_600_000) * 3_600_000 - h * 3_600_000);
const recent = new Date(NOW.getTime() - 30_000);

beforeEach(async () => {
  await freshDatabase();
  resetHolidayCalendarCache();
});

describe("overview on a fresh install", () => {
  it("is empty, with every rate 0 rather than a division by zero", async () => {
    const overview = await getOverview({ now: NOW, range: "24h" });
    expect(overview.isEmpty).toBe(true);
    expect(overview.kpis).toEqual({
      runningTasks: 0,
      pausedTasks: 0,
      callsToday: 0,
      answeredToday: 0,
      answerRateToday: 0,
      runningFinishRate: 0,
      runningFinishedOrders: 0,
      runningTotalOrders: 0,
    });
    expect(overview.hourly).toHaveLength(24);
    expect(overview.hourly.every((p) => p.calls === 0 && p.answered === 0)).toBe(true);
    expect(overview.providers).toEqual([]);
    expect(overview.attention).toEqual([]);
  });
});

describe("overview KPIs and chart", () => {
  it("counts today's calls from the roll-ups since local midnight and divides answered by calls", async () => {
    const account = await seedAccount("nxcloud");
    const a = await seedTask({ accountId: account, totalOrders: 100, finishedOrders: 25, lastSyncAt: recent });
    const b = await seedTask({ accountId: account, totalOrders: 300, finishedOrders: 75, lastSyncAt: recent });
    await seedTask({ accountId: account, status: "completed", totalOrders: 50, finishedOrders: 50, lastSyncAt: recent });
    // Today (Shanghai) began at 00:00 +08:00 = 16:00 UTC yesterday: 10 hours before NOW's hour.
    await seedRollup(a, hoursAgo(0), { calls: 40, answered: 10 });
    await seedRollup(b, hoursAgo(1), { calls: 20, answered: 8 });
    await seedRollup(a, hoursAgo(10), { calls: 10, answered: 3 });
    // Yesterday evening: in the 24 h chart, not in "today".
    await seedRollup(a, hoursAgo(11), { calls: 7, answered: 7 });

    const overview = await getOverview({ now: NOW, range: "24h" });
    expect(startOfReportingDay(NOW).toISOString()).toBe("2026-03-03T16:00:00.000Z");
    expect(overview.isEmpty).toBe(false);
    expect(overview.kpis.runningTasks).toBe(2);
    expect(overview.kpis.callsToday).toBe(70);
    expect(overview.kpis.answeredToday).toBe(21);
    expect(overview.kpis.answerRateToday).toBeCloseTo(21 / 70, 12);
    // Running tasks only: (25 + 75) ÷ (100 + 300); the completed task is left out.
    expect(overview.kpis.runningFinishRate).toBe(0.25);

    expect(overview.hourly).toHaveLength(24);
    expect(overview.hourly.at(-1)).toEqual({ hour: hoursAgo(0).toISOString(), calls: 40, answered: 10 });
    expect(overview.hourly.find((p) => p.hour === hoursAgo(11).toISOString())).toMatchObject({ calls: 7, answered: 7 });
    expect(overview.hourly.reduce((sum, p) => sum + p.calls, 0)).toBe(77);

    const week = await getOverview({ now: NOW, range: "7d" });
    expect(week.hourly).toHaveLength(168);
    expect(week.hourly[0].hour).toBe(hoursAgo(167).toISOString());
  });

  it("compares providers per account: tasks, calls, answer rate and finish rate from the task counters", async () => {
    const nx = await seedAccount("nxcloud", "NX main");
    const ali = await seedAccount("aliyun-vms", "Ali main");
    const idle = await seedAccount("yunfu", "Yunfu idle");
    await seedTask({ accountId: nx, totalCalls: 100, answeredCalls: 40, totalOrders: 80, finishedOrders: 20, lastSyncAt: recent });
    await seedTask({ accountId: nx, status: "paused", totalCalls: 100, answeredCalls: 20, totalOrders: 20, finishedOrders: 20, lastSyncAt: recent });
    await seedTask({ accountId: ali, status: "completed", totalCalls: 30, answeredCalls: 30, totalOrders: 30, finishedOrders: 30, lastSyncAt: recent });
    // Deleted and vanished tasks are history, not part of the comparison.
    await seedTask({ accountId: ali, status: "deleted", totalCalls: 1000, answeredCalls: 0 });
    await seedTask({ accountId: ali, status: "completed", goneAt: NOW, totalCalls: 1000, answeredCalls: 0 });

    const { providers } = await getOverview({ now: NOW, range: "24h" });
    const byName = Object.fromEntries(providers.map((p) => [p.accountName, p]));
    expect(byName["NX main"]).toMatchObject({ kind: "nxcloud", tasks: 2, runningTasks: 1, totalCalls: 200, answeredCalls: 60, answerRate: 0.3, finishRate: 0.4 });
    expect(byName["Ali main"]).toMatchObject({ kind: "aliyun-vms", tasks: 1, runningTasks: 0, totalCalls: 30, answerRate: 1, finishRate: 1 });
    expect(byName["Yunfu idle"]).toMatchObject({ accountId: idle, tasks: 0, totalCalls: 0, answerRate: 0, finishRate: 0 });
  });
});

describe("needs attention", () => {
  it("lists failed, provider-paused, outside-window and stale tasks, and not the healthy or user-paused ones", async () => {
    const account = await seedAccount("nxcloud");
    const weekdays = await seedGroup("Weekdays");
    const saturdays = await seedGroup("Saturdays", [6]);
    const healthy = await seedTask({ accountId: account, name: "healthy", callTimeGroupId: weekdays, lastSyncAt: recent });
    const failed = await seedTask({ accountId: account, name: "failed", status: "failed", rawStatus: "6", lastSyncAt: recent });
    const userPaused = await seedTask({ accountId: account, name: "user paused", status: "paused", lastSyncAt: recent });
    const providerPaused = await seedTask({ accountId: account, name: "provider paused", status: "paused", lastSyncAt: recent });
    const resumedThenPaused = await seedTask({ accountId: account, name: "resumed, then paused by provider", status: "paused", lastSyncAt: recent });
    const outside = await seedTask({ accountId: account, name: "outside", callTimeGroupId: saturdays, lastSyncAt: recent });
    const stale = await seedTask({ accountId: account, name: "stale", lastSyncAt: new Date(NOW.getTime() - 10 * 60_000) });
    await seedTask({ accountId: account, name: "completed long ago", status: "completed", lastSyncAt: new Date("2025-01-01T00:00:00Z") });

    const audit = (targetId: string, action: string, minutesAgo: number, actorId: string | null = "user-1") =>
      getDb().auditEntry.create({
        data: { at: new Date(NOW.getTime() - minutesAgo * 60_000), actorId, actorEmail: actorId ? "m@example.com" : "system", action, targetType: "task", targetId, summary: "{}" },
      });
    await audit(userPaused, "task.start", 60);
    await audit(userPaused, "task.pause", 5);
    await audit(resumedThenPaused, "task.pause", 60);
    await audit(resumedThenPaused, "task.start", 30);
    // A system entry is not a user's pause.
    await audit(providerPaused, "task.pause", 5, null);

    const overview = await getOverview({ now: NOW, range: "24h" });
    const reasons = Object.fromEntries(overview.attention.map((item) => [item.taskId, item.reasons]));
    expect(reasons).toEqual({
      [failed]: ["failed"],
      [providerPaused]: ["paused-by-provider"],
      [resumedThenPaused]: ["paused-by-provider"],
      [outside]: ["outside-window"],
      [stale]: ["stale-sync"],
    });
    expect(reasons[healthy]).toBeUndefined();
    expect(reasons[userPaused]).toBeUndefined();
    expect(overview.attentionCounts).toEqual({ failed: 1, "paused-by-provider": 2, "outside-window": 1, "stale-sync": 1 });
    expect(overview.staleAfterSec).toBe(180);
    expect(overview.attention.find((item) => item.taskId === failed)).toMatchObject({ name: "failed", rawStatus: "6", kind: "nxcloud" });
  });

  it("tells user-paused from provider-paused among more paused tasks than one query may name", async () => {
    const account = await seedAccount("nxcloud");
    const count = 1_200;
    await getDb().task.createMany({
      data: Array.from({ length: count }, (_, i) => ({ id: `paused-${i}`, accountId: account, remoteId: `p-${i}`, name: `P${i}`, status: "paused", lastSyncAt: recent })),
    });
    // Every third task was paused by a user; the rest by the provider.
    await getDb().auditEntry.createMany({
      data: Array.from({ length: count / 3 }, (_, k) => ({ actorId: "user-1", actorEmail: "m@example.com", action: "task.pause", targetType: "task", targetId: `paused-${k * 3}`, summary: "{}" })),
    });
    const overview = await getOverview({ now: NOW, range: "24h" });
    expect(overview.attentionCounts["paused-by-provider"]).toBe(count - count / 3);
    expect(overview.attention.some((item) => item.taskId === "paused-0")).toBe(false);
  });

  it("counts every task a reason holds in full, across accounts, and leaves gone, deleted and finished tasks out", async () => {
    const nxcloud = await seedAccount("nxcloud", "Center A");
    const yunfu = await seedAccount("yunfu", "Center B");
    const weekdays = await seedGroup("Weekdays");
    const saturdays = await seedGroup("Saturdays", [6]);
    const longAgo = new Date(NOW.getTime() - 24 * 3_600_000);
    // More running tasks in a closed group than the list shows, on two accounts.
    await getDb().task.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        id: `outside-${i}`,
        accountId: i % 2 === 0 ? nxcloud : yunfu,
        remoteId: `o-${i}`,
        name: `Outside ${i}`,
        status: "running",
        callTimeGroupId: saturdays,
        lastSyncAt: recent,
      })),
    });
    // Not outside its window: paused, gone from the provider, or in an open group.
    const paused = await seedTask({ accountId: nxcloud, status: "paused", callTimeGroupId: saturdays, lastSyncAt: recent });
    await seedTask({ accountId: nxcloud, callTimeGroupId: saturdays, lastSyncAt: recent, goneAt: longAgo });
    await seedTask({ accountId: yunfu, callTimeGroupId: weekdays, lastSyncAt: recent });
    // Stale: never synced since its creation long ago, or synced long ago; each on its own account.
    await seedTask({ accountId: yunfu, status: "pending", createdAt: longAgo });
    await seedTask({ accountId: nxcloud, lastSyncAt: longAgo });
    // Not stale: created a moment ago, finished, deleted or gone.
    await seedTask({ accountId: yunfu, status: "draft", createdAt: recent });
    await seedTask({ accountId: yunfu, status: "completed", lastSyncAt: longAgo });
    await seedTask({ accountId: yunfu, status: "deleted", lastSyncAt: longAgo });
    await seedTask({ accountId: yunfu, status: "failed", lastSyncAt: longAgo, goneAt: longAgo });

    const overview = await getOverview({ now: NOW, range: "24h" });
    expect(overview.attentionCounts).toEqual({ failed: 0, "paused-by-provider": 1, "outside-window": 60, "stale-sync": 2 });
    // The list is capped; each listed task names its own account.
    expect(overview.attention).toHaveLength(50);
    expect(overview.attention[0]).toMatchObject({ taskId: paused, reasons: ["paused-by-provider"], accountName: "Center A", kind: "nxcloud" });
    for (const item of overview.attention.slice(1)) {
      const even = Number(item.taskId.replace("outside-", "")) % 2 === 0;
      expect([item.reasons, item.accountName, item.kind]).toEqual([["outside-window"], even ? "Center A" : "Center B", even ? "nxcloud" : "yunfu"]);
    }
    // The live tasks' totals leave the deleted and the gone ones out.
    expect(overview.kpis.runningTasks).toBe(62);
    expect(overview.providers.map((row) => [row.accountName, row.tasks, row.runningTasks])).toEqual([
      ["Center A", 32, 31],
      ["Center B", 34, 31],
    ]);
  });

  it("says a listed task waits for its provider when its account's latest sync failed, and only then", async () => {
    const failing = await seedAccount("nxcloud", "Failing");
    const fine = await seedAccount("yunfu", "Fine");
    const saturdays = await seedGroup("Saturdays", [6]);
    const failedAt = new Date(NOW.getTime() - 5 * 60_000);
    await getDb().syncRun.createMany({
      data: [
        { accountId: failing, startedAt: new Date(NOW.getTime() - 20 * 60_000), finishedAt: new Date(NOW.getTime() - 19 * 60_000), status: "ok" },
        { accountId: failing, startedAt: new Date(NOW.getTime() - 6 * 60_000), finishedAt: failedAt, status: "error" },
        { accountId: fine, startedAt: new Date(NOW.getTime() - 20 * 60_000), finishedAt: new Date(NOW.getTime() - 19 * 60_000), status: "error" },
        { accountId: fine, startedAt: new Date(NOW.getTime() - 6 * 60_000), finishedAt: failedAt, status: "ok" },
      ],
    });
    const unreachable = await seedTask({ accountId: failing, callTimeGroupId: saturdays, lastSyncAt: recent, totalOrders: 10 });
    const closed = await seedTask({ accountId: fine, callTimeGroupId: saturdays, lastSyncAt: recent, totalOrders: 10 });

    const overview = await getOverview({ now: NOW, range: "24h" });
    const waiting = Object.fromEntries(overview.attention.map((item) => [item.taskId, item.waiting]));
    expect(waiting[unreachable]).toEqual({ kind: "provider-unreachable", since: failedAt.toISOString() });
    expect(waiting[closed]).toMatchObject({ kind: "outside-window" });
  });

  it("treats a running task as outside its window on a statutory holiday when the group skips holidays", async () => {
    const account = await seedAccount("nxcloud");
    const weekdays = await seedGroup("Weekdays");
    // Thursday 1 October 2026, National Day: a weekday, but a holiday.
    const holidayNoon = new Date("2026-10-01T11:00:00+08:00");
    const task = await seedTask({ accountId: account, callTimeGroupId: weekdays, lastSyncAt: holidayNoon });
    const overview = await getOverview({ now: holidayNoon, range: "24h" });
    expect(overview.attention.map((item) => [item.taskId, item.reasons])).toEqual([[task, ["outside-window"]]]);
  });
});
