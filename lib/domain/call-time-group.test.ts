import { describe, expect, it } from "vitest";
import { defaultCallTimeGroup, dialsNever, emptyWeek, formatMinute, formatRange, isoWeekdayName, normalizeRanges, parseHhMm, weekSummary } from "./call-time-group";
import { validateCallTimeGroup, ZCallTimeGroup, ZMinuteRange } from "./call-time-group-validation";

const hm = (h: number, m = 0) => h * 60 + m;

function input(patch: Record<string, unknown> = {}) {
  return { name: "Sales", weekly: emptyWeek(), ...patch };
}

describe("times of day", () => {
  it("parses H:MM and HH:MM up to 24:00", () => {
    expect(parseHhMm("9:00")).toBe(540);
    expect(parseHhMm("09:00")).toBe(540);
    expect(parseHhMm(" 13:45 ")).toBe(825);
    expect(parseHhMm("0:00")).toBe(0);
    expect(parseHhMm("24:00")).toBe(1440);
    expect(parseHhMm("9：30")).toBe(570);
  });

  it("rejects what is not a time of day", () => {
    for (const text of ["24:01", "25:00", "9:60", "9:5", "900", "", "nine"]) expect(parseHhMm(text)).toBeNull();
  });

  it("formats minutes and ranges", () => {
    expect(formatMinute(0)).toBe("00:00");
    expect(formatMinute(hm(9, 5))).toBe("09:05");
    expect(formatMinute(1440)).toBe("24:00");
    expect(formatRange({ start: hm(9), end: hm(12) })).toBe("09:00–12:00");
  });
});

describe("normalizeRanges", () => {
  it("sorts and merges touching and overlapping ranges", () => {
    expect(
      normalizeRanges([
        { start: hm(13), end: hm(18) },
        { start: hm(9), end: hm(12) },
        { start: hm(12), end: hm(13) },
        { start: hm(20), end: hm(21) },
        { start: hm(20, 30), end: hm(20, 45) },
      ]),
    ).toEqual([
      { start: hm(9), end: hm(18) },
      { start: hm(20), end: hm(21) },
    ]);
  });
});

