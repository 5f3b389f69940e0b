import { NextResponse } from "next/server";
import { applyAfterResponse, receiveWebhook, WEBHOOK_MAX_BYTES } from "@/lib/server/mirror/webhooks";

export const dynamic = "force-dynamic";

const TOO_LARGE = () => NextResponse.json({ ok: false, error: "body too large" }, { status: 413 });

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
 */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string; accountId: string }> }) {
  const { provider, accountId } = await params;
  if (Number(req.headers.get("content-length") ?? 0) > WEBHOOK_MAX_BYTES) return TOO_LARGE();
  const rawBody = await readLimited(req, WEBHOOK_MAX_BYTES);
  if (rawBody === null) return TOO_LARGE();
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => (headers[key] = value));
  const outcome = await receiveWebhook({ provider, accountId, headers, rawBody, query: new URL(req.url).searchParams });
  applyAfterResponse(outcome.toApply);
  return NextResponse.json(outcome.body, { status: outcome.status, headers: { "cache-control": "no-store" } });
}
