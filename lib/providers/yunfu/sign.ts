// Yunfu authentication. Requests carry `Authorization: Bearer <token>` (every sample in the docs);
// the token is read from the Yunfu console, it is not issued by an API (addendum §1 "Token").
//
// Callbacks: whether Yunfu signs them is NOT FOUND (docs/providers/research.md §1, addendum §1). Our own rule: the
// callback URL we give Yunfu carries the account's callback token as `?token=`, and a callback without the
// right token is refused. An account with no token configured accepts no callback at all: an unsigned
// "task deleted" from anyone would otherwise remove a real task from the mirror.
import { timingSafeEqual } from "node:crypto";

export function bearerHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" };
}

/** True only when a token is configured and the callback's `?token=` is exactly it (constant time). */
export function verifyCallbackToken(configured: string | undefined, sent: string | undefined): boolean {
  if (!configured || !sent) return false;
  const a = Buffer.from(sent, "utf8");
  const b = Buffer.from(configured, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
