// Contract between the simulator core (this folder) and the four provider simulators.
// A provider simulator is a real HTTP server on loopback that speaks the provider's protocol.
import type { CallTimeGroup } from "../../lib/domain/call-time-group";
import type { HolidayCalendar } from "../../lib/domain/holiday-calendar";
import type { CallOutcome } from "../../lib/domain/retry-strategy";
import type { ProviderKind } from "../../lib/providers/types";

/** Faults a test (or a person) can inject, per simulator: env SIM_<KIND>_FAULTS='{"errorRate":0.2}' or POST /__sim/faults. */
export interface FaultConfig {
  /** Share of API requests answered with HTTP 500/503 before any processing. 0..1 */
  errorRate: number;
  /** Share of API requests answered 429 with Retry-After: retryAfterSec. 0..1 */
  rateLimitRate: number;
  retryAfterSec: number;
  /** Added latency per API request, ms. */
  latencyMs: number;
  /** Share of API requests that are never answered (the socket is held until the client gives up). 0..1 */
  timeoutRate: number;
  /** Share of webhooks delivered twice. 0..1 */
  webhookDuplicateRate: number;
  /** Deliver queued webhooks in shuffled order. */
  webhookReorder: boolean;
  /** Seed for the fault RNG so a test is repeatable. */
  seed: number;
}

export interface DialingConfig {
  /** Simulated seconds per real second (60 = one simulated minute per second). */
  factor: number;
  /** Probability that a call is answered. 0..1 */
  answerProbability: number;
  /** Answered call length range, simulated seconds. */
  callSeconds: { min: number; max: number };
  /** Real milliseconds between engine ticks. */
  tickMs: number;
}

/** A simulated call, produced by the dialing engine. */
export interface SimCall {
  callId: string;
  taskId: string;
  orderId: string;
  phone: string;
  outcome: CallOutcome;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  durationSec: number;
  /** 1-based attempt number of this order. */
  attempt: number;
  /** Order finished after this call (answered, or no attempts left). */
  orderFinished: boolean;
}

/** What the engine needs from a provider simulator's task. The simulator owns the object; the engine mutates orders. */
export interface DialableTask {
  id: string;
  /** Engine dials only while this returns true. */
  isRunning(): boolean;
  group: CallTimeGroup;
  concurrency: number;
  /** 1 + number of retries. */
  maxAttempts: number;
  /** Simulated minutes between attempts of the same order. */
  retryGapMinutes: number;
  orders: DialOrder[];
}

export interface DialOrder {
  id: string;
  phone: string;
  attempts: number;
  finished: boolean;
  answered: boolean;
  /** Simulated epoch ms before which the order must not be dialled again; null = now. */
  notBefore: number | null;
}

export interface SimulatorOptions {
  /** 0 = pick a free port. */
  port: number;
  host?: string;
  /** Credentials the simulator accepts (per kind, same keys as the client's ProviderContext.credentials). */
  credentials: Record<string, string>;
  calendar: HolidayCalendar;
  dialing?: Partial<DialingConfig>;
  faults?: Partial<FaultConfig>;
  /** Persist state to this JSON file so a restart keeps it. */
  stateFile?: string;
  /** Seed demo tasks (a few in each state, realistic names, groups, numbers). */
  seedDemo?: boolean;
  /** Where webhooks go for providers that have no per-task callback URL (Yunfu, WShoto). */
  webhookUrl?: string;
  /** Simulated "now" at start (default: real now). */
  startAt?: Date;
}

export interface Simulator {
  kind: ProviderKind;
  /** Starts listening; resolves with the base URL (http://127.0.0.1:<port>). */
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly url: string;
}

export type { CallTimeGroup };
