import { describe, expect, it } from "vitest";
import { previewPeriod, shiftMonth } from "./preview-period";

describe("previewPeriod", () => {
  it("opens on the fortnight from the first day, across a year end", () => {
    expect(previewPeriod({ kind: "fortnight" }, "2026-12-25")).toEqual({ first: "2026-12-25", last: "2027-01-07", days: 14 });
  });

  it("shows a whole month, February of a leap year included", () => {
    expect(previewPeriod({ kind: "month", month: "2027-02" }, "2026-12-25")).toEqual({ first: "2027-02-01", last: "2027-02-28", days: 28 });
    expect(previewPeriod({ kind: "month", month: "2028-02" }, "2026-12-25").days).toBe(29);
  });
});

describe("shiftMonth", () => {
  it("moves across year ends both ways", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
    expect(shiftMonth("2026-02", 12)).toBe("2027-02");
  });
});
