// The thread that applies stored provider callbacks for the server in scripts/server.mjs (issue 14 goal 1;
// lib/server/mirror/apply-thread.ts is the other end). Applying a batch is database work through Prisma: on
// SQLite it waits for the write lock in SQLite's busy handler, which sleeps the thread it runs on. Here that is
// this thread, never the one that reads callbacks and acknowledges them. One batch at a time, in the order sent.
import { register } from "node:module";
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

register("./server-only-hook.mjs", import.meta.url);
const webhooks = await tsImport("../lib/server/mirror/webhooks.ts", import.meta.url);

parentPort.on("message", ({ id, batch }) => {
  webhooks.applyWebhookBatch(batch).then(
    () => parentPort.postMessage({ id }),
    (e) => parentPort.postMessage({ id, error: String(e?.message ?? e) }),
  );
});
