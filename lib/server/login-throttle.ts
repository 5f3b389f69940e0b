// Failed sign-ins are counted per email in the rateLimit table: after MAX_FAILURES within WINDOW the
// email is refused for the rest of the window, whatever IP or header the attempts come from.
import { getDb } from "./db";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

const key = (email: string) => `login-fail:${email}`;

/** Seconds to wait before another attempt for this email is accepted; 0 = go ahead. */
export async function loginThrottled(email: string, now = Date.now()): Promise<number> {
  if (!email) return 0;
  const row = await getDb().rateLimit.findUnique({ where: { key: key(email) }, select: { count: true, lastRequest: true } });
  if (!row || row.count < MAX_FAILURES) return 0;
  const until = Number(row.lastRequest) + WINDOW_MS;
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordLoginFailure(email: string, now = Date.now()): Promise<void> {
  if (!email) return;
  const db = getDb();
  const existing = await db.rateLimit.findUnique({ where: { key: key(email) }, select: { count: true, lastRequest: true } });
  const expired = existing && Number(existing.lastRequest) + WINDOW_MS < now;
  await db.rateLimit.upsert({
    where: { key: key(email) },
    create: { id: crypto.randomUUID(), key: key(email), count: 1, lastRequest: BigInt(now) },
    update: expired ? { count: 1, lastRequest: BigInt(now) } : { count: { increment: 1 }, lastRequest: BigInt(now) },
  });
}

export async function clearLoginFailures(email: string): Promise<void> {
  if (!email) return;
  await getDb().rateLimit.deleteMany({ where: { key: key(email) } });
}
