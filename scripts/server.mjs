// The HTTP server in front of Next (started by scripts/start.ts). It does one thing `next start` cannot: it
// writes the TCP peer's address into x-dialboard-client-ip, replacing any copy a client sent, so sign-in
// throttling can key on the real client (lib/server/login-throttle.ts) rather than on a client-chosen
// X-Forwarded-For. Behind a reverse proxy you control, set DIALBOARD_TRUSTED_IP_HEADER instead.
// It also answers provider callbacks itself (POST /api/webhooks/…) on a lean path, before Next's request
// pipeline (lib/server/mirror/webhook-http.ts, issue 14): a dialler's callbacks arrive by thousands a second.
//   node scripts/server.mjs [--dev]     PORT, HOST as for `next start`
import { register } from "node:module";
import { setTimeout } from "node:timers";
import { setTimeout as sleep } from "node:timers/promises";
import { createServer } from "node:http";
import { Worker } from "node:worker_threads";
import path from "node:path";
import { URL } from "node:url";
import next from "next";
import { tsImport } from "tsx/esm/api";

// The webhook path is lib/server TypeScript loaded by tsx; "server-only" resolves to nothing here.
register("./server-only-hook.mjs", import.meta.url);

const CLIENT_IP_HEADER = "x-dialboard-client-ip";
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev, hostname, port, dir: path.resolve(import.meta.dirname, "..") });
const handle = app.getRequestHandler();
await app.prepare();
// After Next prepared its runtime (the AsyncLocalStorage that next/server needs when a module imports it).
// Loading it (tsx compiles lib/server) takes a while on a busy machine: the server listens meanwhile, and the
// callbacks that arrive wait for it rather than finding no server (a provider retries only a few times).
let webhooks = null;
// Stored callbacks are applied in a thread of their own (scripts/webhook-apply-worker.mjs).
const webhooksLoading = tsImport("../lib/server/mirror/webhook-http.ts", import.meta.url).then((m) => {
  m.applyWebhooksInThread(new Worker(new URL("./webhook-apply-worker.mjs", import.meta.url)));
  return (webhooks = m);
});
webhooksLoading.catch((e) => {
  console.error(e);
  process.exit(1);
});

const server = createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
  if (!webhooks && req.method === "POST" && (req.url ?? "").startsWith("/api/webhooks/")) {
    void webhooksLoading.then((m) => m.handleWebhookRequest(req, res));
  } else if (webhooks?.isWebhookRequest(req)) void webhooks.handleWebhookRequest(req, res);
  else void handle(req, res);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
}
server.listen(port, hostname, () => console.log(`Next ${dev ? "dev" : "production"} server on http://${hostname}:${port}`));

// Stored callbacks still being applied finish first (bounded); any left are applied by the next start's recovery.
// Kept-alive connections are closed, and the process leaves within 10 s whatever still runs.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 10_000).unref();
  server.close(() => void Promise.race([webhooks?.closeWebhooks(), sleep(5_000)]).finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 2_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Started by scripts/start.ts: when it is gone (killed without passing the signal on — tsx's CLI kills its child
// with SIGKILL when the child is slow to answer a relayed signal), this server stops too instead of holding
// its port as an orphan.
if (process.connected) process.on("disconnect", stop);
