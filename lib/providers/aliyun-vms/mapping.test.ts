import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import type { RetryStrategy } from "../../domain/retry-strategy";
import {
  aliyunDayOfWeek,
  decodeRetryStrategy,
  decodeTimeConditions,
  encodeRetryStrategy,
  encodeTimeConditions,
  formatAliyunDateTime,
  isoWeekdayFromAliyun,
  parseAliyunDateTime,
  statsFromMonitor,
  statusFromAliyun,
  taskFromProperty,
} from "./mapping";
import { ZTaskProperty } from "./wire";

const h = (hh: number, mm = 0) => hh * 60 + mm;

function group(partial: Partial<CallTimeGroup> = {}): CallTimeGroup {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start: h(9), end: h(12) }, { start: h(13, 30), end: h(18) }];
  weekly[6] = [{ start: h(10), end: h(16) }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false, ...partial };
}

describe("weekday encoding (docs/providers/aliyun-vms.md §Time conditions: Sun = 1 … Sat = 7)", () => {
  it("maps ISO weekdays both ways", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => aliyunDayOfWeek(d as 1))).toEqual([2, 3, 4, 5, 6, 7, 1]);
    for (let d = 1; d <= 7; d++) expect(isoWeekdayFromAliyun(aliyunDayOfWeek(d as 1))).toBe(d);
  });
});

describe("encodeTimeConditions", () => {
  const officeDay = (day: number) => [
    { Type: 1, DayOfWeek: String(day), StartTime: "09:00", EndTime: "12:00" },
    { Type: 1, DayOfWeek: String(day), StartTime: "13:30", EndTime: "18:00" },
  ];
  const isDoubt = (l: { en: string }) => l.en.includes("continuous");

  it("sends one condition per weekday and range, so TimeType's two readings give the same hours (allowed mode)", () => {
    const { value, losses } = encodeTimeConditions(group(), "allowed");
    expect(value.rows).toEqual([
      ...officeDay(2), ...officeDay(3), ...officeDay(4), ...officeDay(5), ...officeDay(6),
      { Type: 1, DayOfWeek: "7", StartTime: "10:00", EndTime: "16:00" },
    ]);
    expect(value.rows.every((r) => !r.DayOfWeek?.includes(","))).toBe(true);
    // The doubt the documents leave is named, in both languages.
    expect(losses).toHaveLength(1);
    expect(isDoubt(losses[0])).toBe(true);
    expect(losses[0].zh).toContain("连续");
  });

  it("sends the complement as forbidden times, one weekday per condition, and names the 24:00 → 23:59 minute", () => {
    const { value, losses } = encodeTimeConditions(group(), "forbidden");
    const closedWeekday = (day: number) => [
      { Type: 1, DayOfWeek: String(day), StartTime: "00:00", EndTime: "09:00" },
      { Type: 1, DayOfWeek: String(day), StartTime: "12:00", EndTime: "13:30" },
      { Type: 1, DayOfWeek: String(day), StartTime: "18:00", EndTime: "23:59" },
    ];
    expect(value.rows).toEqual([
      ...closedWeekday(2), ...closedWeekday(3), ...closedWeekday(4), ...closedWeekday(5), ...closedWeekday(6),
      { Type: 1, DayOfWeek: "7", StartTime: "00:00", EndTime: "10:00" },
      { Type: 1, DayOfWeek: "7", StartTime: "16:00", EndTime: "23:59" },
      { Type: 1, DayOfWeek: "1", StartTime: "00:00", EndTime: "23:59" },
    ]);
    const minute = losses.filter((l) => !isDoubt(l));
    expect(minute).toHaveLength(1);
    expect(minute[0].en).toContain("23:59");
    expect(minute[0].zh).toContain("23:59");
  });

  it("names no doubt when nothing is sent", () => {
    expect(encodeTimeConditions({ ...group(), weekly: emptyWeek() }, "allowed").losses).toEqual([]);
  });

  it("names time zone, holiday and make-up-day losses", () => {
    const { losses } = encodeTimeConditions(group({ timeZone: "Europe/Berlin", skipHolidays: true, makeUpDayAs: 1 }), "allowed");
    const text = losses.map((l) => l.en).join("\n");
    expect(text).toContain("Europe/Berlin");
    expect(text).toMatch(/holiday/i);
    expect(text).toMatch(/make-up/i);
    expect(losses.every((l) => l.zh.length > 0)).toBe(true);
  });

  it("round-trips weekly hours and expressible overrides in both modes", () => {
    const allowedGroup = group({ overrides: [{ date: "2026-10-10", ranges: [{ start: h(8), end: h(20) }] }] }); // a Saturday, widened
    const allowed = encodeTimeConditions(allowedGroup, "allowed");
    expect(allowed.losses.filter((l) => !isDoubt(l))).toEqual([]);
    expect(allowed.value.rows.at(-1)).toEqual({ Type: 2, FromDay: "2026-10-10", ToDay: "2026-10-10", StartTime: "08:00", EndTime: "20:00" });
    expect(decodeTimeConditions(allowed.value.rows, "allowed", "工作日")).toEqual(allowedGroup);

    const forbiddenGroup = group({ overrides: [{ date: "2026-10-09", ranges: [] }, { date: "2026-10-12", ranges: [{ start: h(9), end: h(11) }] }] });
    const forbidden = encodeTimeConditions(forbiddenGroup, "forbidden");
    expect(forbidden.losses.map((l) => l.en).filter((t) => t.startsWith("2026"))).toEqual([]);
    // The named 23:59 loss: the minute 23:59–24:00 of every day is not blocked, so it reads back as open.
    const lastMinute = { start: 1439, end: 1440 };
    const expected = structuredClone(forbiddenGroup);
    for (const d of [1, 2, 3, 4, 5, 6, 7] as const) expected.weekly[d] = [...expected.weekly[d], lastMinute];
    expected.overrides = [{ date: "2026-10-09", ranges: [lastMinute] }, { date: "2026-10-12", ranges: [{ start: h(9), end: h(11) }, lastMinute] }];
    expect(decodeTimeConditions(forbidden.value.rows, "forbidden", "工作日")).toEqual(expected);
  });

  it("names an override the mode cannot express, and loses exactly one minute for 24:00 ends", () => {
    const narrowed = group({ overrides: [{ date: "2026-10-09", ranges: [] }] });
    expect(encodeTimeConditions(narrowed, "allowed").losses[0].en).toContain("2026-10-09");
    const widened = group({ overrides: [{ date: "2026-10-11", ranges: [{ start: h(9), end: h(12) }] }] }); // a Sunday
    expect(encodeTimeConditions(widened, "forbidden").losses.some((l) => l.en.startsWith("2026-10-11"))).toBe(true);

    const allDay = group();
    allDay.weekly[7] = [{ start: 0, end: 1440 }];
    const encoded = encodeTimeConditions(allDay, "allowed");
    expect(encoded.losses.filter((l) => !isDoubt(l))).toHaveLength(1);
    expect(decodeTimeConditions(encoded.value.rows, "allowed", "x").weekly[7]).toEqual([{ start: 0, end: 1439 }]);
  });
});

