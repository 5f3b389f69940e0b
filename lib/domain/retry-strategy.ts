// Contract types for retry strategies (docs/design.md "RetryStrategy"). attemptTimes() lives in ./retry.ts.

export const CALL_OUTCOMES = ["answered", "no-answer", "busy", "unreachable", "rejected", "failed"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export type RetryableOutcome = Exclude<CallOutcome, "answered">;

export interface RetryInterval {
  days: number;
  hours: number;
  minutes: number;
}

export interface RetryStrategy {
  name: string;
  /** Round i (0-based) is retry number i+1. */
  rounds: { after: RetryInterval }[];
  measureFrom: "first-call" | "previous-call";
  /** Drop pending retries at the end of the local day of the first call. */
  onlyToday: boolean;
  retryOn: RetryableOutcome[];
}
