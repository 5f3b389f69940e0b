import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import en from "@/messages/en/retry.json";
import zh from "@/messages/zh-CN/retry.json";
import { defaultCallTimeGroup, isoWeekdayName } from "@/lib/domain/call-time-group";
import type { Locale } from "@/lib/domain/text";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import type { RetryStrategy } from "@/lib/domain/retry-strategy";
import { attemptTimeParts, defaultFirstCall, instantFromLocalInput, localInputFromInstant, timelineRows } from "./timeline";

const calendar = cnCalendarFromPackage();
const office = defaultCallTimeGroup("Office");
const cst = (local: string) => new Date(`${local}+08:00`);

const twoRounds: RetryStrategy = {
  name: "Two",
  rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 2, minutes: 0 } }],
  measureFrom: "first-call",
  onlyToday: false,
  retryOn: ["no-answer"],
};

describe("wall times in the group's zone", () => {
  it("reads and writes datetime-local values in the zone, not the browser's", () => {
    expect(instantFromLocalInput("2026-10-09T17:50", "Asia/Shanghai")).toEqual(cst("2026-10-09T17:50:00"));
    expect(localInputFromInstant(cst("2026-10-09T17:50:00"), "Asia/Shanghai")).toBe("2026-10-09T17:50");
    expect(localInputFromInstant(cst("2026-10-09T17:50:00"), "Europe/London")).toBe("2026-10-09T10:50");
  });

  it("formats an attempt the same way on the server and in the browser, from the catalog", () => {
    // As retry-timeline.tsx does: the parts in the group's zone, the words from messages/<locale>/retry.json.
    const attemptTime = (at: Date, timeZone: string, locale: Locale) => {
      const t = createTranslator({ locale, messages: locale === "en" ? en : zh, namespace: "preview" });
      const { month, day, weekday, time } = attemptTimeParts(at, timeZone);
      return t("attemptTime", { month: String(month), day, weekday: isoWeekdayName(weekday, locale, "short"), time });
    };
    expect(attemptTime(cst("2026-10-12T09:00:00"), "Asia/Shanghai", "en")).toBe("Mon 12 Oct 09:00");
    expect(attemptTime(cst("2026-10-12T09:00:00"), "Asia/Shanghai", "zh-CN")).toBe("10月12日 周一 09:00");
    expect(attemptTime(cst("2026-10-12T00:30:00"), "Europe/London", "en")).toBe("Sun 11 Oct 17:30");
    expect(attemptTime(cst("2026-12-01T09:00:00"), "Asia/Shanghai", "en")).toBe("Tue 1 Dec 09:00");
    expect(attemptTime(cst("2026-01-05T09:00:00"), "Asia/Shanghai", "en")).toBe("Mon 5 Jan 09:00");
  });

  it("moves a time in a DST gap forward and refuses what is not a time", () => {
    expect(instantFromLocalInput("2026-03-08T02:30", "America/New_York")).toEqual(new Date("2026-03-08T07:30:00Z"));
    expect(instantFromLocalInput("", "Asia/Shanghai")).toBeNull();
    expect(instantFromLocalInput("2026-13-01T10:00", "Asia/Shanghai")).toBeNull();
  });
});

describe("defaultFirstCall", () => {
  it("is 10:00 on the next day the group dials, skipping the weekend and holidays", () => {
    // Friday evening → Monday; before a make-up Saturday (a working day) → that Saturday.
    expect(defaultFirstCall(office, calendar, cst("2026-10-16T20:00:00"))).toBe("2026-10-19T10:00");
    expect(defaultFirstCall(office, calendar, cst("2026-10-09T20:00:00"))).toBe("2026-10-10T10:00");
    // Tuesday 29 Sep → Wednesday 30 Sep; Wednesday → after National Day (1–7 Oct) and the weekend-less make-up Saturday.
    expect(defaultFirstCall(office, calendar, cst("2026-09-29T08:00:00"))).toBe("2026-09-30T10:00");
    expect(defaultFirstCall(office, calendar, cst("2026-09-30T08:00:00"))).toBe("2026-10-08T10:00");
  });
});

describe("timelineRows", () => {
  it("pushes a Friday 17:50 call's retries past the weekend to Monday's first window", () => {
    const rows = timelineRows(cst("2026-10-16T17:50:00"), twoRounds, office, calendar);
    expect(rows.map((r) => [r.round, r.actual, r.reason])).toEqual([
      [0, cst("2026-10-16T17:50:00"), "none"],
      [1, cst("2026-10-19T09:00:00"), "outside-window"],
      [2, cst("2026-10-19T09:00:00"), "collapsed"],
    ]);
    // Retries 1 and 2 both fall due before Monday's window: shown as one call there, not two at one minute.
    expect(rows[2].collapsedInto).toBe(1);
    expect(rows[1].nominal).toEqual(cst("2026-10-16T18:20:00"));
    expect(rows.every((r) => !r.crossesUnknownYear)).toBe(true);
  });

  it("moves a Friday 17:50 call's retry to the make-up Saturday, a working day", () => {
    const rows = timelineRows(cst("2026-10-09T17:50:00"), twoRounds, office, calendar);
    expect(rows[1]).toMatchObject({ reason: "outside-window", actual: cst("2026-10-10T09:00:00") });
  });

  it("names the holiday that pushed a retry", () => {
    const rows = timelineRows(cst("2026-09-30T17:50:00"), twoRounds, office, calendar);
    expect(rows[1]).toMatchObject({ reason: "holiday", holidayName: "National Day,国庆节", actual: cst("2026-10-08T09:00:00") });
  });

  it("flags attempts in a year without holiday data", () => {
    const rows = timelineRows(cst("2027-03-05T10:00:00"), twoRounds, office, calendar);
    expect(rows.every((r) => r.crossesUnknownYear)).toBe(true);
  });
});
