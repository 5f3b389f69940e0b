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

describe("Yunfu's retry spacing in the preview", () => {
  it("says the redial count and the one interval it sends (the first gap), and that reading it as minutes between calls is ours", () => {
    const text = describeRetrySpacing(strategy, []);
    expect(text.en).toBe(
      "Yunfu redials up to 2 times (redial_max_times 2), 30 minutes after the call before each time (redial_interval 30; that it counts minutes between calls is our reading of Yunfu's example, not documented).",
    );
    expect(text.zh).toBe("云蝠最多重拨 2 次（redial_max_times 2），每次在上一次呼叫 30 分钟后（redial_interval 30；按呼叫之间的分钟数理解，是我们对云蝠示例的解读，没有文档说明）。");
  });

  it("retries collapsing into one window opening: whether Yunfu dials them back to back is not documented", () => {
    const text = describeRetrySpacing(strategy, [2]);
    expect(text.en).toMatch(/\. Retry 2 falls due at the same window opening as the call before here: whether Yunfu then dials it back to back or keeps 30 minutes between calls is not documented\.$/);
    expect(text.zh).toMatch(/。此处第 2 次重试与前一次呼叫落在同一个时段开始时刻：云蝠会连续拨打还是仍间隔 30 分钟，没有文档说明。$/);
  });

  it("no retried outcome: redialling is off", () => {
    expect(describeRetrySpacing({ ...strategy, retryOn: [] }, [2]).en).toBe("Yunfu does not redial (redial_enabled 0).");
  });
});
