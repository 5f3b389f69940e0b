// Sign-in throttling (issue 12 point 6), atomic and fair:
// - every password check is reserved BEFORE it runs, with a compare-and-set on a counter row, so a burst of
//   concurrent attempts cannot all slip past the check (20 at once: 5 are checked, 15 refused);
// - the counter is keyed on email + client, and the delay grows with each failure (30 s, 1 min, 2 min … up to
//   15 min): someone who only knows the administrator's email slows down their own attempts, never the
//   administrator's from another client;
// - a client is also limited across emails (IP_FREE_FAILURES), so one client cannot try every address.
// The client is the socket address (set by scripts/server.mjs in CLIENT_IP_HEADER) or, behind a reverse proxy
// you control, the header it sets (DIALBOARD_TRUSTED_IP_HEADER). A client-sent X-Forwarded-For is never used.
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "./db";
import { isUniqueViolation } from "./errors";

/** Set by scripts/server.mjs from the TCP socket; any copy a client sends is overwritten there. */
export const CLIENT_IP_HEADER = "x-dialboard-client-ip";

/** Failed checks of one email from one client before delays start. */
export const FREE_FAILURES = 5;
/** Failed checks from one client, all emails together, before delays start. */
export const IP_FREE_FAILURES = 30;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
/** A streak of failures this old is forgiven. */
const FORGET_AFTER_MS = 60 * 60_000;
const CAS_ROUNDS = 64;

/** The header that names the client: the trusted proxy's when configured, else our socket header. */
export function clientIpHeader(): string {
  return (process.env.DIALBOARD_TRUSTED_IP_HEADER || CLIENT_IP_HEADER).toLowerCase();
}

/** The client's address from the request headers, or "unknown" (then all such clients share one bucket). */
export function clientIp(headers: Headers | null | undefined): string {
  const value = headers?.get(clientIpHeader()) ?? "";
  // A proxy appends the address it saw to a list: the last entry is the one the trusted proxy wrote.
  const last = value.split(",").map((v) => v.trim()).filter(Boolean).at(-1) ?? "";
  return last.replace(/^::ffff:/, "").slice(0, 64) || "unknown";
}

/** How long after the latest of `failures` failures the next check may run. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** Math.min(failures - free, 20), MAX_DELAY_MS);
}

const emailKey = (email: string, client: string) => `login:${email}:${client}`;
const clientKey = (client: string) => `login-client:${client}`;

/**
 * Reserves one check on `key`: counts it (as a failure until it succeeds) and returns 0, or returns the
 * seconds to wait. Compare-and-set on (count, lastRequest): of concurrent reservations each sees the others.
 */
async function reserve(key: string, free: number, now: number): Promise<number> {
  const db = getDb();
  for (let round = 0; round < CAS_ROUNDS; round++) {
    const row = await db.rateLimit.findUnique({ where: { key }, select: { count: true, lastRequest: true } });
    if (!row) {
      try {
        await db.rateLimit.create({ data: { id: randomUUID(), key, count: 1, lastRequest: BigInt(now) } });
        return 0;
      } catch (e) {
        if (isUniqueViolation(e)) continue;
        throw e;
      }
    }
    const last = Number(row.lastRequest);
    const failures = now - last > FORGET_AFTER_MS ? 0 : row.count;
    const wait = last + delayAfter(failures, free) - now;
    if (wait > 0) return Math.ceil(wait / 1000);
    const taken = await db.rateLimit.updateMany({
      where: { key, count: row.count, lastRequest: row.lastRequest },
      data: { count: failures + 1, lastRequest: BigInt(Math.max(now, last)) },
    });
    if (taken.count === 1) return 0;
  }
  // Contention beyond reason: treat as throttled rather than let the check through unreserved.
  return 1;
}

async function release(key: string): Promise<void> {
  await getDb().rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/**
 * Before a password is checked: 0 = go ahead (the attempt now counts as a failure until loginSucceeded), or
 * the seconds this client must wait for this email.
 */
export async function reserveLoginAttempt(email: string, client: string, now = Date.now()): Promise<number> {
  const fromClient = await reserve(clientKey(client), IP_FREE_FAILURES, now);
  if (fromClient > 0) return fromClient;
  const forEmail = await reserve(emailKey(email, client), FREE_FAILURES, now);
  if (forEmail > 0) await release(clientKey(client));
  return forEmail;
}

/** After a successful sign-in: this email's streak from this client is over, and the client's check is not a failure. */
export async function loginSucceeded(email: string, client: string): Promise<void> {
  await getDb().rateLimit.deleteMany({ where: { key: emailKey(email, client) } });
  await release(clientKey(client));
}
