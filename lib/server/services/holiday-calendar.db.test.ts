import { beforeEach, describe, expect, it } from "vitest";
import { dayInfo } from "../../domain/holidays";
import { flushAudit } from "../audit";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";
import {
  getHolidayCalendar,
  importYearArrangement,
  listHolidayDays,
  listHolidayYears,
  removeHolidayDay,
  resetHolidayCalendarCache,
  setHolidayDay,
} from "./holiday-calendar";

const actor = { id: null, email: "admin@example.com" };

const arrangement2027 = {
  year: 2027,
  holidays: [
    { name: "New Year's Day,元旦", from: "2027-01-01", to: "2027-01-03" },
    { name: "Spring Festival,春节", from: "2027-02-05", to: "2027-02-11" },
  ],
  makeUpWorkdays: [{ name: "Spring Festival,春节", date: "2027-02-13" }],
};

describe("holiday calendar", () => {
  beforeEach(async () => {
    await freshDatabase();
    resetHolidayCalendarCache();
  });

  it("seeds from the package once: 2026 National Day is a holiday, 10 Oct a make-up workday, 2027 unknown", async () => {
    const calendar = await getHolidayCalendar();
    expect(dayInfo(calendar, "2026-10-01")).toEqual({ kind: "holiday", name: "National Day,国庆节" });
    expect(dayInfo(calendar, "2026-10-10").kind).toBe("makeUpWorkday");
    expect(dayInfo(calendar, "2026-10-12").kind).toBe("normal");
    expect(dayInfo(calendar, "2027-01-01").kind).toBe("unknown");
    const years = await listHolidayYears();
    expect(years[0]).toMatchObject({ year: 2026, source: "package" });
    resetHolidayCalendarCache();
    await getHolidayCalendar();
    expect((await listHolidayYears()).length).toBe(years.length);
  });

  it("adds, renames and removes a day, and the cached calendar follows", async () => {
    await getHolidayCalendar();
    await setHolidayDay({ actor, data: { date: "2026-10-12", kind: "holiday", name: "Company day,公司假日" } });
    expect(dayInfo(await getHolidayCalendar(), "2026-10-12")).toEqual({ kind: "holiday", name: "Company day,公司假日" });
    await setHolidayDay({ actor, data: { date: "2026-10-12", kind: "makeUpWorkday", name: "Swap,调休" } });
    expect(dayInfo(await getHolidayCalendar(), "2026-10-12").kind).toBe("makeUpWorkday");
    await removeHolidayDay({ actor, date: "2026-10-12" });
    expect(dayInfo(await getHolidayCalendar(), "2026-10-12").kind).toBe("normal");
    expect((await listHolidayYears()).find((y) => y.year === 2026)?.source).toBe("manual");
  });

  it("refuses a single day in an unknown year and a removal of an ordinary day", async () => {
    await expect(setHolidayDay({ actor, data: { date: "2027-05-01", kind: "holiday", name: "Labour Day" } })).rejects.toMatchObject({
      code: "INVALID",
      field: "date",
    });
    await expect(removeHolidayDay({ actor, date: "2026-10-12" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("imports a year's arrangement, replacing that year, and the year becomes known", async () => {
    await getHolidayCalendar();
    const result = await importYearArrangement({ actor, arrangement: JSON.stringify(arrangement2027) });
    expect(result).toEqual({ year: 2027, holidays: 10, makeUpWorkdays: 1 });
    const calendar = await getHolidayCalendar();
    expect(dayInfo(calendar, "2027-02-13").kind).toBe("makeUpWorkday");
    expect(dayInfo(calendar, "2027-03-01").kind).toBe("normal");
    // Importing again replaces the year instead of adding to it.
    await importYearArrangement({ actor, arrangement: { ...arrangement2027, holidays: arrangement2027.holidays.slice(1), makeUpWorkdays: [] } });
    expect((await listHolidayDays(2027)).map((d) => d.date)).toEqual([
      "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
    ]);
    expect((await listHolidayYears()).find((y) => y.year === 2027)).toMatchObject({ source: "import", holidays: 7, makeUpWorkdays: 0 });
  });

  it("refuses an invalid arrangement with a bilingual message and changes nothing", async () => {
    await expect(
      importYearArrangement({ actor, arrangement: { year: 2027, holidays: [{ name: "X", from: "2027-02-30", to: "2027-03-01" }] } }),
    ).rejects.toMatchObject({ code: "INVALID", userMessage: { en: "“2027-02-30” is not a date (YYYY-MM-DD)" } });
    await expect(importYearArrangement({ actor, arrangement: "{" })).rejects.toMatchObject({ userMessage: { zh: "这不是有效的 JSON" } });
    expect(dayInfo(await getHolidayCalendar(), "2027-01-01").kind).toBe("unknown");
  });

  it("audits every edit", async () => {
    await getHolidayCalendar();
    await setHolidayDay({ actor, data: { date: "2026-10-12", kind: "holiday", name: "Company day" } });
    await removeHolidayDay({ actor, date: "2026-10-12" });
    await importYearArrangement({ actor, arrangement: arrangement2027 });
    await flushAudit();
    const { rows } = await listAudit({ page: 1 });
    expect(rows.map((r) => r.action)).toEqual(["holiday.importYear", "holiday.remove", "holiday.set"]);
  });
});
