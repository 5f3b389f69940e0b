// The account a webhook names, with its adapter and decrypted credentials, kept for a moment: reading and
// decrypting the account for every delivery would cost more than storing the delivery. A change to an
// account (a rotated secret, a callback token set) is seen within ACCOUNT_TTL_MS, here and in every other
// instance. Unknown ids are remembered too (a flood of made-up ids costs one lookup per id per TTL), in a
// bounded map.
import "server-only";
import { AppError } from "../errors";
import { providerContextFor } from "../services/provider-accounts";

export const ACCOUNT_TTL_MS = 1_000;
const MAX_ENTRIES = 10_000;

type Context = Awaited<ReturnType<typeof providerContextFor>>;

const cache = new Map<string, { until: number; context: Promise<Context | null> }>();

/** The account's provider context, or null when no such account exists. */
export function webhookAccount(accountId: string, now = Date.now()): Promise<Context | null> {
  const hit = cache.get(accountId);
  if (hit && hit.until > now) return hit.context;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const context = providerContextFor(accountId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    cache.delete(accountId);
    throw e;
  });
  cache.set(accountId, { until: now + ACCOUNT_TTL_MS, context });
  return context;
}

/** Forgets every cached account (tests that change an account and deliver at once). */
export function forgetWebhookAccounts(): void {
  cache.clear();
}
