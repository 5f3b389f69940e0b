import { describe, expect, it } from "vitest";
import { capVerdict, capWindows, DEFAULT_CAPS } from "./caps";

describe("contact caps", () => {
  const rule = { ...DEFAULT_CAPS, enabled: true, perDay: 3, perWeek: 5 };

  it("is off by default", () => {
    expect(DEFAULT_CAPS.enabled).toBe(false);
    expect(capVerdict({ callsToday: 99, callsWeek: 99, pending: 9 }, DEFAULT_CAPS)).toBeNull();
  });

  it("skips a number that one more call would take over the day's or the week's cap, counting calls still waiting elsewhere", () => {
    expect(capVerdict({ callsToday: 2, callsWeek: 2, pending: 0 }, rule)).toBeNull();
    expect(capVerdict({ callsToday: 3, callsWeek: 3, pending: 0 }, rule)).toEqual({ reason: "cap-day", count: 3, max: 3 });
    expect(capVerdict({ callsToday: 2, callsWeek: 2, pending: 1 }, rule)).toEqual({ reason: "cap-day", count: 3, max: 3 });
    expect(capVerdict({ callsToday: 0, callsWeek: 5, pending: 0 }, rule)).toEqual({ reason: "cap-week", count: 5, max: 5 });
  });

  it("counts days in the organisation's zone: 23:30 UTC is already tomorrow in Shanghai", () => {
    const { dayStart, weekStart } = capWindows(new Date("2027-03-10T23:30:00Z"), "Asia/Shanghai");
    expect(dayStart.toISOString()).toBe("2027-03-10T16:00:00.000Z");
    expect(weekStart.toISOString()).toBe("2027-03-04T16:00:00.000Z");
  });

  it("keeps 7 calendar days across a DST change", () => {
    const { dayStart, weekStart } = capWindows(new Date("2027-03-16T12:00:00Z"), "America/New_York");
    expect(dayStart.toISOString()).toBe("2027-03-16T04:00:00.000Z");
    expect(weekStart.toISOString()).toBe("2027-03-10T05:00:00.000Z");
  });
});
