// Accelerated simulated clock: `factor` simulated milliseconds pass per real millisecond, so a
// day of dialling can be watched in minutes. Continuous when the factor changes.

export interface SimClockOptions {
  /** Simulated seconds per real second, default 1. */
  factor?: number;
  /** Simulated time at construction, default the real now. */
  startAt?: Date;
  /** Real time source (ms), overridable so tests control it. */
  realNow?: () => number;
}

export class SimClock {
  factor: number;
  private readonly realNow: () => number;
  /** The simulated time was `simAnchor` when the real time was `realAnchor`. */
  private simAnchor: number;
  private realAnchor: number;

  constructor(opts: SimClockOptions = {}) {
    this.realNow = opts.realNow ?? Date.now;
    this.factor = validFactor(opts.factor ?? 1);
    this.realAnchor = this.realNow();
    this.simAnchor = opts.startAt ? opts.startAt.getTime() : this.realAnchor;
  }

  nowMs(): number {
    return Math.floor(this.simAnchor + (this.realNow() - this.realAnchor) * this.factor);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Changes speed from this instant on; simulated time does not jump. */
  setFactor(f: number): void {
    const current = this.nowMs();
    this.realAnchor = this.realNow();
    this.simAnchor = current;
    this.factor = validFactor(f);
  }

  /** Jumps simulated time forward (tests, or "skip to tomorrow" in a demo). */
  advance(simMs: number): void {
    if (simMs < 0) throw new RangeError("SimClock.advance: simulated time only moves forward");
    this.simAnchor += simMs;
  }
}

function validFactor(f: number): number {
  if (!Number.isFinite(f) || f < 0) throw new RangeError(`SimClock: factor must be a finite number >= 0, got ${f}`);
  return f;
}
