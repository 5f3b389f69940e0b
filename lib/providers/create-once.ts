// One rule for writes that must not be applied twice (task creates, time-group creates): when the answer to a
// create is lost (ProviderError.mayHaveApplied: a timeout, a connection dropped after sending, 5xx, 429), the
// create is looked for at the provider before it is sent again, and it is sent again at most once. How a lost
// create is found again is the one thing each provider decides (`findLanded`): NXCloud by the userTaskID we
// choose, Alibaba and Yunfu by a task of that name that did not exist before we sent (see `newSince`).
import { ProviderError } from "./errors";

export interface CreateOnceOptions<T, S> {
  /** Read before sending, handed to findLanded (e.g. which same-named tasks already existed). */
  before?: () => Promise<S>;
  send: () => Promise<T>;
  /** The result of a send whose answer was lost, or null when it did not land. */
  findLanded: (before: S) => Promise<T | null>;
}

export const mayHaveApplied = (e: unknown): boolean => e instanceof ProviderError && e.mayHaveApplied;

export async function createOnce<T, S = undefined>(opts: CreateOnceOptions<T, S>): Promise<T> {
  const before = (opts.before ? await opts.before() : undefined) as S;
  for (let attempt = 1; ; attempt++) {
    try {
      return await opts.send();
    } catch (e) {
      if (!mayHaveApplied(e)) throw e;
      const landed = await opts.findLanded(before);
      if (landed !== null) return landed;
      if (attempt >= 2) throw e;
    }
  }
}

/**
 * For providers that take no idempotency key: the ids of tasks bearing a name before a create, so a task of
 * that name found after a lost answer is ours exactly when its id is new. No clock is compared: the
 * provider's CreateTime is on its clock and our "now" on ours; a real host's clock can be minutes off (and a
 * simulator's runs accelerated), so a window on either would take the wrong task or miss ours.
 */
export function newSince<T>(before: ReadonlySet<string>, candidates: T[], idOf: (t: T) => string): T[] {
  return candidates.filter((t) => !before.has(idOf(t)));
}
