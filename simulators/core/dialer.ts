// The dialing engine: "dials" the orders of running tasks in simulated time, within each task's
// call-time windows and concurrency, retrying unanswered numbers after the task's gap. Every tick
// replays the simulated interval since the previous tick event by event, so a large clock factor
// gives the same calls as a small one, only sooner.
import { nextWindow } from "../../lib/domain/schedule";
import type { HolidayCalendar } from "../../lib/domain/holiday-calendar";
import type { CallOutcome, RetryableOutcome } from "../../lib/domain/retry-strategy";
import type { SimClock } from "./clock";
import type { DialableTask, DialingConfig, DialOrder, SimCall } from "./types";

export const DEFAULT_DIALING: DialingConfig = {
  factor: 60,
  answerProbability: 0.45,
  callSeconds: { min: 20, max: 180 },
  tickMs: 250,
};

/** Bounds the work of one tick; the rest of the interval is replayed by the next ticks. */
export const MAX_CALLS_PER_TICK = 10_000;

/** Unanswered outcomes, how often each happens and how long the line rings (simulated seconds). */
const UNANSWERED: { outcome: RetryableOutcome; weight: number; ringSeconds: [number, number] }[] = [
  { outcome: "no-answer", weight: 0.5, ringSeconds: [20, 40] },
  { outcome: "busy", weight: 0.2, ringSeconds: [3, 10] },
  { outcome: "unreachable", weight: 0.15, ringSeconds: [2, 8] },
  { outcome: "rejected", weight: 0.1, ringSeconds: [5, 15] },
  { outcome: "failed", weight: 0.05, ringSeconds: [1, 3] },
];
const ANSWER_RING_SECONDS: [number, number] = [5, 20];

export interface DialingEngineOptions {
  clock: SimClock;
  calendar: HolidayCalendar;
  /** The engine owns the clock's speed: `factor` (default 60) is applied to the clock here and in setConfig. */
  config?: Partial<DialingConfig>;
  /** Seeded in tests for repeatable calls; default Math.random. */
  random?: () => number;
  /** A call ended (simulated time); fired in chronological order. The order is already updated. */
  onCall: (task: DialableTask, call: SimCall) => void;
  /** Every order of the task is finished. Fired once until new orders arrive. */
  onTaskDrained?: (task: DialableTask) => void;
}

interface CallInFlight {
  run: TaskRun;
  order: DialOrder;
  call: SimCall;
  /** Start sequence, to keep calls that end at the same instant in a stable order. */
  seq: number;
}

interface TaskRun {
  task: DialableTask;
  /** isRunning() at the start of the current tick. */
  active: boolean;
  /** Simulated ms before which this task must not dial (it was not running, or not yet added). */
  since: number;
  /** Orders before this index have been dialled or are finished. */
  freshFrom: number;
  /** Unanswered orders waiting for their next attempt, by notBefore. */
  retries: DialOrder[];
  inFlight: number;
  drained: boolean;
  /** The task's schedule around the last instant asked: open or closed over [from, until). Cleared every tick, so group edits apply. */
  window: { from: number; until: number; open: boolean } | null;
}

export class DialingEngine {
  config: DialingConfig;
  private readonly clock: SimClock;
  private readonly calendar: HolidayCalendar;
  private readonly random: () => number;
  private readonly onCall: DialingEngineOptions["onCall"];
  private readonly onTaskDrained: DialingEngineOptions["onTaskDrained"];
  private readonly runs = new Map<string, TaskRun>();
  private inFlight: CallInFlight[] = [];
  private seq = 0;
  /** Simulated time up to which everything has been replayed. */
  private cursor: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(opts: DialingEngineOptions) {
    this.clock = opts.clock;
    this.calendar = opts.calendar;
    this.random = opts.random ?? Math.random;
    this.onCall = opts.onCall;
    this.onTaskDrained = opts.onTaskDrained;
    this.config = { ...DEFAULT_DIALING, ...opts.config };
    this.clock.setFactor(this.config.factor);
    this.cursor = this.clock.nowMs();
  }

  setConfig(p: Partial<DialingConfig>): void {
    // What happened up to this instant happens at the old speed, before the new one applies: without this, a
    // clock stopped (factor 0) between two ticks would still end the calls due before it on the next tick, after
    // a caller had read the simulator's counts as final.
    if (p.factor !== undefined && this.timer) this.tick();
    this.config = { ...this.config, ...p, callSeconds: { ...this.config.callSeconds, ...p.callSeconds } };
    if (p.factor !== undefined) this.clock.setFactor(p.factor);
    if (p.tickMs !== undefined && this.timer) {
      this.stop();
      this.start();
    }
  }

