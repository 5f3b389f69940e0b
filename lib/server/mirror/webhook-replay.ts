// Replay refusal for signed webhooks (issue 12 point 7), Stripe-style: a delivery whose signing time is more
// than REPLAY_WINDOW_MS from our clock is refused, and a delivery id already seen within the window with a
// different body is refused. The same id with the same body is the sender retrying: it passes, and the
// inbox's dedupe key acknowledges it without applying it twice. The rules live here, apart from the route,
// so a faster ingestion path can call them as they are.
import "server-only";
import { createHash } from "node:crypto";
import type { WebhookDelivery } from "../../providers/types";
import { getDb } from "../db";
import { isUniqueViolation } from "../errors";

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
 * Admits one verified delivery or says why not. The id is recorded with a hash of the body in one insert; a
 * concurrent second insert of the same id fails on the unique (accountId, deliveryId) and is compared then.
 */
export async function admitDelivery(accountId: string, delivery: WebhookDelivery | null, rawBody: string, now: Date): Promise<DeliveryVerdict> {
  if (!delivery) return { ok: false, reason: "no-delivery-id" };
  if (!withinReplayWindow(delivery.sentAt, now)) return { ok: false, reason: "stale" };
  const hash = bodyHash(rawBody);
  const db = getDb();
  try {
    await db.webhookDelivery.create({ data: { accountId, deliveryId: delivery.id, bodyHash: hash, sentAt: delivery.sentAt, receivedAt: now } });
    return { ok: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const seen = await db.webhookDelivery.findUnique({ where: { accountId_deliveryId: { accountId, deliveryId: delivery.id } }, select: { bodyHash: true } });
  return seen?.bodyHash === hash ? { ok: true } : { ok: false, reason: "reused-id" };
}

/**
 * Forgets delivery ids older than twice the window (the scheduler calls it): such a delivery is refused as
 * stale anyway, so its id no longer needs remembering.
 */
export async function pruneDeliveries(now: Date): Promise<number> {
  const res = await getDb().webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 2 * REPLAY_WINDOW_MS) } } });
  return res.count;
}
