import { describe, expect, it } from "vitest";
import { defaultCallTimeGroup, emptyWeek, type CallTimeGroup } from "./call-time-group";
import { checkCallTimeGroup } from "./call-time-group-rules";
import { validateCallTimeGroup } from "./call-time-group-validation";

const hm = (h: number, m = 0) => h * 60 + m;

function group(patch: Partial<CallTimeGroup> = {}): CallTimeGroup {
  return { ...defaultCallTimeGroup("Sales"), ...patch };
}

// The group editor checks with checkCallTimeGroup (no zod in the page); the save action with
// validateCallTimeGroup. A user must see the same verdict and the same words from both.
describe("the editor's check of a group agrees with the server's validation", () => {
  const cases: Record<string, CallTimeGroup> = {
    "a valid group": group(),
    "a group with no hours": group({ weekly: emptyWeek() }),
    "an empty name": group({ name: "" }),
    "a name in spaces": group({ name: "   " }),
    "a name too long": group({ name: "x".repeat(81) }),
    "a name with spaces around it": group({ name: "  Sales  " }),
    "an unknown zone": group({ timeZone: "Mars/Olympus" }),
    "overlapping ranges": group({ weekly: { ...emptyWeek(), 2: [{ start: hm(9), end: hm(12) }, { start: hm(11), end: hm(13) }] } }),
    "a range ending before it starts": group({ weekly: { ...emptyWeek(), 3: [{ start: hm(12), end: hm(9) }] } }),
    "a range off the minute": group({ weekly: { ...emptyWeek(), 7: [{ start: 0.5, end: hm(9) }] } }),
    "too many ranges on a day": group({
      weekly: { ...emptyWeek(), 1: Array.from({ length: 49 }, (_, i) => ({ start: i * 20, end: i * 20 + 10 })) },
    }),
    "a duplicated override date": group({
      overrides: [
        { date: "2026-10-01", ranges: [] },
        { date: "2026-10-01", ranges: [{ start: hm(9), end: hm(10) }] },
      ],
    }),
    "an override that is not a date": group({ overrides: [{ date: "2026-13-40", ranges: [] }] }),
    "a make-up day on a weekend": group({ makeUpDayAs: 6 as CallTimeGroup["makeUpDayAs"] }),
  };
  for (const [name, input] of Object.entries(cases)) {
    it(name, () => {
      expect(checkCallTimeGroup(input)).toEqual(validateCallTimeGroup(input));
    });
  }

  it("says what is wrong on the day, in both languages", () => {
    const verdict = checkCallTimeGroup(cases["overlapping ranges"]);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.issues).toEqual([{ path: ["weekly", 2], message: expect.objectContaining({ en: expect.stringContaining("Tuesday") }) }]);
  });
});
