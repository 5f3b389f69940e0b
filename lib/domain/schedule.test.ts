import { describe, expect, it } from "vitest";
import { defaultCallTimeGroup, emptyWeek, type CallTimeGroup, type IsoWeekday, type MinuteRange } from "./call-time-group";
import { cnCalendarFromPackage, mergeArrangement } from "./holidays";
import { describeDays, isCallable, nextWindow, windows } from "./schedule";

const cn = cnCalendarFromPackage();
const hm = (h: number, m = 0) => h * 60 + m;

function group(patch: Partial<CallTimeGroup> & { days?: Partial<Record<IsoWeekday, MinuteRange[]>> }): CallTimeGroup {
  const { days, ...rest } = patch;
  return { ...defaultCallTimeGroup("Test"), ...(days ? { weekly: { ...emptyWeek(), ...days } } : {}), ...rest };
}

/** Windows as ISO strings, easy to compare. */
function iso(list: { start: Date; end: Date }[]): string[][] {
  return list.map((w) => [w.start.toISOString(), w.end.toISOString()]);
}

function localDatesWithWindows(g: CallTimeGroup, from: string, to: string): string[] {
  return describeDays(g, new Date(from), new Date(to), cn)
    .filter((day) => day.windows.length > 0)
    .map((day) => day.date);
}