describe("validateCallTimeGroup", () => {
  it("names the day and both ranges when ranges overlap, in English and Chinese", () => {
    const weekly = { ...emptyWeek(), 2: [{ start: hm(9), end: hm(12) }, { start: hm(11), end: hm(13) }] };
    expect(validateCallTimeGroup(input({ weekly }))).toEqual({
      ok: false,
      issues: [
        {
          path: ["weekly", 2],
          message: { en: "Tuesday: 09:00–12:00 overlaps 11:00–13:00", zh: "周二：09:00–12:00 与 11:00–13:00 重叠" },
        },
      ],
    });
  });

  it("reports the same issue through the zod schema", () => {
    const weekly = { ...emptyWeek(), 2: [{ start: hm(11), end: hm(13) }, { start: hm(9), end: hm(12) }] };
    const parsed = ZCallTimeGroup.safeParse(input({ weekly }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [["weekly", 2], "Tuesday: 09:00–12:00 overlaps 11:00–13:00"],
    ]);
  });

  it("finds a range nested in a longer one", () => {
    const weekly = { ...emptyWeek(), 4: [{ start: hm(9), end: hm(18) }, { start: hm(10), end: hm(11) }, { start: hm(12), end: hm(13) }] };
    const result = validateCallTimeGroup(input({ weekly }));
    expect(result.ok ? [] : result.issues.map((i) => i.message.en)).toEqual([
      "Thursday: 09:00–18:00 overlaps 10:00–11:00",
      "Thursday: 09:00–18:00 overlaps 12:00–13:00",
    ]);
  });

  it("explains backwards and out-of-day ranges on their day", () => {
    const weekly = { ...emptyWeek(), 3: [{ start: hm(12), end: hm(9) }], 7: [{ start: hm(23), end: 1441 }] };
    const result = validateCallTimeGroup(input({ weekly }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: ["weekly", 3],
        message: { en: "Wednesday: 12:00–09:00 must end after it starts", zh: "周三：12:00–09:00 的结束时间必须晚于开始时间" },
      },
      {
        path: ["weekly", 7],
        message: { en: "Sunday: times must be whole minutes between 00:00 and 24:00", zh: "周日：时间必须是 00:00 到 24:00 之间的整分钟" },
      },
    ]);
  });

  it("accepts touching ranges and returns each day sorted", () => {
    const weekly = { ...emptyWeek(), 1: [{ start: hm(12), end: hm(13) }, { start: hm(9), end: hm(12) }, { start: hm(22), end: 1440 }] };
    const result = validateCallTimeGroup(input({ name: "  Sales  ", weekly }));
    expect(result).toMatchObject({
      ok: true,
      group: {
        name: "Sales",
        timeZone: "Asia/Shanghai",
        skipHolidays: true,
        makeUpDayAs: null,
        overrides: [],
        isDefault: false,
      },
    });
    if (result.ok) {
      expect(result.group.weekly[1]).toEqual([
        { start: hm(9), end: hm(12) },
        { start: hm(12), end: hm(13) },
        { start: hm(22), end: 1440 },
      ]);
    }
  });

  it("checks the name, the zone and makeUpDayAs", () => {
    const result = validateCallTimeGroup(input({ name: "   ", timeZone: "Mars/Olympus", makeUpDayAs: 6 }));
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.message.zh])).toEqual([
      [["name"], "请填写名称"],
      [["timeZone"], "未知时区“Mars/Olympus”"],
      [["makeUpDayAs"], "调休上班日只能按周一至周五中的某一天拨打"],
    ]);
    const long = validateCallTimeGroup(input({ name: "x".repeat(81) }));
    expect(long.ok ? [] : long.issues.map((i) => i.message.en)).toEqual(["Name must be at most 80 characters"]);
    expect(validateCallTimeGroup(input({ timeZone: "America/New_York", makeUpDayAs: 5 })).ok).toBe(true);
  });

  it("spells the zone the way the time-zone database does", () => {
    const result = validateCallTimeGroup(input({ timeZone: "europe/london" }));
    expect(result.ok && result.group.timeZone).toBe("Europe/London");
  });

  it("checks override dates and their ranges", () => {
    const result = validateCallTimeGroup(
      input({
        overrides: [
          { date: "2026-10-01", ranges: [] },
          { date: "2026-10-01", ranges: [] },
          { date: "2026-02-30", ranges: [] },
          { date: "2026-10-02", ranges: [{ start: hm(9), end: hm(12) }, { start: hm(9), end: hm(10) }] },
        ],
      }),
    );
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: ["overrides", 1, "date"],
        message: { en: "2026-10-01 has more than one override", zh: "2026-10-01 设置了多个特殊日期规则" },
      },
      {
        path: ["overrides", 2, "date"],
        message: { en: "“2026-02-30” is not a date (YYYY-MM-DD)", zh: "“2026-02-30”不是有效日期（YYYY-MM-DD）" },
      },
      {
        path: ["overrides", 3],
        message: { en: "2026-10-02: 09:00–10:00 overlaps 09:00–12:00", zh: "2026-10-02：09:00–10:00 与 09:00–12:00 重叠" },
      },
    ]);
  });

  it("sorts overrides by date", () => {
    const result = validateCallTimeGroup(
      input({ overrides: [{ date: "2026-10-09", ranges: [] }, { date: "2026-10-03", ranges: [{ start: hm(10), end: hm(11) }] }] }),
    );
    expect(result.ok && result.group.overrides.map((o) => o.date)).toEqual(["2026-10-03", "2026-10-09"]);
  });

  it("points a value of the wrong type at its day", () => {
    const weekly = { ...emptyWeek(), 2: [{ start: "9:00", end: hm(12) }] };
    const result = validateCallTimeGroup(input({ weekly }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0].path).toEqual(["weekly", 2]);
    expect(result.issues[0].message.en).toMatch(/^Tuesday: /);
    expect(result.issues[0].message.zh).toBe("周二：格式不正确");
  });

  it("accepts the default group", () => {
    expect(validateCallTimeGroup(defaultCallTimeGroup("Default"))).toEqual({ ok: true, group: defaultCallTimeGroup("Default") });
  });
});

describe("ZMinuteRange", () => {
  it("accepts 00:00–24:00 and rejects an empty or out-of-day range", () => {
    expect(ZMinuteRange.safeParse({ start: 0, end: 1440 }).success).toBe(true);
    expect(ZMinuteRange.safeParse({ start: hm(9), end: hm(9) }).success).toBe(false);
    expect(ZMinuteRange.safeParse({ start: 1440, end: 1441 }).success).toBe(false);
    expect(ZMinuteRange.safeParse({ start: 0.5, end: 10 }).success).toBe(false);
  });
});

