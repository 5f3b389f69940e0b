import { NextResponse } from "next/server";
import { receiveWebhook, WEBHOOK_MAX_BYTES, type ReceiveOutcome } from "@/lib/server/mirror/webhooks";
import { failureResponse } from "@/lib/server/route-errors";
import { serverText } from "@/lib/server/texts";

export const dynamic = "force-dynamic";

const TOO_LARGE = () => failureResponse("INVALID", { status: 413, message: serverText("webhooks.tooLarge") });

const REPLAY_REFUSALS = new Set(["no-delivery-id", "stale", "reused-id"]);

/**
 * A delivery the inbox refused, in the route handlers' one error shape; the inbox's own answer (`ok: false`,
 * the refusal reason such as "stale" or "reused-id", `kept` for a verified body kept unparsed) rides along for
 * the sender.
 */
function refusal({ status, body }: ReceiveOutcome): NextResponse {
  const details = { ...body };
  if (status === 401) {
    const replay = body.error !== undefined && REPLAY_REFUSALS.has(body.error);
    return failureResponse("UNAUTHORIZED", { message: serverText(replay ? "webhooks.replayed" : "webhooks.unverified"), details });
  }
  if (status === 404) return failureResponse("NOT_FOUND", { message: serverText("webhooks.unknownAccount"), details });
  return failureResponse("INVALID", { status, message: serverText("webhooks.malformed"), details });
}

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
  if (Number(req.headers.get("content-length") ?? 0) > WEBHOOK_MAX_BYTES) return TOO_LARGE();
  const rawBody = await readLimited(req, WEBHOOK_MAX_BYTES);
  if (rawBody === null) return TOO_LARGE();
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => (headers[key] = value));
  const outcome = await receiveWebhook({ provider, accountId, headers, rawBody, query: new URL(req.url).searchParams });
  if (outcome.status !== 200) return refusal(outcome);
  return NextResponse.json(outcome.body, { headers: { "cache-control": "no-store" } });
}