describe("2026 statutory holidays in Asia/Shanghai", () => {
  const weekdays = defaultCallTimeGroup("Weekdays");

  it("stays closed for National Day 1–7 Oct and opens again on Thu 8 Oct (and the make-up Sat 10 Oct)", () => {
    expect(localDatesWithWindows(weekdays, "2026-09-28T00:00:00+08:00", "2026-10-12T00:00:00+08:00")).toEqual([
      "2026-09-28",
      "2026-09-29",
      "2026-09-30",
      "2026-10-08",
      "2026-10-09",
      "2026-10-10",
    ]);
    const days = describeDays(weekdays, new Date("2026-10-01T00:00:00+08:00"), new Date("2026-10-08T00:00:00+08:00"), cn);
    expect(days.map((d) => d.rule)).toEqual(Array(7).fill("holiday"));
    expect(days[0].holidayName).toBe("National Day,国庆节");
  });

  it("dials the named weekday's ranges on make-up workdays Sun 20 Sep and Sat 10 Oct", () => {
    const asMonday = { ...weekdays, makeUpDayAs: 1 as const };
    expect(localDatesWithWindows(asMonday, "2026-09-19T00:00:00+08:00", "2026-10-12T00:00:00+08:00")).toContain("2026-09-20");
    const sat10 = describeDays(asMonday, new Date("2026-10-10T00:00:00+08:00"), new Date("2026-10-11T00:00:00+08:00"), cn)[0];
    expect(sat10).toMatchObject({
      date: "2026-10-10",
      weekday: 6,
      rule: "makeUpWorkday",
      holidayName: "National Day,国庆节",
      ranges: [
        { start: hm(9), end: hm(12) },
        { start: hm(13), end: hm(18) },
      ],
    });
    expect(iso(sat10.windows)).toEqual([
      ["2026-10-10T01:00:00.000Z", "2026-10-10T04:00:00.000Z"],
      ["2026-10-10T05:00:00.000Z", "2026-10-10T10:00:00.000Z"],
    ]);
  });

  it("dials every 2026 make-up workday of a Mon–Fri group with the weekday hours by default", () => {
    expect(weekdays.makeUpDayAs).toBeNull();
    const days = describeDays(weekdays, new Date("2026-01-01T00:00:00+08:00"), new Date("2027-01-01T00:00:00+08:00"), cn).filter(
      (d) => d.rule === "makeUpWorkday",
    );
    expect(days.map((d) => `${d.date} ${d.weekday}`)).toEqual([
      "2026-01-04 7",
      "2026-02-14 6",
      "2026-02-28 6",
      "2026-05-09 6",
      "2026-09-20 7",
      "2026-10-10 6",
    ]);
    for (const day of days) expect(day.ranges).toEqual(weekdays.weekly[1]);
    expect(iso(days[1].windows)).toEqual([
      ["2026-02-14T01:00:00.000Z", "2026-02-14T04:00:00.000Z"],
      ["2026-02-14T05:00:00.000Z", "2026-02-14T10:00:00.000Z"],
    ]);
  });

  it("dials a make-up workday with its own weekday's ranges when it has some, else the first working weekday's", () => {
    const withSaturday = group({ days: { 1: [{ start: hm(9), end: hm(10) }], 6: [{ start: hm(10, 15), end: hm(11, 45) }] } });
    const [sun20] = describeDays(withSaturday, new Date("2026-09-20T00:00:00+08:00"), new Date("2026-09-21T00:00:00+08:00"), cn);
    expect(sun20).toMatchObject({ rule: "makeUpWorkday", ranges: [{ start: hm(9), end: hm(10) }] });
    const [sat10] = describeDays(withSaturday, new Date("2026-10-10T00:00:00+08:00"), new Date("2026-10-11T00:00:00+08:00"), cn);
    expect(sat10.ranges).toEqual([{ start: hm(10, 15), end: hm(11, 45) }]);
  });

  it("treats Sun 4 Jan 2026 as a working day and 1–3 Jan as New Year holidays", () => {
    const g = { ...defaultCallTimeGroup("New Year"), makeUpDayAs: 5 as const };
    expect(isCallable(g, new Date("2026-01-02T10:00:00+08:00"), cn)).toBe(false);
    expect(isCallable(g, new Date("2026-01-04T10:00:00+08:00"), cn)).toBe(true);
    expect(nextWindow(g, new Date("2025-12-31T18:30:00+08:00"), cn)).toEqual({
      start: new Date("2026-01-04T09:00:00+08:00"),
      end: new Date("2026-01-04T12:00:00+08:00"),
    });
  });

  it("skips Spring Festival 15–23 Feb and works Sat 14 Feb and Sat 28 Feb", () => {
    const g = { ...weekdays, makeUpDayAs: 1 as const };
    const rules = describeDays(g, new Date("2026-02-14T00:00:00+08:00"), new Date("2026-03-01T00:00:00+08:00"), cn).map(
      (d) => `${d.date} ${d.rule}`,
    );
    expect(rules).toEqual([
      "2026-02-14 makeUpWorkday",
      ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => `2026-02-${d} holiday`),
      "2026-02-24 weekly",
      "2026-02-25 weekly",
      "2026-02-26 weekly",
      "2026-02-27 weekly",
      "2026-02-28 makeUpWorkday",
    ]);
  });

  it("dials through holidays when skipHolidays is off, still naming the holiday", () => {
    const g = { ...weekdays, skipHolidays: false };
    expect(isCallable(g, new Date("2026-10-05T10:00:00+08:00"), cn)).toBe(true);
    const [sat10] = describeDays(g, new Date("2026-10-10T00:00:00+08:00"), new Date("2026-10-11T00:00:00+08:00"), cn);
    expect(sat10).toMatchObject({ rule: "closed", holidayKind: "makeUpWorkday", ranges: [] });
    const [mon5] = describeDays(g, new Date("2026-10-05T00:00:00+08:00"), new Date("2026-10-06T00:00:00+08:00"), cn);
    expect(mon5).toMatchObject({ rule: "weekly", holidayKind: "holiday", holidayName: "National Day,国庆节" });
  });

  it("finds the next window after the holidays", () => {
    expect(nextWindow(weekdays, new Date("2026-09-30T18:30:00+08:00"), cn)).toEqual({
      start: new Date("2026-10-08T09:00:00+08:00"),
      end: new Date("2026-10-08T12:00:00+08:00"),
    });
  });
});

