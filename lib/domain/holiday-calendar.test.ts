import { describe, expect, it } from "vitest";
import { withYears, yearsBetween, type HolidayCalendar } from "./holiday-calendar";

const base: HolidayCalendar = {
  region: "CN",
  coveredYears: [2025, 2026],
  days: { "2025-10-01": { kind: "holiday", name: "National Day,国庆节" }, "2026-10-01": { kind: "holiday", name: "National Day,国庆节" } },
};

describe("withYears", () => {
  it("adds the years a browser loaded later, and a loaded year without data stays unknown", () => {
    const loaded: HolidayCalendar = { region: "CN", coveredYears: [2024], days: { "2024-10-01": { kind: "holiday", name: "National Day,国庆节" } } };
    const merged = withYears(base, loaded, [2024, 2027]);
    expect(merged.coveredYears).toEqual([2024, 2025, 2026]);
    expect(Object.keys(merged.days).sort()).toEqual(["2024-10-01", "2025-10-01", "2026-10-01"]);
  });

  it("replaces a year it loads again (an administrator may have edited it)", () => {
    const loaded: HolidayCalendar = { region: "CN", coveredYears: [2026], days: { "2026-10-02": { kind: "holiday", name: "X" } } };
    const merged = withYears(base, loaded, [2026]);
    expect(merged.days["2026-10-01"]).toBeUndefined();
    expect(merged.days["2026-10-02"]).toEqual({ kind: "holiday", name: "X" });
    expect(merged.coveredYears).toEqual([2025, 2026]);
  });
});

describe("yearsBetween", () => {
  it("lists the years two dates span, bounded", () => {
    expect(yearsBetween("2026-12-25", "2027-01-07")).toEqual([2026, 2027]);
    expect(yearsBetween("2026-02-01", "2026-02-28")).toEqual([2026]);
    expect(yearsBetween(2000, 2100)).toHaveLength(6);
  });
});