  /** Starts dialling a task when it is running. Adding a known id again picks up its new object and orders. */
  add(task: DialableTask): void {
    const existing = this.runs.get(task.id);
    const run: TaskRun = existing ?? {
      task,
      active: false,
      since: this.clock.nowMs(),
      freshFrom: 0,
      retries: [],
      inFlight: 0,
      drained: false,
      window: null,
    };
    run.task = task;
    run.freshFrom = 0;
    // A new task object brings new order objects: calls in progress must update those.
    const byId = new Map(task.orders.map((o) => [o.id, o]));
    const dialling = new Set<string>();
    for (const f of this.inFlight) {
      if (f.run !== run) continue;
      f.order = byId.get(f.order.id) ?? f.order;
      dialling.add(f.order.id);
    }
    run.retries = task.orders
      .filter((o) => !o.finished && o.attempts > 0 && !dialling.has(o.id))
      .sort((a, b) => (a.notBefore ?? 0) - (b.notBefore ?? 0));
    run.drained = false;
    this.runs.set(task.id, run);
  }

  /** Forgets a task; its calls in progress are dropped without a record. */
  remove(taskId: string): void {
    const run = this.runs.get(taskId);
    if (!run) return;
    this.runs.delete(taskId);
    this.inFlight = this.inFlight.filter((f) => f.run !== run);
  }

