// Stored callbacks applied in a thread of their own (issue 14 goal 1): scripts/server.mjs starts
// scripts/webhook-apply-worker.mjs and hands it here. The acknowledging thread then only verifies, stores and
// answers; the applies' Prisma work — and on SQLite its waits for the write lock, which sleep the thread they run
// on (docs/stack.md, "SQLite with several writers") — happen beside it. The queue, its batching and its order stay
// in webhooks.ts: a batch goes to the thread and the next one waits for its answer.
// If the thread fails, batches are applied in this thread again; a batch it had not finished is applied here
// (rows it already marked applied are skipped, calls it already stored are not stored twice: webhooks.ts).
import "server-only";
import type { Worker } from "node:worker_threads";
import { logger } from "../logger";
import { applyWebhookBatch, useWebhookApplyRunner, type PendingApply } from "./webhooks";

interface Reply {
  id: number;
  error?: string;
}

/** From now on batches are applied in `worker`. Returns the stop: back to this thread, the worker ended. */
export function applyInThread(worker: Worker): () => Promise<void> {
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  let gone: Error | null = null;
  let stopping = false;
  const fail = (e: Error) => {
    if (!gone) {
      gone = e;
      useWebhookApplyRunner(null);
      if (!stopping) logger.error({ err: e.message }, "webhook apply thread stopped; applying in the server's thread");
    }
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on("message", (r: Reply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (r.error === undefined) w?.resolve();
    else w?.reject(new Error(r.error));
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`exited with code ${code}`)));
  worker.unref();

  const inThread = (batch: PendingApply[]) =>
    new Promise<void>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, batch });
    });
  useWebhookApplyRunner(async (batch) => {
    if (gone) return applyWebhookBatch(batch);
    try {
      await inThread(batch);
    } catch (e) {
      // The thread ended with this batch: apply it here. An error the thread answered is the batch's own.
      if (gone) return applyWebhookBatch(batch);
      throw e;
    }
  });
  return async () => {
    stopping = true;
    fail(new Error("stopped"));
    await worker.terminate();
  };
}
