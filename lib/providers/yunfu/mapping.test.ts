import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSeedExample, stripJsonComments } from "../../../simulators/core/fixtures";
import { emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import type { RetryStrategy } from "../../domain/retry-strategy";
import {
  decodeCallTimeGroup,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  formatChinaDateTime,
  parseTaskDateTime,
  sameDialingHours,
  taskBodyFromDraft,
  taskStatusFromYunfu,
} from "./mapping";
import { ZYunfuDialTimeGroup, ZYunfuTaskBody, ZYunfuTaskCallback } from "./wire";

const SEED_000_CALLBACK = path.join(import.meta.dirname, "../../../simulators/yunfu/fixtures/seed-000-task-callback.jsonc");

const officeHours = (): CallTimeGroup => {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start: 540, end: 720 }, { start: 780, end: 1080 }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: true, makeUpDayAs: null, overrides: [], isDefault: false };
};

// Seed 000's callback example, as a sender would send it (its comments stripped).
const SEED_CALLBACK: unknown = JSON.parse(stripJsonComments(readSeedExample(SEED_000_CALLBACK)));

describe("call-time group encoding", () => {
  it("encodes Mon–Fri 9–12/13–18 in China time with skip holidays without any loss", () => {
    const { value, losses } = encodeCallTimeGroup(officeHours(), "monday");
    expect(losses).toEqual([]);
    expect(value.skip_holiday).toBe(true);
    expect(value.content.map((d) => d.week)).toEqual([0, 1, 2, 3, 4]);
    expect(value.content[0].times).toEqual([
      { begin_time: "09:00", end_time: "12:00" },
      { begin_time: "13:00", end_time: "18:00" },
    ]);
  });

  it("numbers weeks from Sunday when the account says so", () => {
    const group = officeHours();
    group.weekly[7] = [{ start: 600, end: 660 }];
    const { value } = encodeCallTimeGroup(group, "sunday");
    expect(value.content.map((d) => d.week)).toEqual([1, 2, 3, 4, 5, 0]);
    expect(decodeCallTimeGroup(value, "sunday").weekly).toEqual(group.weekly);
    // Read with the other convention, the same payload means Tue–Sat + Mon: a real difference.
    expect(decodeCallTimeGroup(value, "monday").weekly[1]).toEqual([{ start: 600, end: 660 }]);
  });

  it("round-trips through both week bases", () => {
    for (const base of ["monday", "sunday"] as const) {
      const group = officeHours();
      group.weekly[6] = [{ start: 0, end: 90 }];
      const decoded = decodeCallTimeGroup(encodeCallTimeGroup(group, base).value, base);
      expect(decoded).toEqual(group);
    }
  });

  it("sends midnight as 23:59 and names the lost minute", () => {
    const group = officeHours();
    group.weekly[6] = [{ start: 1200, end: 1440 }];
    const { value, losses } = encodeCallTimeGroup(group, "monday");
    expect(value.content.find((d) => d.week === 5)?.times).toEqual([{ begin_time: "20:00", end_time: "23:59" }]);
    expect(losses).toHaveLength(1);
    expect(losses[0].en).toContain("Saturday");
    expect(losses[0].zh).toContain("周六");
  });

  it("names the time zone, date exceptions and make-up-day rule it cannot keep", () => {
    const group = { ...officeHours(), timeZone: "Europe/London", makeUpDayAs: 1 as const, overrides: [{ date: "2026-10-01", ranges: [] }] };
    const { losses } = encodeCallTimeGroup(group, "monday");
    expect(losses.map((l) => l.en).join("\n")).toMatch(/no time zone field.*Europe\/London/);
    expect(losses.map((l) => l.en).join("\n")).toContain("2026-10-01");
    expect(losses.map((l) => l.en).join("\n")).toContain("Monday");
    expect(losses).toHaveLength(3);
  });

  it("reads the seed's groups: week 0 is Monday, '9:00' and '08:00' both parse", () => {
    const parsed = ZYunfuTaskCallback.parse(SEED_CALLBACK);
    const [first, second] = parsed.task_data.time_range.map((g) => decodeCallTimeGroup(g, "monday"));
    expect(first.weekly[1]).toEqual([{ start: 540, end: 720 }, { start: 780, end: 1080 }]);
    expect(first.weekly[2]).toEqual([{ start: 570, end: 750 }, { start: 810, end: 1050 }]);
    expect(first.isDefault).toBe(true);
    expect(second.name).toBe("呼叫时间组 2");
    expect(second.weekly[1]).toEqual([{ start: 480, end: 720 }, { start: 780, end: 900 }, { start: 960, end: 1320 }]);
  });

  it("treats '9:00' and '09:00' as the same hours when matching an existing group", () => {
    const wanted = encodeCallTimeGroup(officeHours(), "monday").value;
    const remote = ZYunfuDialTimeGroup.parse({
      id: 7,
      name: "别的名字",
      content: wanted.content.map((d) => ({ ...d, times: d.times.map((t) => ({ ...t, begin_time: t.begin_time.replace(/^0/, "") })) })),
      skip_holiday: true,
      is_default: true,
    });
    expect(sameDialingHours(remote, wanted, "monday")).toBe(true);
    expect(sameDialingHours({ ...remote, skip_holiday: false }, wanted, "monday")).toBe(false);
  });
});

