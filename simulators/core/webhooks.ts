// Outbound webhooks of a simulator (task/order/call callbacks). Delivery is asynchronous and
// retried on a network error or non-2xx, as the providers do (docs/providers/research.md addendum §3 "Webhook
// retry": NXCLOUD sister products retry on non-200). Faults can duplicate or reorder deliveries so
// the app's dedupe and "never move backwards" rules are exercised.
import type { FaultInjector } from "./faults";

export interface WebhookDelivery {
  url: string;
  headers?: Record<string, string>;
  body: string;
}

export interface WebhookSenderOptions {
  faults: FaultInjector;
  /** Retries after the first attempt, default 3. */
  retries?: number;
  /** Real ms before the first retry, doubled for each further one. Default 1000. */
  backoffMs?: number;
  /** Real ms before one attempt is abandoned. Default 10 000. */
  timeoutMs?: number;
  log?: (msg: string) => void;
}

interface Pending extends WebhookDelivery {
  /** Attempts made so far. */
  attempts: number;
}

export class WebhookSender {
  /** Successful (2xx) deliveries, duplicates included. */
  delivered = 0;
  /** Deliveries given up after the last retry. */
  failed = 0;

  private readonly faults: FaultInjector;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly log: (msg: string) => void;
  private readonly logRetries: boolean;
  private queue: Pending[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private flushing = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: WebhookSenderOptions) {
    this.faults = opts.faults;
    this.retries = opts.retries ?? 3;
    this.backoffMs = opts.backoffMs ?? 1000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.log = opts.log ?? ((msg) => console.error(msg));
    // Each retry is news to a test that passed its own log; on the console only a delivery given up is
    // (the embedded demo starts the simulators a moment before the app listens). SIM_VERBOSE=1 shows all.
    this.logRetries = opts.log !== undefined || process.env.SIM_VERBOSE === "1";
  }

  /** Queues one POST. Returns at once; delivery happens in the background. */
  send(d: WebhookDelivery): void {
    if (this.stopped) return;
    this.queue.push({ ...d, attempts: 0 });
    if (this.faults.random() < this.faults.config.webhookDuplicateRate) this.queue.push({ ...d, attempts: 0 });
    this.scheduleFlush();
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  flush(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops everything queued and pending retries; later sends are ignored. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && !this.flushing && this.retryTimers.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    // Let the caller finish its burst of send()s first, so reordering has something to shuffle.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue;
      this.queue = [];
      if (this.faults.config.webhookReorder) shuffle(batch, () => this.faults.random());
      for (const delivery of batch) {
        if (this.stopped) break;
        await this.attempt(delivery);
      }
    }
    this.flushing = false;
    this.notifyIfIdle();
  }

  private async attempt(d: Pending): Promise<void> {
    d.attempts++;
    let problem: string;
    try {
      const res = await fetch(d.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", ...d.headers },
        body: d.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        this.delivered++;
        return;
      }
      problem = `HTTP ${res.status}`;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const target = redactUrl(d.url);
    if (d.attempts > this.retries) {
      this.failed++;
      this.log(`[sim] webhook to ${target} failed after ${d.attempts} attempts: ${problem}`);
      return;
    }
    const delay = this.backoffMs * 2 ** (d.attempts - 1);
    if (this.logRetries) this.log(`[sim] webhook to ${target} failed (${problem}), retry ${d.attempts}/${this.retries} in ${delay} ms`);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (this.stopped) return;
      this.queue.push(d);
      this.scheduleFlush();
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Webhook URLs may carry tokens in the query string; logs show origin and path only. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid url)";
  }
}
