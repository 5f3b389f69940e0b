// Call-time group validation (the zod schema and the rules with messages in both languages), apart from
// lib/domain/call-time-group.ts so that pages which only show groups do not download zod (issue 14 goal 4).
import { z } from "zod";
import {
  canonicalTimeZone,
  DEFAULT_TIME_ZONE,
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
  type IsoWeekday,
  type MinuteRange,
} from "./call-time-group";
import { domainText as text } from "./catalog";
import { sameText, type LocalizedText } from "./text";
import { formatRange, MINUTES_PER_DAY } from "./time-format";

export interface CallTimeGroupIssue {
  path: (string | number)[];
  message: LocalizedText;
}

export const ZMinuteRange = z
  .object({
    start: z.number().int().min(0).max(MINUTES_PER_DAY - 1),
    end: z.number().int().min(1).max(MINUTES_PER_DAY),
  })
  .refine((range) => range.start < range.end, { message: "A range must end after it starts", path: ["end"] });
export type TMinuteRange = z.infer<typeof ZMinuteRange>;

// The group schema checks only shapes field by field; every rule about ranges is checked per day
// by callTimeGroupIssues so that the message names the day ("Tuesday: …"), as STYLE.md habit 10 asks.
const ZRangeShape = z.object({ start: z.number(), end: z.number() });
// abort: a day over the bound stops validation there; the per-day rules never run on 20 000 ranges.
const ZDayRanges = z
  .array(ZRangeShape)
  .max(MAX_RANGES_PER_DAY, { error: `At most ${MAX_RANGES_PER_DAY} ranges a day`, abort: true })
  .default([]);

const ZCallTimeGroupShape = z.object({
  name: z.string().trim().max(1000),
  timeZone: z.string().trim().max(64).default(DEFAULT_TIME_ZONE),
  weekly: z.object({
    1: ZDayRanges,
    2: ZDayRanges,
    3: ZDayRanges,
    4: ZDayRanges,
    5: ZDayRanges,
    6: ZDayRanges,
    7: ZDayRanges,
  }),
  skipHolidays: z.boolean().default(true),
  makeUpDayAs: z.number().nullable().default(null),
  overrides: z
    .array(z.object({ date: z.string().trim().max(32), ranges: ZDayRanges }))
    .max(MAX_OVERRIDES, { error: `At most ${MAX_OVERRIDES} date overrides`, abort: true })
    .default([]),
  isDefault: z.boolean().default(false),
});
type CallTimeGroupShape = z.output<typeof ZCallTimeGroupShape>;

function labelled(label: LocalizedText, message: LocalizedText): LocalizedText {
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

function callTimeGroupIssues(group: CallTimeGroupShape): CallTimeGroupIssue[] {
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

function toCallTimeGroup(shape: CallTimeGroupShape): CallTimeGroup {
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

/**
 * The group as a form or an API sends it. Output: a CallTimeGroup with each day's ranges sorted.
 * Messages are English; use validateCallTimeGroup for messages in both languages.
 */
export const ZCallTimeGroup = ZCallTimeGroupShape.superRefine((group, ctx) => {
  for (const issue of callTimeGroupIssues(group)) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message.en });
  }
}).transform(toCallTimeGroup);
export type TCallTimeGroup = z.output<typeof ZCallTimeGroup>;
export type TCallTimeGroupInput = z.input<typeof ZCallTimeGroup>;

export type CallTimeGroupValidation =
  | { ok: true; group: CallTimeGroup }
  | { ok: false; issues: CallTimeGroupIssue[] };

/** Same rules as ZCallTimeGroup, with every message in English and Chinese. */
export function validateCallTimeGroup(input: unknown): CallTimeGroupValidation {
  const parsed = ZCallTimeGroupShape.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, MAX_ISSUES).map(shapeIssue) };
  }
  const issues = callTimeGroupIssues(parsed.data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, group: toCallTimeGroup(parsed.data) };
}

/** A value of the wrong type (a string where a number belongs, …): say where, in both languages. */
function shapeIssue(issue: z.core.$ZodIssue): CallTimeGroupIssue {
  const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
  if (path[0] === "weekly" && typeof path[1] === "string" && /^[1-7]$/.test(path[1])) {
    const day = Number(path[1]) as IsoWeekday;
    if (issue.code === "too_big") return { path: ["weekly", day], message: labelled(isoWeekdayText(day), text("group.tooManyRanges", { max: MAX_RANGES_PER_DAY })) };
    return { path: ["weekly", day], message: text("invalidShape", { where: isoWeekdayText(day), detail: issue.message }) };
  }
  if (path[0] === "overrides" && path.length === 1 && issue.code === "too_big") {
    return { path, message: text("group.tooManyOverrides", { max: MAX_OVERRIDES }) };
  }
  return { path, message: text("invalidShape", { where: path.join("."), detail: issue.message }) };
}
