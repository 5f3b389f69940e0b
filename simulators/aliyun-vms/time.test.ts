// The simulator's own reading of TimeType (docs/providers/aliyun-vms.md §Time conditions).
import { describe, expect, it } from "vitest";
import type { SimCondition } from "./state";
import { conditionSpans } from "./time";

const condition = (over: Partial<SimCondition>): SimCondition => ({
  Id: 1, Name: "c", Type: 1, TimeType: 2, DayOfWeek: "", FromDay: "", ToDay: "", StartTime: "09:00", EndTime: "12:00",
  Priority: 1, CreateTime: "", EnterpriseId: "1", ...over,
});
const nine = 540;
const noon = 720;

describe("time conditions", () => {
  it("interval (TimeType 2): every listed weekday at the hours", () => {
    const { weekly } = conditionSpans(condition({ TimeType: 2, DayOfWeek: "2,4" }));
    expect([...weekly.entries()]).toEqual([[1, [{ start: nine, end: noon }]], [3, [{ start: nine, end: noon }]]]);
  });

  it("continuous (TimeType 1): one span from the first day's start to the last day's end", () => {
    const { weekly } = conditionSpans(condition({ TimeType: 1, DayOfWeek: "2,4" }));
    // Monday 09:00 → Wednesday 12:00: Monday evening and all of Tuesday are open too.
    expect(Object.fromEntries(weekly)).toEqual({ 1: [{ start: nine, end: 1440 }], 2: [{ start: 0, end: 1440 }], 3: [{ start: 0, end: noon }] });
  });

  it("a single day reads the same either way, also for fixed dates", () => {
    for (const TimeType of [1, 2]) {
      expect(Object.fromEntries(conditionSpans(condition({ TimeType, DayOfWeek: "4" })).weekly)).toEqual({ 3: [{ start: nine, end: noon }] });
      expect(Object.fromEntries(conditionSpans(condition({ TimeType, Type: 2, FromDay: "2026-10-09", ToDay: "2026-10-09" })).dates)).toEqual({
        "2026-10-09": [{ start: nine, end: noon }],
      });
    }
    const span = conditionSpans(condition({ TimeType: 1, Type: 2, FromDay: "2026-10-09", ToDay: "2026-10-11" })).dates;
    expect(Object.fromEntries(span)).toEqual({
      "2026-10-09": [{ start: nine, end: 1440 }],
      "2026-10-10": [{ start: 0, end: 1440 }],
      "2026-10-11": [{ start: 0, end: noon }],
    });
  });

  it("StartTime equal to EndTime opens nothing on a single day", () => {
    expect(conditionSpans(condition({ DayOfWeek: "3", StartTime: "10:00", EndTime: "10:00" })).weekly.size).toBe(0);
  });
});
