import { describe, expect, it } from "vitest";
import { addStats, countersDiffer, countersOf, emptyStats } from "./stats";
import { STAT_COUNTERS } from "./stats-types";

const row = { id: "t1", totalOrders: 10, finishedOrders: 4, attemptedOrders: 6, answeredOrders: 3, totalCalls: 8, answeredCalls: 3, providerAnswerRate: 0.4 };

describe("the six stat counters", () => {
  it("are the counters of an empty record, of a sum and of a picked row, in one order", () => {
    expect(Object.keys(emptyStats())).toEqual([...STAT_COUNTERS]);
    expect(countersOf(row)).toEqual({ totalOrders: 10, finishedOrders: 4, attemptedOrders: 6, answeredOrders: 3, totalCalls: 8, answeredCalls: 3 });
    expect(addStats(row, row)).toEqual({ totalOrders: 20, finishedOrders: 8, attemptedOrders: 12, answeredOrders: 6, totalCalls: 16, answeredCalls: 6 });
  });

  it("differ when any one counter does; provider rates do not count", () => {
    const otherRate = { ...row, providerAnswerRate: 0.9 };
    expect(countersDiffer(row, otherRate)).toBe(false);
    for (const counter of STAT_COUNTERS) expect(countersDiffer(row, { ...row, [counter]: row[counter] + 1 })).toBe(true);
  });
});