describe("retry strategy encoding", () => {
  const strategy = (over: Partial<RetryStrategy>): RetryStrategy => ({
    name: "r",
    rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 0, minutes: 30 } }],
    measureFrom: "previous-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"],
    ...over,
  });

  it("maps equal gaps and all outcomes exactly, to the docs' da_status example", () => {
    const { value, losses } = encodeRetryStrategy(strategy({}));
    expect(losses).toEqual([]);
    expect(value.recycle_limit).toBe(2);
    expect(value.redial).toEqual({
      redial_enabled: 1,
      redial_max_times: 2,
      redial_interval: 30,
      redial_conditions: { da_status: [2, 3, 4, 6, 8, 9, 12] },
    });
  });

  it("turns offsets from the first call into equal gaps without loss", () => {
    const { value, losses } = encodeRetryStrategy(
      strategy({ measureFrom: "first-call", rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }, { after: { days: 0, hours: 2, minutes: 0 } }] }),
    );
    expect(losses).toEqual([]);
    expect(value.redial.redial_interval).toBe(60);
  });

  it("names unequal gaps and onlyToday as losses", () => {
    const { losses } = encodeRetryStrategy(
      strategy({ onlyToday: true, rounds: [{ after: { days: 0, hours: 0, minutes: 10 } }, { after: { days: 1, hours: 0, minutes: 0 } }] }),
    );
    expect(losses).toHaveLength(2);
    expect(losses[0].en).toContain("10 minutes");
  });

  it("disables redial for no strategy", () => {
    expect(encodeRetryStrategy(null).value).toEqual({ recycle_limit: 0, redial: { redial_enabled: 0 } });
  });
});

describe("tasks", () => {
  it("maps enable + call_status as documented", () => {
    expect(taskStatusFromYunfu({ enable: true, new_task_extra: { enable: true, call_status: true } })).toEqual({ status: "running", rawStatus: "2" });
    expect(taskStatusFromYunfu({ enable: false, new_task_extra: { enable: false, call_status: false } })).toEqual({ status: "paused", rawStatus: "1" });
    expect(taskStatusFromYunfu({ enable: true, new_task_extra: { enable: true, call_status: false } })).toEqual({ status: "pending", rawStatus: "3" });
    expect(taskStatusFromYunfu({ status: 3 })).toEqual({ status: "pending", rawStatus: "3" });
  });

  // docs/providers/yunfu.md §4: every documented state, and the two ways a waiting task is really over.
  const now = new Date("2026-12-10T04:00:00Z");
  const counters = (total: number, finished: number) => ({ totalOrders: total, finishedOrders: finished, attemptedOrders: finished, answeredOrders: 0, totalCalls: finished, answeredCalls: 0 });
  it.each([
    ["拨打中 (enable, calling)", { enable: true, call_status: true }, {}, "running", "2"],
    ["暂停中 (disabled, idle)", { enable: false, call_status: false }, {}, "paused", "1"],
    ["winding down (disabled, calling)", { enable: false, call_status: true }, {}, "paused", "1"],
    ["等待执行 with numbers left", { enable: true, call_status: false, stop_time: "2026-12-31 20:00:00" }, { now, stats: counters(15, 3) }, "pending", "3"],
    ["等待执行 with every number called", { enable: true, call_status: false, stop_time: "2026-12-31 20:00:00" }, { now, stats: counters(15, 15) }, "completed", "3"],
    ["等待执行 past its stop_time", { enable: true, call_status: false, stop_time: "2026-12-10 11:59:00" }, { now, stats: counters(15, 3) }, "completed", "3"],
    ["等待执行, empty task", { enable: true, call_status: false }, { now, stats: counters(0, 0) }, "pending", "3"],
  ] as const)("maps %s", (_, extra, seen, status, rawStatus) => {
    expect(taskStatusFromYunfu({ new_task_extra: extra }, seen)).toEqual({ status, rawStatus });
  });

  it.each([
    [1, "paused"],
    [2, "running"],
    [3, "pending"],
  ] as const)("maps all_task status %i", (raw, status) => {
    expect(taskStatusFromYunfu({ status: raw }).status).toBe(status);
  });

  it("maps a finished all_task row (status 3, every number called) as completed", () => {
    expect(taskStatusFromYunfu({ status: 3 }, { stats: counters(40, 40) })).toEqual({ status: "completed", rawStatus: "3" });
  });

  it("builds a create body Yunfu accepts, with China-time dates and the required empty arrays", () => {
    const body = taskBodyFromDraft(
      {
        name: "双十一回访",
        description: "",
        taskType: "2.0",
        callTimeGroup: officeHours(),
        retryStrategy: null,
        params: { destination_extension: 297, maximumcall: 3, start_time: "2026-12-01T09:00", stop_time: "2026-12-31T18:00:00Z", line: "", end_action: "1" },
        idempotencyKey: "k",
      },
      "5",
      encodeRetryStrategy(null).value,
    );
    expect(ZYunfuTaskBody.safeParse(body).success).toBe(true);
    expect(body.dial_time_id).toBe(5);
    expect(body.end_action).toBe(1);
    expect(body.task_extras).toMatchObject({ start_time: "2026-12-01 09:00:00", stop_time: "2027-01-01 02:00:00", holiday: [], line: [] });
  });

  it("parses datetimes without an offset as China time", () => {
    expect(parseTaskDateTime("2026-12-01 09:00")?.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(formatChinaDateTime(new Date("2026-12-01T01:00:00Z"))).toBe("2026-12-01 09:00:00");
    expect(parseTaskDateTime("soon")).toBeNull();
  });
});
