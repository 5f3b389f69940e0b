// The one state behind the call-time group editor: the week grid and the per-day list both read
// and dispatch here, so they can never disagree. Pure, so it is unit tested without a browser.
//
// Typed ranges are kept as typed (not merged) so an overlap stays visible and is refused with a
// message on its day; painting on the grid merges the day's ranges, as painting implies.

import {
  emptyWeek,
  ISO_WEEKDAYS,
  normalizeRanges,
  type CallTimeGroup,
  type DateOverride,
  type IsoWeekday,
  type MinuteRange,
} from "@/lib/domain/call-time-group";

const DAY_END = 1440;
/** A day switched on with nothing remembered starts with office hours. */
const DEFAULT_DAY_RANGE: MinuteRange = { start: 9 * 60, end: 17 * 60 };

export interface EditorState {
  group: CallTimeGroup;
  /** Ranges of days switched off, restored when the day is switched on again. */
  remembered: Partial<Record<IsoWeekday, MinuteRange[]>>;
}

export type EditorAction =
  | { type: "load"; group: CallTimeGroup }
  | { type: "setName"; name: string }
  | { type: "setTimeZone"; timeZone: string }
  | { type: "setSkipHolidays"; skipHolidays: boolean }
  | { type: "setMakeUpDayAs"; makeUpDayAs: IsoWeekday | null }
  | { type: "setDefault"; isDefault: boolean }
  /** Paint (or erase) [start, end) on every day from `fromDay` to `toDay`. */
  | { type: "paint"; fromDay: IsoWeekday; toDay: IsoWeekday; start: number; end: number; erase: boolean }
  | { type: "setDayEnabled"; day: IsoWeekday; enabled: boolean }
  | { type: "addRange"; day: IsoWeekday }
  | { type: "removeRange"; day: IsoWeekday; index: number }
  | { type: "setRange"; day: IsoWeekday; index: number; range: MinuteRange }
  | { type: "copyDay"; from: IsoWeekday; to: IsoWeekday[] }
  | { type: "addOverride"; date: string }
  | { type: "removeOverride"; index: number }
  | { type: "setOverrideDate"; index: number; date: string }
  | { type: "setOverrideClosed"; index: number; closed: boolean }
  | { type: "addOverrideRange"; index: number }
  | { type: "removeOverrideRange"; index: number; rangeIndex: number }
  | { type: "setOverrideRange"; index: number; rangeIndex: number; range: MinuteRange };

export function initialEditorState(group: CallTimeGroup): EditorState {
  return { group: cloneGroup(group), remembered: {} };
}

function cloneRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  return ranges.map((r) => ({ start: r.start, end: r.end }));
}

function cloneGroup(group: CallTimeGroup): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of ISO_WEEKDAYS) weekly[day] = cloneRanges(group.weekly[day] ?? []);
  return { ...group, weekly, overrides: group.overrides.map((o) => ({ date: o.date, ranges: cloneRanges(o.ranges) })) };
}

/** [start, end) taken out of the ranges, splitting a range that contains it. */
export function subtractRange(ranges: readonly MinuteRange[], cut: MinuteRange): MinuteRange[] {
  const result: MinuteRange[] = [];
  for (const r of ranges) {
    if (r.end <= cut.start || r.start >= cut.end) result.push({ start: r.start, end: r.end });
    else {
      if (r.start < cut.start) result.push({ start: r.start, end: cut.start });
      if (r.end > cut.end) result.push({ start: cut.end, end: r.end });
    }
  }
  return result;
}

/** A range for "add": an hour after the day's last range, or office hours on an empty day; null when the day is full. */
export function nextFreeRange(ranges: readonly MinuteRange[]): MinuteRange | null {
  if (ranges.length === 0) return { ...DEFAULT_DAY_RANGE };
  const lastEnd = Math.max(...ranges.map((r) => r.end));
  if (lastEnd >= DAY_END) return null;
  return { start: lastEnd, end: Math.min(lastEnd + 60, DAY_END) };
}

function withWeekly(state: EditorState, day: IsoWeekday, ranges: MinuteRange[]): EditorState {
  return { ...state, group: { ...state.group, weekly: { ...state.group.weekly, [day]: ranges } } };
}

function withOverrides(state: EditorState, overrides: DateOverride[]): EditorState {
  return { ...state, group: { ...state.group, overrides } };
}

