import { describe, expect, it } from "vitest";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { describeRetrySpacing } from "./retry-spacing";

const strategy: RetryStrategy = {
  name: "Two retries",
  rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 0, hours: 2, minutes: 0 } }],
  measureFrom: "first-call",
  onlyToday: false,
  retryOn: ["no-answer", "busy"],
};

describe("NXCloud's retry spacing in the preview", () => {
  it("one redial at a time NXCloud chooses, not after the strategy's wait; retry 2 never dialled", () => {
    const text = describeRetrySpacing(strategy, []);
    expect(text.en).toBe(
      "NXCloud redials an unanswered number once (roundRedial on), within the round, at a time NXCloud chooses: when is not documented, so the strategy's “after 30 min” does not space it. Retry 2 is never dialled.",
    );
    expect(text.zh).toBe(
      "牛信云对未接通的号码在本轮内重拨一次（roundRedial 开启），时间由牛信云决定：何时重拨没有文档说明，策略中的“30分钟后”不会决定间隔。第 2 次重试不会拨打。",
    );
  });

  it("retries collapsing into one window opening: retry 2 is not dialled back to back, retry 1's timing is not documented", () => {
    expect(describeRetrySpacing(strategy, [2]).en).toMatch(/Retry 2 falls due at one window opening here, but NXCloud never dials it: nothing is dialled back to back\.$/);
    expect(describeRetrySpacing(strategy, [2]).zh).toMatch(/。此处第 2 次重试落在同一个时段开始时刻，但牛信云不会拨打：不会连续拨打。$/);
    const first = describeRetrySpacing(strategy, [1]);
    expect(first.en).toMatch(/Retry 1 falls due at the same window opening as the first call here: whether NXCloud then redials right after the first call is not documented\.$/);
    expect(first.en).not.toContain("back to back");
  });

  it("no round: roundRedial is off and nothing is redialled", () => {
    expect(describeRetrySpacing({ ...strategy, rounds: [] }, []).en).toBe("NXCloud does not redial: without a retry round roundRedial is off.");
  });
});
