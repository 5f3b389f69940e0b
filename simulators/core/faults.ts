// Fault injection for the provider simulators: errors, 429s, latency, held sockets and webhook
// duplicates/reordering, so the clients' retry and timeout paths are exercised against a real server.
import type { ProviderKind } from "../../lib/providers/types";
import type { FaultConfig } from "./types";

export const DEFAULT_FAULTS: FaultConfig = {
  errorRate: 0,
  rateLimitRate: 0,
  retryAfterSec: 1,
  latencyMs: 0,
  timeoutRate: 0,
  webhookDuplicateRate: 0,
  webhookReorder: false,
  seed: 1,
};

/** Seeded PRNG (mulberry32): same seed, same sequence, so a faulty run can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Name of the env variable holding a simulator's faults, e.g. SIM_ALIYUN_VMS_FAULTS. */
export function faultsEnvName(kind: ProviderKind): string {
  return `SIM_${kind.toUpperCase().replace(/-/g, "_")}_FAULTS`;
}

/** Faults from SIM_<KIND>_FAULTS='{"errorRate":0.2}'. A malformed value is reported and ignored. */
export function faultsFromEnv(kind: ProviderKind, env: Record<string, string | undefined> = process.env): Partial<FaultConfig> {
  const name = faultsEnvName(kind);
  const raw = env[name];
  if (!raw) return {};
  try {
    return sanitizeFaults(JSON.parse(raw));
  } catch {
    console.error(`[sim:${kind}] ignoring ${name}: not valid JSON`);
    return {};
  }
}

/** Keeps only known fields with the right types; rates are clamped to 0..1. */
export function sanitizeFaults(input: unknown): Partial<FaultConfig> {
  if (typeof input !== "object" || input === null) return {};
  const src = input as Record<string, unknown>;
  const out: Partial<FaultConfig> = {};
  const rate = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : undefined);
  const nonNegative = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
  for (const key of ["errorRate", "rateLimitRate", "timeoutRate", "webhookDuplicateRate"] as const) {
    const v = rate(src[key]);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ["retryAfterSec", "latencyMs", "seed"] as const) {
    const v = nonNegative(src[key]);
    if (v !== undefined) out[key] = v;
  }
  if (typeof src.webhookReorder === "boolean") out.webhookReorder = src.webhookReorder;
  return out;
}

export type FaultDecision = "ok" | "error" | "rate-limit" | "timeout";

export class FaultInjector {
  config: FaultConfig;
  private readonly initial: FaultConfig;
  private rng: () => number;

  constructor(initial: Partial<FaultConfig> = {}) {
    this.initial = { ...DEFAULT_FAULTS, ...sanitizeFaults(initial) };
    this.config = { ...this.initial };
    this.rng = mulberry32(this.config.seed);
  }

  /** Merges a partial config; a new seed restarts the random sequence. */
  set(p: Partial<FaultConfig>): void {
    const clean = sanitizeFaults(p);
    this.config = { ...this.config, ...clean };
    if (clean.seed !== undefined) this.rng = mulberry32(clean.seed);
  }

  /** Back to the faults the simulator started with (constructor / env), sequence restarted. */
  reset(): void {
    this.config = { ...this.initial };
    this.rng = mulberry32(this.config.seed);
  }

  /** Decides what happens to one API request. Draws once, so the sequence is repeatable per seed. */
  draw(): FaultDecision {
    const { errorRate, rateLimitRate, timeoutRate } = this.config;
    if (errorRate + rateLimitRate + timeoutRate <= 0) return "ok";
    const r = this.rng();
    if (r < errorRate) return "error";
    if (r < errorRate + rateLimitRate) return "rate-limit";
    if (r < errorRate + rateLimitRate + timeoutRate) return "timeout";
    return "ok";
  }

  /** Next number of the seeded sequence, in [0, 1). */
  random(): number {
    return this.rng();
  }
}
