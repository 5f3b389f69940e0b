import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import type { RetryStrategy } from "../../domain/retry-strategy";
import {
  callOutcomeFromNxcloud,
  decodeCallTimeGroup,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  phoneToNxcloud,
  taskStatusFromNxcloud,
  timeZoneForZoneSecond,
} from "./mapping";

const winter = new Date("2026-01-15T04:00:00Z");
const summer = new Date("2026-07-15T04:00:00Z");

function group(partial: Partial<CallTimeGroup> = {}): CallTimeGroup {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start: 540, end: 720 }, { start: 780, end: 1080 }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false, ...partial };
}

describe("encodeCallTimeGroup", () => {
  it("encodes Mon–Fri 09:00–12:00, 13:00–18:00 Beijing time without losses", () => {
    const { value, losses } = encodeCallTimeGroup(group(), winter);
    expect(value).toEqual({
      zoneSecond: 28800,
      dialAtWeekDay: "1,2,3,4,5",
      dialAtUpHour: "9,10,11,13,14,15,16,17",
      dialAtDownHour: "9,10,11,13,14,15,16,17",
    });
    expect(losses).toEqual([]);
  });

  it("follows the documented examples: 09:30–12:00 is Up 10,11 and Down 9,10,11", () => {
    const weekly = emptyWeek();
    weekly[7] = [{ start: 570, end: 720 }];
    const { value } = encodeCallTimeGroup(group({ weekly }), winter);
    expect(value.dialAtWeekDay).toBe("7");
    expect(value.dialAtUpHour).toBe("10,11");
    expect(value.dialAtDownHour).toBe("9,10,11");
  });

  it("rounds boundaries inward and says how", () => {
    const weekly = emptyWeek();
    weekly[1] = [{ start: 555, end: 1070 }]; // 09:15–17:50
    const { value, losses } = encodeCallTimeGroup(group({ weekly }), winter);
    const decoded = decodeCallTimeGroup(value, "x");
    expect(decoded.weekly[1]).toEqual([{ start: 570, end: 1050 }]); // 09:30–17:30
    expect(losses.map((l) => l.en)).toEqual([
      "NXCloud works in half-hour slots: start 09:15 becomes 09:30 (rounded later so no call is made before 09:15).",
      "NXCloud works in half-hour slots: end 17:50 becomes 17:30 (rounded earlier so no call is made after 17:50).",
    ]);
    expect(losses[0].zh).toContain("09:15");
  });

  it("drops a range with no whole half hour and names it", () => {
    const weekly = emptyWeek();
    weekly[2] = [{ start: 550, end: 580 }];
    const { value, losses } = encodeCallTimeGroup(group({ weekly }), winter);
    expect(value.dialAtWeekDay).toBe("");
    expect(losses[0].en).toContain("09:10–09:40");
  });

  it("sends the hours most weekdays share and names the differing Saturday", () => {
    const g = group();
    g.weekly[6] = [{ start: 600, end: 720 }];
    const { value, losses } = encodeCallTimeGroup(g, winter);
    expect(value.dialAtWeekDay).toBe("1,2,3,4,5,6");
    expect(value.dialAtUpHour).toBe("9,10,11,13,14,15,16,17");
    expect(losses).toHaveLength(1);
    expect(losses[0].en).toBe(
      "NXCloud uses one set of hours for all selected weekdays: Saturday (10:00–12:00) will be dialled at the most common hours, 09:00–12:00, 13:00–18:00 (as Monday, Tuesday, Wednesday, Thursday, Friday).",
    );
    expect(losses[0].zh).toContain("周六");
  });

  it("uses the offset at encode time and reports a DST zone", () => {
    const weekly = emptyWeek();
    weekly[1] = [{ start: 540, end: 1020 }];
    const london = group({ timeZone: "Europe/London", weekly });
    expect(encodeCallTimeGroup(london, winter).value.zoneSecond).toBe(0);
    const inSummer = encodeCallTimeGroup(london, summer);
    expect(inSummer.value.zoneSecond).toBe(3600);
    expect(inSummer.losses[0].en).toContain("Europe/London is UTC+01:00 now but UTC+00:00 for part of the year");
    expect(encodeCallTimeGroup(group({ timeZone: "America/Los_Angeles", weekly }), winter).value.zoneSecond).toBe(-28800);
  });

  it("reports holidays, make-up days and date overrides", () => {
    const g = group({ skipHolidays: true, makeUpDayAs: 1, overrides: [{ date: "2026-10-01", ranges: [] }] });
    const texts = encodeCallTimeGroup(g, winter).losses.map((l) => l.en);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain("NXCloud cannot skip holidays");
    expect(texts[1]).toContain("Monday's hours");
    expect(texts[2]).toContain("2026-10-01");
  });

  it("round-trips every half-hour-aligned week with shared hours", () => {
    const weekly = emptyWeek();
    for (const d of [1, 3, 6, 7] as const) weekly[d] = [{ start: 0, end: 30 }, { start: 510, end: 690 }, { start: 1410, end: 1440 }];
    const g = group({ weekly, timeZone: "Asia/Shanghai" });
    const { value, losses } = encodeCallTimeGroup(g, winter);
    expect(losses).toEqual([]);
    expect(value.dialAtUpHour).toBe("0,9,10,11");
    expect(value.dialAtDownHour).toBe("8,9,10,23");
    const back = decodeCallTimeGroup(value, g.name);
    expect(back.weekly).toEqual(g.weekly);
    expect(back.timeZone).toBe("Asia/Shanghai");
  });
});

