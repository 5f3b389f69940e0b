import { describe, expect, it } from "vitest";
import type { TaskStats } from "./stats-types";
import {
  RATE_FORMULAS,
  addStats,
  answerRate,
  emptyStats,
  finishRate,
  formatRate,
  penetrationRate,
  ratesDisagree,
  reportedFigure,
  statsFromAliyun,
  statsFromNxcloud,
  statsFromWshotoExecution,
  statsFromYunfu,
} from "./stats";

const sample: TaskStats = {
  totalOrders: 7,
  finishedOrders: 3,
  attemptedOrders: 5,
  answeredOrders: 2,
  totalCalls: 14,
  answeredCalls: 6,
};

describe("rates", () => {
  it("answer rate is answered calls over calls made", () => {
    expect(answerRate(sample)).toBeCloseTo(6 / 14, 12);
    expect(formatRate(answerRate(sample), "en")).toBe("42.86%");
  });

  it("finish rate is finished numbers over numbers in the task", () => {
    expect(finishRate(sample)).toBeCloseTo(3 / 7, 12);
  });

  it("connect rate is numbers dialled at least once over numbers in the task", () => {
    expect(penetrationRate(sample)).toBeCloseTo(5 / 7, 12);
    expect(formatRate(penetrationRate(sample), "zh-CN")).toBe("71.43%");
  });

  it("every rate is 0 when its denominator is 0", () => {
    const empty = emptyStats();
    expect(answerRate(empty)).toBe(0);
    expect(finishRate(empty)).toBe(0);
    expect(penetrationRate(empty)).toBe(0);
    // Numbers imported, none dialled yet: no calls, so the answer rate is 0, not NaN.
    expect(answerRate({ ...empty, totalOrders: 100 })).toBe(0);
  });

  it("formats with two decimals in both languages", () => {
    expect(formatRate(0, "en")).toBe("0.00%");
    expect(formatRate(1, "zh-CN")).toBe("100.00%");
    expect(formatRate(0.5, "zh-CN")).toBe("50.00%");
  });

  it("has a formula for every rate in both languages", () => {
    for (const formula of Object.values(RATE_FORMULAS)) {
      expect(formula.en).toMatch(/÷/);
      expect(formula.zh).toMatch(/÷/);
    }
  });
});

describe("ratesDisagree", () => {
  it("treats differences within 2-decimal rounding as agreement", () => {
    expect(ratesDisagree(6 / 14, 0.43)).toBe(false);
    expect(ratesDisagree(0.425, 0.43)).toBe(false);
    expect(ratesDisagree(0.4349, 0.43)).toBe(false);
  });

  it("flags a provider rate that rounding cannot explain", () => {
    expect(ratesDisagree(0.42, 0.43)).toBe(true);
    expect(ratesDisagree(0, 0.5)).toBe(true);
  });
});

describe("addStats", () => {
  it("adds counters and recomputes rates from the sums", () => {
    const total = addStats(sample, { ...emptyStats(), totalOrders: 3, finishedOrders: 2, totalCalls: 6, answeredCalls: 4 });
    expect(total).toEqual({
      totalOrders: 10,
      finishedOrders: 5,
      attemptedOrders: 5,
      answeredOrders: 2,
      totalCalls: 20,
      answeredCalls: 10,
    });
    expect(answerRate(total)).toBe(0.5);
    expect(finishRate(total)).toBe(0.5);
  });

  it("drops provider rates, which cannot be summed", () => {
    const withRates = { ...sample, providerAnswerRate: 0.43, providerFinishRate: 0.43 };
    expect(addStats(withRates, withRates)).not.toHaveProperty("providerAnswerRate");
  });
});

describe("provider mappings", () => {
  it("NXCloud taskStat keeps the provider's rates to compare with ours", () => {
    const stats = statsFromNxcloud({
      answerOrderCount: 40,
      finishOrderCount: 60,
      totalOrderCount: 100,
      finishRate: 0.6,
      totalAnswerCall: 40,
      totalCall: 150,
      answerRate: 0.27,
    });
    expect(stats).toMatchObject({
      totalOrders: 100,
      finishedOrders: 60,
      answeredOrders: 40,
      totalCalls: 150,
      answeredCalls: 40,
      providerAnswerRate: 0.27,
      providerFinishRate: 0.6,
    });
    expect(ratesDisagree(answerRate(stats), stats.providerAnswerRate!)).toBe(false);
    expect(ratesDisagree(finishRate(stats), stats.providerFinishRate!)).toBe(false);
  });

  it("NXCloud: numbers dialled and the connect rate are not reported, so they are never the finished count", () => {
    const stats = statsFromNxcloud({
      answerOrderCount: 30,
      finishOrderCount: 42,
      totalOrderCount: 90,
      finishRate: 0.47,
      totalAnswerCall: 31,
      totalCall: 75,
      answerRate: 0.41,
    });
    expect(stats.attemptedOrders).not.toBe(stats.finishedOrders);
    const unreported = ["attemptedOrders", "penetrationRate"] as const;
    expect(reportedFigure("attemptedOrders", stats.attemptedOrders, unreported)).toBeNull();
    expect(reportedFigure("penetrationRate", penetrationRate(stats), unreported)).toBeNull();
    expect(reportedFigure("answerRate", answerRate(stats), unreported)).toBeCloseTo(31 / 75);
  });

  it("WShoto follow-ups report no calls: the answer rate is unreported, not 0 %", () => {
    const stats = statsFromWshotoExecution([{ plan_target_qty: 50, followed_target_qty: 39 }]);
    expect(finishRate(stats)).toBeCloseTo(0.78);
    expect(reportedFigure("answerRate", answerRate(stats), ["totalCalls", "answeredCalls", "answerRate"])).toBeNull();
  });

  it("Aliyun CloudMonitorTask: numbers = called + uncalled, called numbers are finished", () => {
    const stats = statsFromAliyun({ AnswerCount: 30, CalledCount: 80, UncalledCount: 20 });
    expect(stats).toEqual({
      totalOrders: 100,
      finishedOrders: 80,
      attemptedOrders: 80,
      answeredOrders: 30,
      totalCalls: 80,
      answeredCalls: 30,
    });
    expect(formatRate(answerRate(stats), "en")).toBe("37.50%");
    expect(formatRate(finishRate(stats), "en")).toBe("80.00%");
  });

  it("Yunfu counters map one to one", () => {
    const stats = statsFromYunfu({ numberCount: 50, calledCount: 20, answeredCount: 8, callCount: 25, answeredCallCount: 9 });
    expect(stats).toEqual({
      totalOrders: 50,
      finishedOrders: 20,
      attemptedOrders: 20,
      answeredOrders: 8,
      totalCalls: 25,
      answeredCalls: 9,
    });
    expect(answerRate(stats)).toBe(0.36);
  });

  it("WShoto complete rate is followed over planned across employees", () => {
    const stats = statsFromWshotoExecution([
      { plan_target_qty: 10, followed_target_qty: 4 },
      { plan_target_qty: 30, followed_target_qty: 26 },
    ]);
    expect(finishRate(stats)).toBe(0.75);
    expect(stats.totalCalls).toBe(0);
    expect(answerRate(stats)).toBe(0);
    expect(finishRate(statsFromWshotoExecution([]))).toBe(0);
  });
});
