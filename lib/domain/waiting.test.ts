import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "./call-time-group";
import { cnCalendarFromPackage } from "./holidays";
import { waitingReason, type WaitingInput } from "./waiting";

const calendar = cnCalendarFromPackage();
const cst = (local: string) => new Date(`${local}+08:00`);

/** Mon–Fri 09:00–18:00 Beijing time, skipping public holidays. */
function officeHours(): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of [1, 2, 3, 4, 5] as const) weekly[day] = [{ start: 9 * 60, end: 18 * 60 }];
  return { name: "Office", timeZone: "Asia/Shanghai", weekly, skipHolidays: true, makeUpDayAs: null, overrides: [], isDefault: false };
}

const running: WaitingInput = {
  kind: "call",
  status: "running",
  totalOrders: 100,
  finishedOrders: 10,
  group: officeHours(),
  calendar,
  pausedByUser: false,
  providerFailedAt: null,
};

describe("waitingReason", () => {
  it("is null while the group is open and numbers are left", () => {
    expect(waitingReason(running, cst("2026-03-03T10:00:00"))).toBeNull();
  });

  it("says the next window when a running task is outside its hours (Tuesday 08:25 → Tuesday 09:00)", () => {
    expect(waitingReason(running, cst("2026-03-03T08:25:00"))).toEqual({ kind: "outside-window", nextWindow: cst("2026-03-03T09:00:00") });
    // Friday evening: the next window is Monday morning.
    expect(waitingReason(running, cst("2026-03-06T19:00:00"))).toEqual({ kind: "outside-window", nextWindow: cst("2026-03-09T09:00:00") });
  });

  it("names a public holiday the group skips, with the first window after it", () => {
    // Thursday 1 October 2026 is National Day; 1–7 October are holidays, Thursday 8 October is the first
    // working day after the break.
    const reason = waitingReason(running, cst("2026-10-01T10:00:00"));
    expect(reason).toMatchObject({ kind: "holiday", nextWindow: cst("2026-10-08T09:00:00") });
    expect(reason?.kind === "holiday" && reason.name).toContain("国庆节");
  });

  it("says no numbers are left when every number is finished, or the task has none", () => {
    expect(waitingReason({ ...running, finishedOrders: 100 }, cst("2026-03-03T10:00:00"))).toEqual({ kind: "no-numbers-left" });
    expect(waitingReason({ ...running, totalOrders: 0, finishedOrders: 0 }, cst("2026-03-03T10:00:00"))).toEqual({ kind: "no-numbers-left" });
  });

  it("tells a provider's pause from a user's", () => {
    expect(waitingReason({ ...running, status: "paused" }, cst("2026-03-03T10:00:00"))).toEqual({ kind: "paused-by-provider" });
    expect(waitingReason({ ...running, status: "paused", pausedByUser: true }, cst("2026-03-03T10:00:00"))).toBeNull();
  });

  it("says the provider is unreachable before anything else, and nothing for ended or follow-up tasks", () => {
    const failedAt = cst("2026-03-03T09:58:00");
    expect(waitingReason({ ...running, providerFailedAt: failedAt }, cst("2026-03-03T10:00:00"))).toEqual({ kind: "provider-unreachable", since: failedAt });
    expect(waitingReason({ ...running, status: "completed" }, cst("2026-03-03T08:00:00"))).toBeNull();
    expect(waitingReason({ ...running, kind: "follow-up" }, cst("2026-03-03T08:00:00"))).toBeNull();
  });
});
