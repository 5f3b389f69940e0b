// Call-time group validation of any input (the zod schema of its shape, then the rules of
// call-time-group-rules.ts), apart from lib/domain/call-time-group.ts so that pages which only show groups do
// not download zod (issue 14 goal 4).
import { z } from "zod";
import { DEFAULT_TIME_ZONE, isoWeekdayText, MAX_ISSUES, MAX_OVERRIDES, MAX_RANGES_PER_DAY, type IsoWeekday } from "./call-time-group";
import { callTimeGroupIssues, labelled, toCallTimeGroup, type CallTimeGroupIssue, type CallTimeGroupValidation } from "./call-time-group-rules";
import { domainText as text } from "./catalog";
import { MINUTES_PER_DAY } from "./time-format";

export type { CallTimeGroupIssue, CallTimeGroupValidation } from "./call-time-group-rules";

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
