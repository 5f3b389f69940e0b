import { describe, expect, it } from "vitest";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { describeRetrySpacing } from "./retry-spacing";

const strategy: RetryStrategy = {
  name: "Two retries",
  rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }, { after: { days: 1, hours: 2, minutes: 0 } }],
  measureFrom: "first-call",
  onlyToday: false,
  retryOn: ["no-answer", "busy", "unreachable", "rejected", "failed"],
};

describe("Alibaba Cloud's retry spacing in the preview", () => {
  it("says each round as RetryStrategy sends it, measured as RetryStrategyTimeType says", () => {
    const text = describeRetrySpacing(strategy, []);
    expect(text.en).toBe(
      "Alibaba Cloud redials up to 2 times (RetryStrategy “retry”: 2): retry 1 after 30 min (“0-0-30”), retry 2 after 1 day 2 h (“1-2-0”), each measured from the first call (RetryStrategyTimeType 1).",
    );
    expect(text.zh).toBe(
      "阿里云最多重呼 2 次（RetryStrategy “retry”: 2）：第 1 次重试在 30分钟后（“0-0-30”）、第 2 次重试在 1天2小时后（“1-2-0”），均从首次呼叫（RetryStrategyTimeType 1）起算。",
    );
    const fromPrevious = describeRetrySpacing({ ...strategy, measureFrom: "previous-call", onlyToday: true }, []);
    expect(fromPrevious.en).toContain("each measured from the previous call (RetryStrategyTimeType 2). Retries still pending at the end of the day are dropped (RetryStrategyOnlyToday 2).");
  });

  it("retries collapsing into one window opening: what Alibaba Cloud does then is not documented", () => {
    const text = describeRetrySpacing(strategy, [2]);
    expect(text.en).toMatch(
      /\. Retry 2 falls due at the same window opening as the call before here: whether Alibaba Cloud then dials it back to back, spaces it or skips it is not documented\.$/,
    );
    expect(text.zh).toMatch(/。此处第 2 次重试与前一次呼叫落在同一个时段开始时刻：阿里云会连续拨打、拉开间隔还是跳过，没有文档说明。$/);
    expect(describeRetrySpacing(strategy, [1, 2]).en).toContain("Retries 1, 2 fall due");
  });

  it("no round: nothing is redialled", () => {
    expect(describeRetrySpacing({ ...strategy, rounds: [] }, []).en).toBe("Alibaba Cloud does not redial: the RetryStrategy sent has no rounds.");
  });
});