describe("date overrides", () => {
  it("beat a statutory holiday", () => {
    const g = group({ days: { 6: [{ start: hm(9), end: hm(12) }] }, overrides: [{ date: "2026-10-03", ranges: [{ start: hm(10), end: hm(11) }] }] });
    expect(iso(windows(g, new Date("2026-10-01T00:00:00+08:00"), new Date("2026-10-08T00:00:00+08:00"), cn))).toEqual([
      ["2026-10-03T02:00:00.000Z", "2026-10-03T03:00:00.000Z"],
    ]);
    const [oct3] = describeDays(g, new Date("2026-10-03T00:00:00+08:00"), new Date("2026-10-04T00:00:00+08:00"), cn);
    expect(oct3).toMatchObject({ rule: "override", holidayName: "National Day,国庆节" });
  });

  it("close an ordinary working day when empty", () => {
    const g = { ...defaultCallTimeGroup("Closed Friday"), overrides: [{ date: "2026-10-09", ranges: [] }] };
    expect(isCallable(g, new Date("2026-10-09T10:00:00+08:00"), cn)).toBe(false);
    // The next window is the make-up Saturday 10 Oct, a working day.
    expect(nextWindow(g, new Date("2026-10-09T10:00:00+08:00"), cn)?.start).toEqual(new Date("2026-10-10T09:00:00+08:00"));
  });
});

