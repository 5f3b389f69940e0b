import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import type { RetryStrategy } from "../../domain/retry-strategy";
import {
  decodeCallTimeGroup,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  eventsFromTaskCallback,
  formatChinaDateTime,
  parseTaskDateTime,
  sameDialingHours,
  statsFromYunfuRecords,
  taskBodyFromDraft,
  taskStatusFromYunfu,
} from "./mapping";
import { ZYunfuDialTimeGroup, ZYunfuTaskBody, ZYunfuTaskCallback } from "./wire";

const officeHours = (): CallTimeGroup => {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start: 540, end: 720 }, { start: 780, end: 1080 }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: true, makeUpDayAs: null, overrides: [], isDefault: false };
};

// The seed's callback (000), comments removed.
const SEED_CALLBACK = {
  type: 1,
  mode: "saas_web",
  task_data: {
    auto_recycle_rule_id: 4,
    call_pause_second: 10,
    caller_line_id: null,
    customer_service_id: 21,
    destination_extension: 5,
    disable_dial_timegroup: "8ae402ae-4af9-4c2a-914c-96e1efae399e",
    maximumcall: 1,
    name: "0930",
    recycle_limit: 0,
    remark: null,
    uuid: "f8a1e546-2d5c-4e68-873e-8052645373e9",
    user_id: "f00c8abc-433f-4666-a9d6-70479605ced1",
    start: 0,
    start_str: "暂停",
    task_type: 6,
    enable_type: 0,
    create_datetime: "2020-10-27 16:12:17",
    user_type: 4,
    time_range: [
      {
        id: 1,
        name: "测试呼叫组1",
        content: [
          { week: 0, times: [{ end_time: "12:00", begin_time: "9:00" }, { end_time: "18:00", begin_time: "13:00" }] },
          { week: 1, times: [{ end_time: "12:30", begin_time: "9:30" }, { end_time: "17:30", begin_time: "13:30" }] },
        ],
        skip_holiday: false,
        is_default: true,
      },
      {
        id: 2,
        content: [
          {
            week: 0,
            times: [
              { end_time: "12:00", begin_time: "08:00" },
              { end_time: "15:00", begin_time: "13:00" },
              { end_time: "22:00", begin_time: "16:00" },
            ],
          },
        ],
        skip_holiday: false,
        is_default: false,
      },
    ],
  },
};

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

  it("counts numbers and calls from the records", () => {
    const stats = statsFromYunfuRecords(10, [
      { number: "13800000001", status: 4 },
      { number: "13800000001", status: 1 },
      { number: "13800000002", status: 8 },
    ]);
    expect(stats).toMatchObject({ totalOrders: 10, attemptedOrders: 2, answeredOrders: 1, totalCalls: 3, answeredCalls: 1 });
  });
});

describe("task callback (seed 000)", () => {
  it("parses the seed into a task-created event with its groups", () => {
    const body = ZYunfuTaskCallback.parse(SEED_CALLBACK);
    const [event] = eventsFromTaskCallback(body, "monday", new Date("2026-01-01T00:00:00Z"));
    expect(event.type).toBe("task-created");
    if (event.type !== "task-created") return;
    expect(event.remoteTaskId).toBe("f8a1e546-2d5c-4e68-873e-8052645373e9");
    expect(event.occurredAt.toISOString()).toBe("2020-10-27T08:12:17.000Z");
    expect(event.task.status).toBe("paused");
    expect(event.timeGroups).toHaveLength(2);
    expect(event.dedupeKey).toBe("yunfu:1:f8a1e546-2d5c-4e68-873e-8052645373e9:2020-10-27 16:12:17");
  });

  it("parses a delete into task-deleted with a different dedupe key", () => {
    const body = ZYunfuTaskCallback.parse({ ...SEED_CALLBACK, type: 2 });
    const [event] = eventsFromTaskCallback(body, "monday", new Date("2026-01-01T00:00:00Z"));
    expect(event.type).toBe("task-deleted");
    expect(event.dedupeKey.startsWith("yunfu:2:")).toBe(true);
  });

  it("rejects an unknown callback type", () => {
    expect(ZYunfuTaskCallback.safeParse({ ...SEED_CALLBACK, type: 3 }).success).toBe(false);
  });
});