function mapOverride(state: EditorState, index: number, change: (o: DateOverride) => DateOverride): EditorState {
  return withOverrides(
    state,
    state.group.overrides.map((o, i) => (i === index ? change(o) : o)),
  );
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { group } = state;
  switch (action.type) {
    case "load":
      return initialEditorState(action.group);
    case "setName":
      return { ...state, group: { ...group, name: action.name } };
    case "setTimeZone":
      return { ...state, group: { ...group, timeZone: action.timeZone } };
    case "setSkipHolidays":
      return { ...state, group: { ...group, skipHolidays: action.skipHolidays } };
    case "setMakeUpDayAs":
      return { ...state, group: { ...group, makeUpDayAs: action.makeUpDayAs } };
    case "setDefault":
      return { ...state, group: { ...group, isDefault: action.isDefault } };
    case "paint": {
      const [first, last] = action.fromDay <= action.toDay ? [action.fromDay, action.toDay] : [action.toDay, action.fromDay];
      const cut = { start: Math.min(action.start, action.end), end: Math.max(action.start, action.end) };
      if (cut.start === cut.end) return state;
      const weekly = { ...group.weekly };
      const remembered = { ...state.remembered };
      for (const day of ISO_WEEKDAYS) {
        if (day < first || day > last) continue;
        weekly[day] = action.erase ? normalizeRanges(subtractRange(weekly[day], cut)) : normalizeRanges([...weekly[day], cut]);
        // Painting a switched-off day switches it on with what was painted, not what was remembered.
        delete remembered[day];
      }
      return { group: { ...group, weekly }, remembered };
    }
    case "setDayEnabled": {
      const current = group.weekly[action.day];
      if (action.enabled) {
        if (current.length > 0) return state;
        const restored = state.remembered[action.day];
        const remembered = { ...state.remembered };
        delete remembered[action.day];
        return { ...withWeekly(state, action.day, restored?.length ? cloneRanges(restored) : [{ ...DEFAULT_DAY_RANGE }]), remembered };
      }
      if (current.length === 0) return state;
      return { ...withWeekly(state, action.day, []), remembered: { ...state.remembered, [action.day]: cloneRanges(current) } };
    }
    case "addRange": {
      const range = nextFreeRange(group.weekly[action.day]);
      return range ? withWeekly(state, action.day, [...group.weekly[action.day], range]) : state;
    }
    case "removeRange":
      return withWeekly(
        state,
        action.day,
        group.weekly[action.day].filter((_, i) => i !== action.index),
      );
    case "setRange":
      return withWeekly(
        state,
        action.day,
        group.weekly[action.day].map((r, i) => (i === action.index ? { ...action.range } : r)),
      );
    case "copyDay": {
      const weekly = { ...group.weekly };
      const remembered = { ...state.remembered };
      for (const day of action.to) {
        if (day === action.from) continue;
        weekly[day] = cloneRanges(group.weekly[action.from]);
        delete remembered[day];
      }
      return { group: { ...group, weekly }, remembered };
    }
    case "addOverride":
      if (group.overrides.some((o) => o.date === action.date)) return state;
      return withOverrides(state, [...group.overrides, { date: action.date, ranges: [] }]);
    case "removeOverride":
      return withOverrides(
        state,
        group.overrides.filter((_, i) => i !== action.index),
      );
    case "setOverrideDate":
      return mapOverride(state, action.index, (o) => ({ ...o, date: action.date }));
    case "setOverrideClosed":
      return mapOverride(state, action.index, (o) => ({ ...o, ranges: action.closed ? [] : [{ ...DEFAULT_DAY_RANGE }] }));
    case "addOverrideRange":
      return mapOverride(state, action.index, (o) => {
        const range = nextFreeRange(o.ranges);
        return range ? { ...o, ranges: [...o.ranges, range] } : o;
      });
    case "removeOverrideRange":
      return mapOverride(state, action.index, (o) => ({ ...o, ranges: o.ranges.filter((_, i) => i !== action.rangeIndex) }));
    case "setOverrideRange":
      return mapOverride(state, action.index, (o) => ({
        ...o,
        ranges: o.ranges.map((r, i) => (i === action.rangeIndex ? { ...action.range } : r)),
      }));
  }
}

export type CellFill = "full" | "partial" | "empty";

/** How much of [start, start + size) the ranges cover, for a grid cell. */
export function cellFill(ranges: readonly MinuteRange[], start: number, size: number): CellFill {
  const end = start + size;
  let covered = 0;
  for (const r of normalizeRanges(ranges)) covered += Math.max(0, Math.min(r.end, end) - Math.max(r.start, start));
  if (covered >= size) return "full";
  return covered > 0 ? "partial" : "empty";
}

/** True when the editor's group differs from the saved one. */
export function isDirty(state: EditorState, saved: CallTimeGroup): boolean {
  return JSON.stringify(cloneGroup(state.group)) !== JSON.stringify(cloneGroup(saved));
}