describe("defaultCallTimeGroup", () => {
  it("dials Mon–Fri 09:00–12:00 and 13:00–18:00 in Asia/Shanghai, skipping holidays", () => {
    const group = defaultCallTimeGroup("Default");
    expect(group).toMatchObject({ name: "Default", timeZone: "Asia/Shanghai", skipHolidays: true });
    expect(group.weekly[6]).toEqual([]);
    group.weekly[1].push({ start: hm(20), end: hm(21) });
    expect(group.weekly[2]).toHaveLength(2);
  });
});

describe("weekSummary", () => {
  it("groups weekdays with the same ranges", () => {
    const group = defaultCallTimeGroup("Default");
    group.weekly[6] = [{ start: hm(10, 15), end: hm(11, 45) }];
    expect(weekSummary(group, "en")).toBe("Mon–Fri 09:00–12:00, 13:00–18:00 · Sat 10:15–11:45");
    expect(weekSummary(group, "zh-CN")).toBe("周一至周五 09:00–12:00、13:00–18:00 · 周六 10:15–11:45");
  });

  it("lists separate runs and says when there are no hours", () => {
    const weekly = { ...emptyWeek(), 1: [{ start: hm(9), end: hm(17) }], 2: [{ start: hm(9), end: hm(17) }], 4: [{ start: hm(9), end: hm(17) }] };
    expect(weekSummary({ weekly }, "en")).toBe("Mon, Tue, Thu 09:00–17:00");
    expect(weekSummary({ weekly: emptyWeek() }, "en")).toBe("No calling hours");
    expect(weekSummary({ weekly: emptyWeek() }, "zh-CN")).toBe("无拨打时段");
  });
});

describe("isoWeekdayName", () => {
  it("names ISO weekdays (1 = Monday) in both languages", () => {
    expect(isoWeekdayName(2, "en")).toBe("Tuesday");
    expect(isoWeekdayName(7, "en", "short")).toBe("Sun");
    expect(isoWeekdayName(7, "zh-CN")).toBe("周日");
  });
});

describe("bounds (issue 12 point 3)", () => {
  const probe = (monday: { start: number; end: number }[], overrides: { date: string; ranges: { start: number; end: number }[] }[] = []) => ({
    name: "Probe",
    timeZone: "Asia/Shanghai",
    weekly: { 1: monday, 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
    skipHolidays: true,
    makeUpDayAs: null,
    overrides,
    isDefault: false,
  });
  const overlapping = (n: number) => Array.from({ length: n }, (_, i) => ({ start: i % 1000, end: (i % 1000) + 100 }));

  it.each([8_000, 20_000])("refuses %i overlapping ranges with one message naming the day, in both languages", (n) => {
    const result = validateCallTimeGroup(probe(overlapping(n)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: ["weekly", 1], message: { en: "Monday: at most 48 ranges a day", zh: "周一：每天最多 48 个时段" } }]);
  });

  it("stops after 20 problems however many there are", () => {
    const result = validateCallTimeGroup(probe(overlapping(48), [{ date: "2026-12-01", ranges: overlapping(48) }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length).toBe(20);
  });

  it("refuses more than a year of date overrides", () => {
    const overrides = Array.from({ length: 367 }, (_, i) => ({ date: `2026-01-${String((i % 28) + 1).padStart(2, "0")}`, ranges: [] }));
    const result = validateCallTimeGroup(probe([], overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.message.en)).toEqual(["At most 366 date overrides"]);
  });
});

describe("dialsNever", () => {
  it("is true only when no weekday and no override has hours", () => {
    const empty = { ...defaultCallTimeGroup("Empty"), weekly: emptyWeek() };
    expect(dialsNever(empty)).toBe(true);
    expect(dialsNever({ ...empty, overrides: [{ date: "2026-10-10", ranges: [] }] })).toBe(true);
    expect(dialsNever({ ...empty, overrides: [{ date: "2026-10-10", ranges: [{ start: 540, end: 600 }] }] })).toBe(false);
    expect(dialsNever(defaultCallTimeGroup("Office"))).toBe(false);
  });
});
