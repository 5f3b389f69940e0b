// Yunfu authentication. Requests carry `Authorization: Bearer <token>` (every sample in the docs);
// the token is read from the Yunfu console, it is not issued by an API (addendum §1 "Token").
//
// Callbacks: whether Yunfu signs them is NOT FOUND (providers.md §1, addendum §1). Our own choice:
// when the account has a callbackSecret, the callback must carry it in the x-dialboard-token
// header (set on the receiving side of the callback URL); without one, callbacks are accepted.
import { timingSafeEqual } from "node:crypto";

export const CALLBACK_TOKEN_HEADER = "x-dialboard-token";

export function bearerHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" };
}

export function verifyCallbackToken(
  callbackSecret: string | undefined,
  headers: Record<string, string | undefined>,
): boolean {
  if (!callbackSecret) return true;
  const sent = Object.entries(headers).find(([name]) => name.toLowerCase() === CALLBACK_TOKEN_HEADER)?.[1];
  if (!sent) return false;
  const a = Buffer.from(sent, "utf8");
  const b = Buffer.from(callbackSecret, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