  /** Replays simulated time from the last tick to clock.now(); returns the calls that ended. */
  tick(): SimCall[] {
    const now = this.clock.nowMs();
    const completed: SimCall[] = [];
    if (now < this.cursor) return completed;
    for (const run of this.runs.values()) {
      run.active = run.task.isRunning();
      run.window = null;
      if (!run.active) run.since = Math.max(run.since, now);
    }

    let t = this.cursor;
    for (;;) {
      for (const run of this.runs.values()) this.fill(run, t);
      let next = Infinity;
      for (const f of this.inFlight) next = Math.min(next, f.call.endedAt.getTime());
      for (const run of this.runs.values()) next = Math.min(next, this.nextStart(run, t));
      if (next > now) break;
      if (completed.length >= MAX_CALLS_PER_TICK) {
        this.cursor = t;
        return completed;
      }
      t = next;
      this.endCallsUntil(t, completed);
    }
    this.cursor = now;
    for (const run of this.runs.values()) this.checkDrained(run);
    return completed;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (err) {
        console.error(`[sim] dialing tick failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }, this.config.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Starts calls at simulated time t while the task has lines free, numbers due and an open window. */
  private fill(run: TaskRun, t: number): void {
    if (!run.active || t < run.since) return;
    while (run.inFlight < lines(run.task)) {
      if (!this.hasDue(run, t)) return;
      if (!this.windowAt(run, t).open) return;
      const order = this.takeDue(run, t);
      if (!order) return;
      this.startCall(run, order, t);
    }
  }

  /** Earliest simulated time after t at which this task could start a call, Infinity if none is pending. */
  private nextStart(run: TaskRun, t: number): number {
    if (!run.active || run.inFlight >= lines(run.task)) return Infinity;
    let at: number;
    if (this.peekFresh(run)) at = Math.max(t, run.since);
    else {
      const retry = this.peekRetry(run);
      if (!retry) return Infinity;
      at = Math.max(t, run.since, retry.notBefore ?? 0);
    }
    const window = this.windowAt(run, at);
    if (!window.open) at = window.until;
    // fill() already ran at t, so a start at t is not possible; never let the replay stand still.
    return at > t ? at : t + 1000;
  }

  /**
   * Whether the task may dial at t, and until when that stays true. One nextWindow call answers a
   * whole interval, so replaying a long closed stretch (a night, a holiday) costs one lookup.
   */
  private windowAt(run: TaskRun, t: number): { open: boolean; until: number } {
    const cached = run.window;
    if (cached && cached.from <= t && t < cached.until) return cached;
    const next = nextWindow(run.task.group, new Date(t), this.calendar);
    if (!next) run.window = { from: t, until: Infinity, open: false };
    else if (next.start.getTime() <= t) run.window = { from: t, until: next.end.getTime(), open: true };
    else run.window = { from: t, until: next.start.getTime(), open: false };
    return run.window;
  }

  private hasDue(run: TaskRun, t: number): boolean {
    if (this.peekFresh(run)) return true;
    const retry = this.peekRetry(run);
    return retry !== null && (retry.notBefore ?? 0) <= t;
  }

  /** Never-dialled orders first in list order, then retries whose gap has passed. */
  private takeDue(run: TaskRun, t: number): DialOrder | null {
    const fresh = this.peekFresh(run);
    if (fresh) {
      run.freshFrom++;
      return fresh;
    }
    const retry = this.peekRetry(run);
    if (retry && (retry.notBefore ?? 0) <= t) {
      run.retries.shift();
      return retry;
    }
    return null;
  }

  private peekFresh(run: TaskRun): DialOrder | null {
    const orders = run.task.orders;
    while (run.freshFrom < orders.length) {
      const o = orders[run.freshFrom];
      if (!o.finished && o.attempts === 0 && !this.isDialling(run, o)) return o;
      run.freshFrom++;
    }
    return null;
  }

  private peekRetry(run: TaskRun): DialOrder | null {
    while (run.retries.length > 0) {
      const o = run.retries[0];
      if (!o.finished && o.attempts < run.task.maxAttempts) return o;
      // Finished elsewhere (e.g. a stopped order) or the task's attempts were lowered.
      if (!o.finished) o.finished = true;
      run.retries.shift();
    }
    return null;
  }

  private isDialling(run: TaskRun, o: DialOrder): boolean {
    return run.inFlight > 0 && this.inFlight.some((f) => f.run === run && f.order.id === o.id);
  }

  private startCall(run: TaskRun, order: DialOrder, t: number): void {
    const { answerProbability, callSeconds } = this.config;
    const attempt = order.attempts + 1;
    const answered = this.random() < answerProbability;
    let outcome: CallOutcome = "answered";
    let answeredAt: Date | null = null;
    let endedMs: number;
    let durationSec = 0;
    if (answered) {
      const answeredMs = t + this.uniformSeconds(ANSWER_RING_SECONDS) * 1000;
      durationSec = this.uniformSeconds([callSeconds.min, callSeconds.max]);
      answeredAt = new Date(answeredMs);
      endedMs = answeredMs + durationSec * 1000;
    } else {
      const kind = this.pickUnanswered();
      outcome = kind.outcome;
      endedMs = t + this.uniformSeconds(kind.ringSeconds) * 1000;
    }
    const call: SimCall = {
      callId: `${run.task.id}-${order.id}-${attempt}`,
      taskId: run.task.id,
      orderId: order.id,
      phone: order.phone,
      outcome,
      startedAt: new Date(t),
      answeredAt,
      endedAt: new Date(endedMs),
      durationSec,
      attempt,
      orderFinished: false,
    };
    run.inFlight++;
    this.inFlight.push({ run, order, call, seq: this.seq++ });
  }

  /** Ends, in chronological order, the calls that have ended by t, within the tick's budget. */
  private endCallsUntil(t: number, completed: SimCall[]): void {
    const ending = this.inFlight
      .filter((f) => f.call.endedAt.getTime() <= t)
      .sort((a, b) => a.call.endedAt.getTime() - b.call.endedAt.getTime() || a.seq - b.seq)
      .slice(0, MAX_CALLS_PER_TICK - completed.length);
    if (ending.length === 0) return;
    const done = new Set(ending);
    this.inFlight = this.inFlight.filter((f) => !done.has(f));
    for (const f of ending) {
      const { run, call, order } = f;
      run.inFlight--;
      if (this.runs.get(run.task.id) !== run) continue;
      order.attempts = call.attempt;
      if (call.outcome === "answered") {
        order.answered = true;
        order.finished = true;
      } else if (order.attempts >= run.task.maxAttempts) {
        order.finished = true;
      } else if (!order.finished) {
        order.notBefore = call.endedAt.getTime() + run.task.retryGapMinutes * 60_000;
        run.retries.push(order);
      }
      call.orderFinished = order.finished;
      completed.push(call);
      this.onCall(run.task, call);
      this.checkDrained(run);
    }
  }

  private checkDrained(run: TaskRun): void {
    if (run.inFlight > 0 || this.peekFresh(run) || this.peekRetry(run)) {
      run.drained = false;
      return;
    }
    const orders = run.task.orders;
    if (run.drained || orders.length === 0 || !orders.every((o) => o.finished)) return;
    run.drained = true;
    this.onTaskDrained?.(run.task);
  }

  private uniformSeconds([min, max]: [number, number]): number {
    return Math.round(min + this.random() * Math.max(0, max - min));
  }

  private pickUnanswered(): (typeof UNANSWERED)[number] {
    let r = this.random() * UNANSWERED.reduce((sum, u) => sum + u.weight, 0);
    for (const u of UNANSWERED) {
      r -= u.weight;
      if (r < 0) return u;
    }
    return UNANSWERED[UNANSWERED.length - 1];
  }
}

/** Lines a task may use at once; a malformed concurrency dials nothing rather than stalling the replay. */
function lines(task: DialableTask): number {
  return Number.isFinite(task.concurrency) ? Math.max(0, Math.floor(task.concurrency)) : 0;
}
