// Contract type for task statistics (DESIGN.md "Stats"). Rates are computed in ./stats.ts.

export interface TaskStats {
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
  /** Rates the provider reports itself (0..1), when it does, to compare with ours. */
  providerAnswerRate?: number;
  providerFinishRate?: number;
}
