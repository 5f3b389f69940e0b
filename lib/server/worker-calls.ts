// Request and reply over a worker thread's messages (the webhook inbox's SQLite writer, the new-rows writer):
// each call carries an id, the worker answers with it. When the worker fails or exits, every call waiting and
// every later one is refused with that reason instead of waiting for an answer that cannot come.
import "server-only";
import type { Worker } from "node:worker_threads";

export function workerCalls<R extends { id: number }>(worker: Worker, name: string): (message: object) => Promise<R> {
  const waiting = new Map<number, { resolve: (r: R) => void; reject: (e: unknown) => void }>();
  let next = 0;
  let stopped: Error | null = null;
  const failAll = (e: Error) => {
    stopped = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on("message", (r: R) => {
    waiting.get(r.id)?.resolve(r);
    waiting.delete(r.id);
  });
  worker.on("error", failAll);
  worker.on("exit", () => failAll(new Error(`${name} stopped`)));
  return (message) =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = ++next;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
}
