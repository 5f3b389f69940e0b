// Replay refusal for signed webhooks (issue 12 point 7), Stripe-style: a delivery whose signing time is more
// than REPLAY_WINDOW_MS from our clock is refused, and a delivery id already seen within the window with a
// different body is refused. The same id with the same body is the sender retrying: it passes, and the
// inbox's dedupe key acknowledges it without applying it twice. The window is checked here; the id rule is
// applied by the inbox's group commit (inbox.ts), in the transaction that stores the delivery's events.
import "server-only";
import { createHash } from "node:crypto";
import type { WebhookDelivery } from "../../providers/types";
import { getDb } from "../db";

export const REPLAY_WINDOW_MS = 10 * 60_000;

export type DeliveryVerdict = { ok: true } | { ok: false; reason: "no-delivery-id" | "stale" | "reused-id" };

export function bodyHash(rawBody: string): string {
  return createHash("sha256").update(rawBody, "utf8").digest("hex");
}

/** Signed within the window around our clock (either side: a sender's clock may run ahead). */
export function withinReplayWindow(sentAt: Date, now: Date): boolean {
  const t = sentAt.getTime();
  return Number.isFinite(t) && Math.abs(now.getTime() - t) <= REPLAY_WINDOW_MS;
}

/**
 * The checks a delivery passes before it is stored: it names an id, and it was signed within the window. The
 * id-reuse rule is enforced where the id is recorded, in the same transaction as the delivery's events
 * (inbox.ts): the id is inserted with the body's hash; when it was already there, the delivery is admitted
 * only if the stored hash is its own (the sender retrying), and refused as "reused-id" otherwise.
 */
export function deliveryVerdict(delivery: WebhookDelivery | null, now: Date): DeliveryVerdict {
  if (!delivery) return { ok: false, reason: "no-delivery-id" };
  if (!withinReplayWindow(delivery.sentAt, now)) return { ok: false, reason: "stale" };
  return { ok: true };
}

/**
 * Forgets delivery ids older than twice the window (the scheduler calls it): such a delivery is refused as
 * stale anyway, so its id no longer needs remembering.
 */
export async function pruneDeliveries(now: Date): Promise<number> {
  const res = await getDb().webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 2 * REPLAY_WINDOW_MS) } } });
  return res.count;
}