describe("retry strategy", () => {
  const strategy: RetryStrategy = {
    name: "三次重拨",
    rounds: [{ after: { days: 0, hours: 0, minutes: 10 } }, { after: { days: 0, hours: 2, minutes: 0 } }, { after: { days: 1, hours: 1, minutes: 1 } }],
    measureFrom: "first-call",
    onlyToday: true,
    retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"],
  };

  it("encodes the basic-mode JSON with d-h-m times and round-trips", () => {
    const { value, losses } = encodeRetryStrategy(strategy);
    expect(JSON.parse(value.RetryStrategy)).toEqual({
      retry: 3,
      strategy: [
        { round: 1, time: "0-0-10" },
        { round: 2, time: "0-2-0" },
        { round: 3, time: "1-1-1" },
      ],
    });
    expect(value.RetryStrategyTimeType).toBe(1);
    expect(value.RetryStrategyOnlyToday).toBe(2);
    expect(losses).toEqual([]);
    expect(decodeRetryStrategy(value, "三次重拨")).toEqual(strategy);
  });

  it("names chosen outcomes and non-increasing rounds as losses", () => {
    const { value, losses } = encodeRetryStrategy({
      ...strategy,
      retryOn: ["busy"],
      rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }, { after: { days: 0, hours: 0, minutes: 30 } }],
      onlyToday: false,
    });
    expect(value.RetryStrategyOnlyToday).toBe(0);
    expect(losses.map((l) => l.en).join(" ")).toMatch(/outcomes cannot be chosen[\s\S]*Round 2 is not later/);
    expect(encodeRetryStrategy({ ...strategy, measureFrom: "previous-call", rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }, { after: { days: 0, hours: 0, minutes: 30 } }] }).losses).toEqual([]);
  });

  it("does not read the advanced (array) mode as basic", () => {
    expect(decodeRetryStrategy({ RetryStrategy: '[{"condition":{"sipCause":[710]},"retry":1,"sort":1,"strategy":[]}]' }, "x")).toBeNull();
  });
});

describe("tasks and stats", () => {
  // docs/providers/aliyun-vms.md §Status: one case per raw value, the ended state included.
  it.each([
    [0, "pending"],
    [1, "running"],
    [2, "paused"],
    [3, "completed"],
  ] as const)("maps Status %i", (raw, status) => {
    expect(statusFromAliyun(raw)).toBe(status);
  });

  it("accepts CloudCreateTask's string fields and CloudQueryTask's numbers alike", () => {
    const fromCreate = ZTaskProperty.parse({ Id: "11", Name: "回访", Type: "1", Status: "3", AutoComplete: 1, Concurrency: "5", CreateTime: "2026-04-11 09:30:00" });
    const fromQuery = ZTaskProperty.parse({ Id: 11, Name: "回访", Type: 1, Status: 3, AutoComplete: 1, Concurrency: 5, CreateTime: "2026-04-11 09:30:00" });
    for (const p of [fromCreate, fromQuery]) {
      const task = taskFromProperty(p);
      expect(task).toMatchObject({ remoteId: "11", taskType: "1", status: "completed", rawStatus: "3", concurrency: 5 });
      expect(task.createdAt?.toISOString()).toBe("2026-04-11T01:30:00.000Z");
    }
    expect(parseAliyunDateTime("bad")).toBeNull();
    expect(formatAliyunDateTime(new Date("2026-04-11T01:30:00Z"))).toBe("2026-04-11 09:30:00");
    expect(parseAliyunDateTime(formatAliyunDateTime(new Date("2026-12-31T16:00:00Z")))?.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("turns CloudMonitorTask counts into TaskStats", () => {
    expect(statsFromMonitor({ AnswerCount: 3, CalledCount: 8, UncalledCount: 2 })).toMatchObject({
      totalOrders: 10,
      attemptedOrders: 8,
      totalCalls: 8,
      answeredCalls: 3,
    });
  });
});
