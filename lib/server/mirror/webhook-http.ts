// Provider callbacks on a lean path in front of Next's request pipeline (issue 14 goal 1): scripts/server.mjs
// hands POST /api/webhooks/<provider>/<accountId> here, and everything else to Next. The rules are the route
// handler's (app/api/webhooks/…/route.ts, kept for `next dev`/`next start` without this server): the same
// receiveWebhook, the same 413 on a body over WEBHOOK_MAX_BYTES (a missing or lying Content-Length included),
// the same answers (webhookAnswer). Routing a callback through Next costs more than verifying and storing it.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Worker } from "node:worker_threads";
import { GENERIC_FAILURE } from "../errors";
import { logger } from "../logger";
import { applyInThread } from "./apply-thread";
import { closeInbox } from "./inbox";
import { flushWebhookApplies, receiveWebhook, WEBHOOK_MAX_BYTES, webhookAnswer, webhookTooLarge } from "./webhooks";

const WEBHOOK_PATH = /^\/api\/webhooks\/([^/]+)\/([^/]+)\/?$/;

/** The requests this path answers: a POST to a callback URL. */
export function isWebhookRequest(req: IncomingMessage): boolean {
  return req.method === "POST" && (req.url ?? "").startsWith("/api/webhooks/");
}

function send(res: ServerResponse, { status, body }: { status: number; body: unknown }, close = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(json),
    // A body left unread cannot stay on a kept-alive connection.
    ...(close ? { connection: "close" } : {}),
  });
  res.end(json);
}

/** The body, or null once it passes `limit` bytes. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

function paramOf(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export async function handleWebhookRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = WEBHOOK_PATH.exec(url.pathname);
    const provider = match && paramOf(match[1]);
    const accountId = match && paramOf(match[2]);
    if (!provider || !accountId) return send(res, webhookAnswer({ status: 404, body: { ok: false, error: "unknown account" } }));
    const tooLarge = () => send(res, webhookTooLarge(), true);
    if (Number(req.headers["content-length"] ?? 0) > WEBHOOK_MAX_BYTES) return tooLarge();
    const body = await readLimited(req, WEBHOOK_MAX_BYTES);
    if (body === null) return tooLarge();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    const outcome = await receiveWebhook({ provider, accountId, headers, rawBody: body.toString("utf8"), query: url.searchParams });
    send(res, webhookAnswer(outcome));
  } catch (e) {
    logger.error({ err: (e as Error)?.message }, "webhook request failed");
    if (!res.headersSent) send(res, { status: 500, body: GENERIC_FAILURE }, true);
  }
}

let stopApplyThread: (() => Promise<void>) | null = null;

/** Stored callbacks are applied in `worker` (scripts/webhook-apply-worker.mjs) from now on: apply-thread.ts. */
export function applyWebhooksInThread(worker: Worker): void {
  stopApplyThread = applyInThread(worker);
}

/** Shutdown: applies in flight finish, the apply thread ends, the inbox's connection closes. */
export async function closeWebhooks(): Promise<void> {
  await flushWebhookApplies();
  await stopApplyThread?.();
  await closeInbox();
}
