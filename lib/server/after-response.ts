// Work that runs after the response (STYLE.md, dub): audit writes, applying webhook events, a sync started by
// "Sync now". Inside a request it is handed to next/server after(), so the user never waits for it; outside
// one (jobs, scripts, tests) it starts at once in the background. Each kind of work keeps its own set of
// pending promises, so tests and shutdown can wait for exactly that kind (flush).
import { after } from "next/server";
import { logger } from "./logger";

export class AfterResponse {
  private readonly pending = new Set<Promise<void>>();

  /** `what` names the work in the log when it fails. */
  constructor(private readonly what: string) {}

  /** Runs `work` once the response is sent. */
  run(work: () => Promise<unknown>): void {
    const start = () => this.track(work()).then(
      () => undefined,
      () => undefined,
    );
    try {
      after(start);
    } catch {
      // Outside a request: nothing to wait for, start now.
      void start();
    }
  }

  /** Tracks work already started (it may outlive the request that started it); returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const tracked: Promise<void> = work
      .then(
        () => undefined,
        (e: unknown) => logger.error({ err: (e as Error)?.message, what: this.what }, "background work failed"),
      )
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return work;
  }

  /** Waits until no work of this kind is pending (tests, benchmarks, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
