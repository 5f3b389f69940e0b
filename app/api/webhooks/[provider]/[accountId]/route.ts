import { NextResponse } from "next/server";
import { receiveWebhook, WEBHOOK_MAX_BYTES, webhookAnswer, webhookTooLarge } from "@/lib/server/mirror/webhooks";

export const dynamic = "force-dynamic";

/** An answer of webhooks.ts (the same the lean path sends), as Next's response. */
const respond = ({ status, body }: { status: number; body: unknown }) => NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });

/** The body as text, or null once it passes `limit` bytes (a missing or lying Content-Length included). */
async function readLimited(req: Request, limit: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Provider callbacks. Public: the provider authenticates with its signature (or Yunfu's token), checked by
 * the account's adapter. 200 as soon as the events are in the inbox; they are applied after the response.
 * `npm start` answers these on a lean path before Next (lib/server/mirror/webhook-http.ts, same rules); this
 * handler serves `next dev`/`next start` run on their own.
 */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string; accountId: string }> }) {
  const { provider, accountId } = await params;
  if (Number(req.headers.get("content-length") ?? 0) > WEBHOOK_MAX_BYTES) return respond(webhookTooLarge());
  const rawBody = await readLimited(req, WEBHOOK_MAX_BYTES);
  if (rawBody === null) return respond(webhookTooLarge());
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => (headers[key] = value));
  const outcome = await receiveWebhook({ provider, accountId, headers, rawBody, query: new URL(req.url).searchParams });
  return respond(webhookAnswer(outcome));
}
