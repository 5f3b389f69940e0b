import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "@/lib/domain/call-time-group";
import { validateCallTimeGroup } from "@/lib/domain/call-time-group-validation";
import { cellFill, editorReducer, initialEditorState, isDirty, nextFreeRange, subtractRange, type EditorAction } from "./editor-state";

const blank: CallTimeGroup = {
  name: "Office",
  timeZone: "Asia/Shanghai",
  weekly: emptyWeek(),
  skipHolidays: true,
  makeUpDayAs: null,
  overrides: [],
  isDefault: false,
};

function run(...actions: EditorAction[]) {
  return actions.reduce(editorReducer, initialEditorState(blank));
}

describe("call-time group editor state", () => {
  it("paints a rectangle across days and merges with what is there; erasing splits a range", () => {
    const state = run(
      { type: "paint", fromDay: 5, toDay: 1, start: 540, end: 720, erase: false },
      { type: "paint", fromDay: 1, toDay: 1, start: 720, end: 780, erase: false },
      { type: "paint", fromDay: 1, toDay: 1, start: 720, end: 780, erase: true },
    );
    expect(state.group.weekly[1]).toEqual([{ start: 540, end: 720 }]);
    expect(state.group.weekly[5]).toEqual([{ start: 540, end: 720 }]);
    expect(state.group.weekly[6]).toEqual([]);
    const split = editorReducer(state, { type: "paint", fromDay: 2, toDay: 2, start: 600, end: 630, erase: true });
    expect(split.group.weekly[2]).toEqual([{ start: 540, end: 600 }, { start: 630, end: 720 }]);
  });

  it("keeps typed overlapping ranges so the day reports them, instead of merging silently", () => {
    const state = run(
      { type: "addRange", day: 2 },
      { type: "setRange", day: 2, index: 0, range: { start: 540, end: 720 } },
      { type: "addRange", day: 2 },
      { type: "setRange", day: 2, index: 1, range: { start: 660, end: 780 } },
    );
    expect(state.group.weekly[2]).toHaveLength(2);
    const result = validateCallTimeGroup(state.group);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: ["weekly", 2], message: { en: "Tuesday: 09:00–12:00 overlaps 11:00–13:00" } });
  });

  it("a day switched off remembers its ranges and gets them back", () => {
    const state = run(
      { type: "paint", fromDay: 6, toDay: 6, start: 615, end: 705, erase: false },
      { type: "setDayEnabled", day: 6, enabled: false },
    );
    expect(state.group.weekly[6]).toEqual([]);
    const back = editorReducer(state, { type: "setDayEnabled", day: 6, enabled: true });
    expect(back.group.weekly[6]).toEqual([{ start: 615, end: 705 }]);
    expect(editorReducer(initialEditorState(blank), { type: "setDayEnabled", day: 7, enabled: true }).group.weekly[7]).toEqual([
      { start: 540, end: 1020 },
    ]);
  });

  it("copies one day to the checked days", () => {
    const state = run(
      { type: "paint", fromDay: 1, toDay: 1, start: 540, end: 720, erase: false },
      { type: "paint", fromDay: 1, toDay: 1, start: 780, end: 1080, erase: false },
      { type: "copyDay", from: 1, to: [1, 2, 3, 4, 5] },
    );
    for (const day of [2, 3, 4, 5] as const) {
      expect(state.group.weekly[day]).toEqual([{ start: 540, end: 720 }, { start: 780, end: 1080 }]);
    }
    expect(state.group.weekly[6]).toEqual([]);
    // A copy is independent of its source.
    const changed = editorReducer(state, { type: "removeRange", day: 1, index: 0 });
    expect(changed.group.weekly[2]).toHaveLength(2);
  });

  it("adds ranges after the last one and stops at the end of the day", () => {
    expect(nextFreeRange([])).toEqual({ start: 540, end: 1020 });
    expect(nextFreeRange([{ start: 540, end: 1410 }])).toEqual({ start: 1410, end: 1440 });
    expect(nextFreeRange([{ start: 0, end: 1440 }])).toBeNull();
    expect(subtractRange([{ start: 0, end: 60 }], { start: 0, end: 60 })).toEqual([]);
  });

  it("edits date overrides: closed, custom hours, no duplicate dates", () => {
    const state = run(
      { type: "addOverride", date: "2026-12-24" },
      { type: "addOverride", date: "2026-12-24" },
      { type: "setOverrideClosed", index: 0, closed: false },
      { type: "setOverrideRange", index: 0, rangeIndex: 0, range: { start: 540, end: 720 } },
      { type: "addOverrideRange", index: 0 },
    );
    expect(state.group.overrides).toEqual([{ date: "2026-12-24", ranges: [{ start: 540, end: 720 }, { start: 720, end: 780 }] }]);
    const closed = editorReducer(state, { type: "setOverrideClosed", index: 0, closed: true });
    expect(closed.group.overrides[0].ranges).toEqual([]);
    expect(editorReducer(closed, { type: "removeOverride", index: 0 }).group.overrides).toEqual([]);
  });

  it("tells full, partial and empty cells apart, and notices unsaved changes", () => {
    const ranges = [{ start: 615, end: 705 }];
    expect(cellFill(ranges, 600, 30)).toBe("partial");
    expect(cellFill(ranges, 630, 30)).toBe("full");
    expect(cellFill(ranges, 720, 30)).toBe("empty");
    const state = initialEditorState(blank);
    expect(isDirty(state, blank)).toBe(false);
    expect(isDirty(editorReducer(state, { type: "setName", name: "Other" }), blank)).toBe(true);
  });
});