describe("DST in America/New_York", () => {
  const sundays = (ranges: MinuteRange[]) => group({ timeZone: "America/New_York", skipHolidays: false, days: { 7: ranges } });

  it("drops a 02:00–03:00 range on 8 Mar 2026, when that hour does not exist", () => {
    const g = sundays([{ start: hm(2), end: hm(3) }]);
    expect(iso(windows(g, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-23T00:00:00Z"), cn))).toEqual([
      ["2026-03-01T07:00:00.000Z", "2026-03-01T08:00:00.000Z"],
      ["2026-03-15T06:00:00.000Z", "2026-03-15T07:00:00.000Z"],
      ["2026-03-22T06:00:00.000Z", "2026-03-22T07:00:00.000Z"],
    ]);
    expect(isCallable(g, new Date("2026-03-08T07:00:00Z"), cn)).toBe(false);
  });

  it("moves a start inside the gap forward by the gap", () => {
    const g = sundays([{ start: hm(2, 30), end: hm(4) }]);
    const [mar8] = describeDays(g, new Date("2026-03-08T05:00:00Z"), new Date("2026-03-09T04:00:00Z"), cn);
    expect(mar8.date).toBe("2026-03-08");
    // 02:30 does not exist; it reads as 03:30 EDT (07:30Z). 04:00 EDT is 08:00Z.
    expect(iso(mar8.windows)).toEqual([["2026-03-08T07:30:00.000Z", "2026-03-08T08:00:00.000Z"]]);
  });

  it("keeps the local hours right on both sides of the change", () => {
    const g = group({ timeZone: "America/New_York", skipHolidays: false });
    const list = windows(g, new Date("2026-03-06T00:00:00Z"), new Date("2026-03-10T00:00:00Z"), cn);
    expect(iso(list)).toEqual([
      ["2026-03-06T14:00:00.000Z", "2026-03-06T17:00:00.000Z"],
      ["2026-03-06T18:00:00.000Z", "2026-03-06T23:00:00.000Z"],
      ["2026-03-09T13:00:00.000Z", "2026-03-09T16:00:00.000Z"],
      ["2026-03-09T17:00:00.000Z", "2026-03-09T22:00:00.000Z"],
    ]);
  });

  it("takes the earlier 01:xx on 1 Nov 2026, when 01:00–02:00 happens twice", () => {
    const g = sundays([{ start: hm(1), end: hm(2) }]);
    // 01:00 EDT (05:00Z) until 02:00 EST (07:00Z): the repeated hour is callable both times.
    expect(iso(windows(g, new Date("2026-11-01T00:00:00Z"), new Date("2026-11-02T00:00:00Z"), cn))).toEqual([
      ["2026-11-01T05:00:00.000Z", "2026-11-01T07:00:00.000Z"],
    ]);
    const endsAtHalfPast = sundays([{ start: hm(0), end: hm(1, 30) }]);
    expect(iso(windows(endsAtHalfPast, new Date("2026-11-01T00:00:00Z"), new Date("2026-11-02T00:00:00Z"), cn))).toEqual([
      ["2026-11-01T04:00:00.000Z", "2026-11-01T05:30:00.000Z"],
    ]);
  });
});

describe("DST in Europe/London", () => {
  const sundays = (ranges: MinuteRange[]) => group({ timeZone: "Europe/London", skipHolidays: false, days: { 7: ranges } });

  it("handles the 29 Mar 2026 gap (01:00 → 02:00)", () => {
    expect(windows(sundays([{ start: hm(1), end: hm(2) }]), new Date("2026-03-29T00:00:00Z"), new Date("2026-03-30T00:00:00Z"), cn)).toEqual([]);
    const g = sundays([{ start: hm(0, 30), end: hm(1, 30) }]);
    expect(iso(windows(g, new Date("2026-03-29T00:00:00Z"), new Date("2026-03-30T00:00:00Z"), cn))).toEqual([
      ["2026-03-29T00:30:00.000Z", "2026-03-29T01:30:00.000Z"],
    ]);
    const weekdays = group({ timeZone: "Europe/London", skipHolidays: false });
    expect(nextWindow(weekdays, new Date("2026-03-28T12:00:00Z"), cn)?.start).toEqual(new Date("2026-03-30T08:00:00Z"));
  });

  it("handles the 25 Oct 2026 overlap (01:00–02:00 twice)", () => {
    const g = sundays([{ start: hm(1), end: hm(2) }]);
    expect(iso(windows(g, new Date("2026-10-25T00:00:00Z"), new Date("2026-10-26T00:00:00Z"), cn))).toEqual([
      ["2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z"],
    ]);
    expect(isCallable(g, new Date("2026-10-25T01:30:00Z"), cn)).toBe(true);
  });
});

describe("window edges", () => {
  const utc = (days: Partial<Record<IsoWeekday, MinuteRange[]>>) => group({ timeZone: "UTC", skipHolidays: false, days });

  it("merges Mon 22:00–24:00 with Tue 00:00–02:00 into one window", () => {
    const g = utc({ 1: [{ start: hm(22), end: 1440 }], 2: [{ start: 0, end: hm(2) }] });
    expect(iso(windows(g, new Date("2026-06-01T00:00:00Z"), new Date("2026-06-03T00:00:00Z"), cn))).toEqual([
      ["2026-06-01T22:00:00.000Z", "2026-06-02T02:00:00.000Z"],
    ]);
    expect(nextWindow(g, new Date("2026-06-01T23:00:00Z"), cn)).toEqual({
      start: new Date("2026-06-01T23:00:00Z"),
      end: new Date("2026-06-02T02:00:00Z"),
    });
    expect(isCallable(g, new Date("2026-06-02T00:00:00Z"), cn)).toBe(true);
    expect(isCallable(g, new Date("2026-06-02T02:00:00Z"), cn)).toBe(false);
  });

  it("merges Sunday night into Monday morning across the week boundary", () => {
    const g = utc({ 7: [{ start: hm(23), end: 1440 }], 1: [{ start: 0, end: hm(1) }] });
    expect(iso(windows(g, new Date("2026-06-07T00:00:00Z"), new Date("2026-06-09T00:00:00Z"), cn))).toEqual([
      ["2026-06-07T23:00:00.000Z", "2026-06-08T01:00:00.000Z"],
    ]);
  });

  it("carries 24:00 past a DST gap at midnight (America/Santiago, 6 Sep 2026) and still merges", () => {
    const g = group({
      timeZone: "America/Santiago",
      skipHolidays: false,
      days: { 6: [{ start: hm(22), end: 1440 }], 7: [{ start: 0, end: hm(2) }] },
    });
    // Saturday 22:00 is UTC-4 (02:00Z); Sunday 00:00 does not exist and reads as 01:00 UTC-3 (04:00Z).
    expect(iso(windows(g, new Date("2026-09-05T00:00:00Z"), new Date("2026-09-07T00:00:00Z"), cn))).toEqual([
      ["2026-09-06T02:00:00.000Z", "2026-09-06T05:00:00.000Z"],
    ]);
  });

  it("clips windows to the requested period", () => {
    const g = utc({ 3: [{ start: hm(9), end: hm(17) }] });
    expect(iso(windows(g, new Date("2026-06-03T10:00:00Z"), new Date("2026-06-03T12:00:00Z"), cn))).toEqual([
      ["2026-06-03T10:00:00.000Z", "2026-06-03T12:00:00.000Z"],
    ]);
    expect(windows(g, new Date("2026-06-03T12:00:00Z"), new Date("2026-06-03T12:00:00Z"), cn)).toEqual([]);
  });

  it("handles a one-minute range", () => {
    const g = utc({ 3: [{ start: hm(9, 59), end: hm(10) }] });
    expect(isCallable(g, new Date("2026-06-03T09:59:30Z"), cn)).toBe(true);
    expect(isCallable(g, new Date("2026-06-03T10:00:00Z"), cn)).toBe(false);
    expect(nextWindow(g, new Date("2026-06-03T10:00:00Z"), cn)).toEqual({
      start: new Date("2026-06-10T09:59:00Z"),
      end: new Date("2026-06-10T10:00:00Z"),
    });
  });

  it("gives no window for a group with no ranges", () => {
    const g = group({ days: {} });
    expect(nextWindow(g, new Date("2026-06-03T10:00:00Z"), cn)).toBeNull();
    expect(windows(g, new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"), cn)).toEqual([]);
    expect(isCallable(g, new Date("2026-06-03T10:00:00Z"), cn)).toBe(false);
  });

  it("rejects an unknown time zone", () => {
    expect(() => isCallable(group({ timeZone: "Mars/Olympus" }), new Date("2026-06-03T10:00:00Z"), cn)).toThrow(RangeError);
  });
});

describe("years the calendar does not cover", () => {
  it("flags 2027 days as unknownYear and dials the weekly ranges", () => {
    const g = defaultCallTimeGroup("Weekdays");
    const days = describeDays(g, new Date("2026-12-31T00:00:00+08:00"), new Date("2027-01-02T00:00:00+08:00"), cn);
    expect(days.map((d) => [d.date, d.rule])).toEqual([
      ["2026-12-31", "weekly"],
      ["2027-01-01", "unknownYear"],
    ]);
    expect(days[1].windows).toHaveLength(2);
    expect(isCallable(g, new Date("2027-02-08T10:00:00+08:00"), cn)).toBe(true);
  });

  it("does not flag them for a group that ignores holidays", () => {
    const g = { ...defaultCallTimeGroup("Weekdays"), skipHolidays: false };
    const [jan1] = describeDays(g, new Date("2027-01-01T00:00:00+08:00"), new Date("2027-01-02T00:00:00+08:00"), cn);
    expect(jan1.rule).toBe("weekly");
  });

  it("uses an imported arrangement once it is merged", () => {
    const calendar = mergeArrangement(cn, 2027, [{ date: "2027-02-08", kind: "holiday", name: "Spring Festival,春节" }]);
    const g = defaultCallTimeGroup("Weekdays");
    expect(isCallable(g, new Date("2027-02-08T10:00:00+08:00"), calendar)).toBe(false);
    const [feb9] = describeDays(g, new Date("2027-02-09T00:00:00+08:00"), new Date("2027-02-10T00:00:00+08:00"), calendar);
    expect(feb9.rule).toBe("weekly");
  });
});
