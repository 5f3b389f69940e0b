import { describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import {
  employeeExecutionFromWshoto,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  remoteTaskFromWshoto,
  taskStatusFromWshoto,
  WSHOTO_PRIORITY_LABELS,
} from "./mapping";

const group: CallTimeGroup = {
  name: "Weekdays",
  timeZone: "Asia/Shanghai",
  weekly: { ...emptyWeek(), 1: [{ start: 540, end: 1080 }] },
  skipHolidays: true,
  makeUpDayAs: null,
  overrides: [],
  isDefault: false,
};

describe("WShoto status", () => {
  it.each([
    [0, "pending"],
    [1, "pending"],
    [2, "running"],
    [3, "completed"],
    [4, "completed"],
    [-1, "failed"],
  ] as const)("status %i is %s", (raw, status) => {
    expect(taskStatusFromWshoto(raw)).toBe(status);
  });

  it("keeps the raw status, so an expired task (4) is told apart from an ended one (3)", () => {
    const task = remoteTaskFromWshoto({ template_id: "1254676189925432389", status: 4, template_type: 3, template_name: "春节祝福超级群发", create_time: 1_700_000_000 }, {}, null);
    expect(task).toMatchObject({
      remoteId: "1254676189925432389",
      kind: "follow-up",
      taskType: "3",
      status: "completed",
      rawStatus: "4",
      createdAt: new Date(1_700_000_000_000),
    });
  });
});

describe("WShoto priority", () => {
  it("reads priority with the 2.0 meaning (1 low, 3 high), not the retired API's reversed one", () => {
    expect(WSHOTO_PRIORITY_LABELS["1"].zh).toBe("低");
    expect(WSHOTO_PRIORITY_LABELS["3"].zh).toBe("高");
  });
});

describe("WShoto employee execution", () => {
  it("maps a record and keeps WShoto's complete rate (0–100)", () => {
    expect(
      employeeExecutionFromWshoto({ status: 2, user_id: "lina", plan_target_qty: 30, followed_target_qty: 20, no_follow_target_qty: 10, complete_rate: 66.67 }),
    ).toEqual({ userId: "lina", status: "executing", rawStatus: "2", planTargetQty: 30, followedTargetQty: 20, noFollowTargetQty: 10, completeRate: 66.67 });
  });

  it("derives the missing counts from plan and followed", () => {
    expect(employeeExecutionFromWshoto({ status: 3, user_id: "zhangwei", plan_target_qty: 3, followed_target_qty: 3 })).toMatchObject({
      status: "done",
      noFollowTargetQty: 0,
      completeRate: 100,
    });
  });
});

describe("WShoto has no call-time or retry rules", () => {
  it("encodes nothing for a call-time group and reports one loss", () => {
    const encoded = encodeCallTimeGroup(group);
    expect(encoded.value).toBeNull();
    expect(encoded.losses).toEqual([{ en: "WShoto follow-up tasks have no call-time rules", zh: "微盛跟进任务没有呼叫时间规则" }]);
  });

  it("encodes nothing for a retry strategy and reports one loss", () => {
    const encoded = encodeRetryStrategy({ name: "3×", rounds: [{ after: { days: 0, hours: 1, minutes: 0 } }], measureFrom: "previous-call", onlyToday: false, retryOn: ["busy"] });
    expect(encoded.value).toBeNull();
    expect(encoded.losses).toHaveLength(1);
    expect(encoded.losses[0].zh).toBeTruthy();
  });
});
