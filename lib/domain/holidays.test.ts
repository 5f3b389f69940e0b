import { describe, expect, it } from "vitest";
import { cnCalendarFromPackage, dayInfo, holidayNameText, mergeArrangement, parseYearArrangement, ZYearArrangement } from "./holidays";

const cn = cnCalendarFromPackage();

describe("cnCalendarFromPackage", () => {
  it("covers 2004–2026 and nothing later", () => {
    expect(cn.coveredYears[0]).toBe(2004);
    expect(cn.coveredYears.at(-1)).toBe(2026);
    expect(cn.coveredYears).toHaveLength(23);
  });

  it("matches the official 2026 arrangement", () => {
    const off = [
      "2026-01-01", "2026-01-03",
      "2026-02-15", "2026-02-19", "2026-02-23",
      "2026-04-04", "2026-04-06",
      "2026-05-01", "2026-05-05",
      "2026-06-19", "2026-06-21",
      "2026-09-25", "2026-09-27",
      "2026-10-01", "2026-10-07",
    ];
    for (const date of off) expect(dayInfo(cn, date).kind, date).toBe("holiday");
    const makeUp = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];
    for (const date of makeUp) expect(dayInfo(cn, date).kind, date).toBe("makeUpWorkday");
    expect(Object.keys(cn.days).filter((d) => d.startsWith("2026") && cn.days[d].kind === "makeUpWorkday")).toHaveLength(6);
  });

  it("names days without chinese-days' trailing day count", () => {
    expect(dayInfo(cn, "2026-10-01")).toEqual({ kind: "holiday", name: "National Day,国庆节" });
    expect(dayInfo(cn, "2026-01-04")).toEqual({ kind: "makeUpWorkday", name: "New Year's Day,元旦" });
  });

  it("calls ordinary days normal and uncovered years unknown", () => {
    expect(dayInfo(cn, "2026-10-08")).toEqual({ kind: "normal" });
    expect(dayInfo(cn, "2026-10-11")).toEqual({ kind: "normal" }); // an ordinary Sunday
    expect(dayInfo(cn, "2027-01-01")).toEqual({ kind: "unknown" });
    expect(dayInfo(cn, "2003-10-01")).toEqual({ kind: "unknown" });
  });
});

describe("holidayNameText", () => {
  it("splits the English and Chinese names", () => {
    expect(holidayNameText("Spring Festival,春节")).toEqual({ en: "Spring Festival", zh: "春节" });
    expect(holidayNameText("公司年会")).toEqual({ en: "公司年会", zh: "公司年会" });
  });
});

const arrangement2027 = {
  year: 2027,
  holidays: [
    { name: "New Year's Day,元旦", from: "2027-01-01", to: "2027-01-01" },
    { name: "Spring Festival,春节", from: "2027-02-05", to: "2027-02-11" },
  ],
  makeUpWorkdays: [{ name: "Spring Festival,春节", date: "2027-02-13" }],
};

describe("parseYearArrangement", () => {
  it("lists every day of an arrangement, sorted", () => {
    const result = parseYearArrangement(arrangement2027);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.year).toBe(2027);
    expect(result.days.map((d) => `${d.date} ${d.kind}`)).toEqual([
      "2027-01-01 holiday",
      ...["05", "06", "07", "08", "09", "10", "11"].map((d) => `2027-02-${d} holiday`),
      "2027-02-13 makeUpWorkday",
    ]);
    expect(result.days[1]).toEqual({ date: "2027-02-05", kind: "holiday", name: "Spring Festival,春节" });
  });

  it("accepts JSON text", () => {
    expect(parseYearArrangement(JSON.stringify(arrangement2027)).ok).toBe(true);
    expect(parseYearArrangement("{ year: 2027").ok).toBe(false);
  });

  it("rejects dates outside the year, reversed spans and a day that is both", () => {
    const result = parseYearArrangement({
      year: 2027,
      holidays: [
        { name: "New Year's Day,元旦", from: "2026-12-31", to: "2027-01-01" },
        { name: "Spring Festival,春节", from: "2027-02-11", to: "2027-02-05" },
        { name: "Labour Day,劳动节", from: "2027-05-01", to: "2027-05-05" },
      ],
      makeUpWorkdays: [{ name: "Labour Day,劳动节", date: "2027-05-03" }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: ["holidays", 0, "from"], message: { en: "2026-12-31 is not in 2027", zh: "2026-12-31 不在 2027 年内" } },
      {
        path: ["holidays", 1, "to"],
        message: { en: "2027-02-05 is before 2027-02-11", zh: "结束日期 2027-02-05 早于开始日期 2027-02-11" },
      },
      {
        path: ["makeUpWorkdays", 0, "date"],
        message: {
          en: "2027-05-03 cannot be both a holiday and a make-up workday",
          zh: "2027-05-03 不能既是假日又是调休上班日",
        },
      },
    ]);
  });

  it("rejects an empty placeholder year", () => {
    const result = parseYearArrangement({ year: 2027, holidays: [] });
    expect(result.ok ? "" : result.issues[0].message.en).toMatch(/lists no holidays/);
  });

  it("reports the same issues through the zod schema", () => {
    const parsed = ZYearArrangement.safeParse({ ...arrangement2027, makeUpWorkdays: [{ name: "x", date: "2027-13-01" }] });
    expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [["makeUpWorkdays", 0, "date"], "“2027-13-01” is not a date (YYYY-MM-DD)"],
    ]);
  });
});

describe("mergeArrangement", () => {
  it("adds a year without touching the original calendar", () => {
    const result = parseYearArrangement(arrangement2027);
    if (!result.ok) throw new Error("arrangement should parse");
    const merged = mergeArrangement(cn, 2027, result.days);
    expect(merged.coveredYears.at(-1)).toBe(2027);
    expect(dayInfo(merged, "2027-02-08")).toEqual({ kind: "holiday", name: "Spring Festival,春节" });
    expect(dayInfo(merged, "2027-03-01")).toEqual({ kind: "normal" });
    expect(dayInfo(merged, "2026-10-01").kind).toBe("holiday");
    expect(dayInfo(cn, "2027-02-08").kind).toBe("unknown");
  });

  it("replaces a covered year's days", () => {
    const merged = mergeArrangement(cn, 2026, [{ date: "2026-10-01", kind: "holiday", name: "National Day,国庆节" }]);
    expect(dayInfo(merged, "2026-10-02")).toEqual({ kind: "normal" });
    expect(dayInfo(merged, "2026-10-10")).toEqual({ kind: "normal" });
    expect(merged.coveredYears.filter((y) => y === 2026)).toHaveLength(1);
  });
});
