// The rules of a call-time group with messages in both languages, in plain code: the server's schema
// (call-time-group-validation.ts, zod) runs them after checking the shape, and the group editor runs them on the
// group it holds, so the editor page does not download zod (issue 14 goal 4: first-load JS ≤ 180 kB).
import {
  canonicalTimeZone,
  emptyWeek,
  GROUP_NAME_MAX,
  isIsoDate,
  ISO_WEEKDAYS,
  isoWeekdayText,
  isValidTimeZone,
  MAX_ISSUES,
  MAX_OVERRIDES,
  MAX_RANGES_PER_DAY,
  type CallTimeGroup,
  type MinuteRange,
} from "./call-time-group";
import { domainText as text } from "./catalog";
import { sameText, type LocalizedText } from "./text";
import { formatRange, MINUTES_PER_DAY } from "./time-format";

export interface CallTimeGroupIssue {
  path: (string | number)[];
  message: LocalizedText;
}

export type CallTimeGroupValidation =
  | { ok: true; group: CallTimeGroup }
  | { ok: false; issues: CallTimeGroupIssue[] };

export function labelled(label: LocalizedText, message: LocalizedText): LocalizedText {
  return text("labelled", { label, message });
}

function rangeIssues(ranges: readonly MinuteRange[], label: LocalizedText): LocalizedText[] {
  const messages: LocalizedText[] = [];
  const wellFormed: MinuteRange[] = [];
  for (const range of ranges) {
    if (messages.length >= MAX_ISSUES) return messages;
    const inDay =
      Number.isInteger(range.start) &&
      Number.isInteger(range.end) &&
      range.start >= 0 &&
      range.end <= MINUTES_PER_DAY;
    if (!inDay) {
      messages.push(labelled(label, text("group.notWholeMinutes")));
    } else if (range.start >= range.end) {
      messages.push(labelled(label, text("group.endBeforeStart", { range: formatRange(range) })));
    } else {
      wellFormed.push(range);
    }
  }
  wellFormed.sort((a, b) => a.start - b.start || a.end - b.end);
  // Compare each range with the one reaching furthest so far, so that a range nested in a long
  // one is reported even when a shorter range sits between them.
  let reach: MinuteRange | undefined;
  for (const range of wellFormed) {
    if (messages.length >= MAX_ISSUES) break;
    if (reach && range.start < reach.end) {
      messages.push(labelled(label, text("group.overlap", { first: formatRange(reach), second: formatRange(range) })));
    }
    if (!reach || range.end > reach.end) reach = range;
  }
  return messages;
}

export function callTimeGroupIssues(group: CallTimeGroupFields): CallTimeGroupIssue[] {
  const issues: CallTimeGroupIssue[] = [];
  if (group.name.length === 0) {
    issues.push({ path: ["name"], message: text("group.nameRequired") });
  } else if (group.name.length > GROUP_NAME_MAX) {
    issues.push({ path: ["name"], message: text("group.nameTooLong", { max: GROUP_NAME_MAX }) });
  }
  if (!isValidTimeZone(group.timeZone)) {
    issues.push({ path: ["timeZone"], message: text("group.unknownZone", { zone: group.timeZone }) });
  }
  const makeUpDayAs = group.makeUpDayAs;
  if (makeUpDayAs !== null && !(Number.isInteger(makeUpDayAs) && makeUpDayAs >= 1 && makeUpDayAs <= 5)) {
    issues.push({ path: ["makeUpDayAs"], message: text("group.makeUpDayAs") });
  }
  for (const day of ISO_WEEKDAYS) {
    for (const message of rangeIssues(group.weekly[day], isoWeekdayText(day))) issues.push({ path: ["weekly", day], message });
  }
  if (issues.length >= MAX_ISSUES) return issues.slice(0, MAX_ISSUES);
  const seenDates = new Set<string>();
  group.overrides.forEach((override, index) => {
    if (issues.length >= MAX_ISSUES) return;
    const { date } = override;
    if (!isIsoDate(date)) {
      issues.push({ path: ["overrides", index, "date"], message: text("notADate", { date }) });
    } else if (seenDates.has(date)) {
      issues.push({ path: ["overrides", index, "date"], message: text("group.duplicateOverride", { date }) });
    }
    seenDates.add(date);
    for (const message of rangeIssues(override.ranges, sameText(date))) {
      issues.push({ path: ["overrides", index], message });
    }
  });
  return issues.slice(0, MAX_ISSUES);
}

export function toCallTimeGroup(shape: CallTimeGroupFields): CallTimeGroup {
  const byStart = (ranges: MinuteRange[]) =>
    ranges.map((r) => ({ start: r.start, end: r.end })).sort((a, b) => a.start - b.start);
  const weekly = emptyWeek();
  for (const day of ISO_WEEKDAYS) weekly[day] = byStart(shape.weekly[day]);
  return {
    name: shape.name,
    timeZone: canonicalTimeZone(shape.timeZone) ?? shape.timeZone,
    weekly,
    skipHolidays: shape.skipHolidays,
    makeUpDayAs: shape.makeUpDayAs as CallTimeGroup["makeUpDayAs"],
    overrides: shape.overrides
      .map((o) => ({ date: o.date, ranges: byStart(o.ranges) }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    isDefault: shape.isDefault,
  };
}

/** A group as the schema's shape gives it: any make-up weekday number (the rules check it). */
export type CallTimeGroupFields = Omit<CallTimeGroup, "makeUpDayAs"> & { makeUpDayAs: number | null };

/**
 * validateCallTimeGroup's verdict on a group the editor holds, which already has the shape (its values come
 * from the editor's own controls): the same bounds on ranges a day and overrides, the name and zone trimmed,
 * the same rules and messages. Only the schema's wording of a value of the wrong type is not repeated here.
 */
export function checkCallTimeGroup(group: CallTimeGroupFields): CallTimeGroupValidation {
  const fields: CallTimeGroupFields = { ...group, name: group.name.trim(), timeZone: group.timeZone.trim() };
  const bounds: CallTimeGroupIssue[] = [];
  for (const day of ISO_WEEKDAYS) {
    if (fields.weekly[day].length > MAX_RANGES_PER_DAY) {
      bounds.push({ path: ["weekly", day], message: labelled(isoWeekdayText(day), text("group.tooManyRanges", { max: MAX_RANGES_PER_DAY })) });
    }
  }
  if (fields.overrides.length > MAX_OVERRIDES) bounds.push({ path: ["overrides"], message: text("group.tooManyOverrides", { max: MAX_OVERRIDES }) });
  fields.overrides.forEach((override, index) => {
    if (override.ranges.length > MAX_RANGES_PER_DAY) {
      bounds.push({ path: ["overrides", index], message: labelled(sameText(override.date), text("group.tooManyRanges", { max: MAX_RANGES_PER_DAY })) });
    }
  });
  if (bounds.length > 0) return { ok: false, issues: bounds.slice(0, MAX_ISSUES) };
  const issues = callTimeGroupIssues(fields);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, group: toCallTimeGroup(fields) };
}
