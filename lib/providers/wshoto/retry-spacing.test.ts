import { describe, expect, it } from "vitest";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { describeRetrySpacing } from "./retry-spacing";

const strategy: RetryStrategy = {
  name: "Two retries",
  rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 2, minutes: 0 } }],
  measureFrom: "first-call",
  onlyToday: false,
  retryOn: ["no-answer"],
};

describe("WShoto's retry spacing in the preview", () => {
  it("dials nobody, so there is nothing to space whether or not retries collapse", () => {
    const text = { en: "WShoto dials nobody: its follow-up tasks are done by staff, so there are no redials to space.", zh: "微盛不拨打电话：跟进任务由员工完成，没有需要安排间隔的重拨。" };
    expect(describeRetrySpacing(strategy, [])).toEqual(text);
    expect(describeRetrySpacing(strategy, [2])).toEqual(text);
  });
});
