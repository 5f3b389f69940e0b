// Contract type for task statistics (docs/design.md "Stats"). Rates are computed in ./stats.ts.

/** The six counters a task's statistics are made of: the one place that lists them. */
export interface StatCounters {
  /** Numbers (orders) in the task. */
  totalOrders: number;
  /** Numbers that are done (answered or out of retries). */
  finishedOrders: number;
  /** Numbers dialled at least once. */
  attemptedOrders: number;
  /** Numbers answered at least once. */
  answeredOrders: number;
  /** Call attempts made. */
  totalCalls: number;
  /** Call attempts answered. */
  answeredCalls: number;
}

export type StatCounter = keyof StatCounters;

/** The counters' names, for code that goes over all of them (a database select, a sum, a CSV header). */
export const STAT_COUNTERS = ["totalOrders", "finishedOrders", "attemptedOrders", "answeredOrders", "totalCalls", "answeredCalls"] as const satisfies readonly StatCounter[];

// Fails to compile when a counter is added to StatCounters but not to STAT_COUNTERS.
type Missing = Exclude<StatCounter, (typeof STAT_COUNTERS)[number]>;
const everyCounterListed: [Missing] extends [never] ? true : Missing = true;
void everyCounterListed;

export interface TaskStats extends StatCounters {
  /** Rates the provider reports itself (0..1), when it does, to compare with ours. */
  providerAnswerRate?: number;
  providerFinishRate?: number;
}
