import { describe, expect, it } from "vitest";
import { wallDateTimeValue } from "./time-format";

describe("wallDateTimeValue (the edit form's datetime-local value)", () => {
  it("shows a stored China-time value as typed, and an instant in the provider's zone (issue 15 point 5)", () => {
    expect(wallDateTimeValue("2026-12-01T08:00", "Asia/Shanghai")).toBe("2026-12-01T08:00");
    expect(wallDateTimeValue("2026-12-01 20:00:00", "Asia/Shanghai")).toBe("2026-12-01T20:00");
    // What the wizard used to store: the instant of 08:00 typed in a UTC browser.
    expect(wallDateTimeValue("2026-12-01T00:00:00.000Z", "Asia/Shanghai")).toBe("2026-12-01T08:00");
  });

  it("gives an empty value rather than an invalid one", () => {
    expect(wallDateTimeValue("tomorrow", "Asia/Shanghai")).toBe("");
    expect(wallDateTimeValue(null, "Asia/Shanghai")).toBe("");
    expect(wallDateTimeValue(42, "Asia/Shanghai")).toBe("");
  });
});