describe("timeZoneForZoneSecond", () => {
  it("maps offsets to fixed zones with the POSIX sign flip", () => {
    expect(timeZoneForZoneSecond(28800)).toBe("Asia/Shanghai");
    expect(timeZoneForZoneSecond(-28800)).toBe("Etc/GMT+8");
    expect(timeZoneForZoneSecond(7 * 3600)).toBe("Etc/GMT-7");
    expect(timeZoneForZoneSecond(19800)).toBe("Asia/Kolkata");
  });
});

describe("encodeRetryStrategy", () => {
  const base: RetryStrategy = {
    name: "r",
    rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }],
    measureFrom: "previous-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"],
  };

  it("no strategy or no rounds → no redial, no losses", () => {
    expect(encodeRetryStrategy(null)).toEqual({ value: { roundRedial: false }, losses: [] });
    expect(encodeRetryStrategy({ ...base, rounds: [] })).toEqual({ value: { roundRedial: false }, losses: [] });
  });

  it("one retry → roundRedial, only the timing is lost", () => {
    const { value, losses } = encodeRetryStrategy(base);
    expect(value.roundRedial).toBe(true);
    expect(losses.map((l) => l.en)).toEqual(['NXCloud decides when the redial happens within the round: "after 30 min" is not sent.']);
  });

  it("names dropped rounds and outcomes it cannot exclude", () => {
    const { losses } = encodeRetryStrategy({ ...base, rounds: [...base.rounds, ...base.rounds, ...base.rounds], retryOn: ["no-answer"] });
    expect(losses[0].en).toBe("NXCloud redials an unanswered number at most once: 2 more retries are not sent.");
    expect(losses[2].en).toContain("busy, unreachable, rejected, failed are redialled too");
  });
});

describe("wire values", () => {
  // docs/providers/nxcloud.md §1.5: one case per raw value, the ended states included.
  it.each([
    [1, "pending"],
    [2, "running"],
    [3, "completed"],
    [4, "failed"],
    [5, "paused"],
    [9, "pending"],
  ] as const)("maps taskStatus %i", (raw, status) => {
    expect(taskStatusFromNxcloud(raw)).toBe(status);
  });

  it("strips the + from E.164 and refuses anything else", () => {
    expect(phoneToNxcloud("+8613800138000")).toBe("8613800138000");
    expect(phoneToNxcloud("13800138000")).toBeNull();
    expect(phoneToNxcloud("+86 138")).toBeNull();
  });

  it("treats a call with an answer time as answered whatever its status", () => {
    expect(callOutcomeFromNxcloud({ callStatus: 2, callAnswerTs: 1_700_000_000, callDuration: 30 })).toBe("answered");
    expect(callOutcomeFromNxcloud({ callStatus: 3, callAnswerTs: 0, callDuration: 0 })).toBe("busy");
    expect(callOutcomeFromNxcloud({ callStatus: undefined, callAnswerTs: 0, callDuration: 0 })).toBe("failed");
  });
});
