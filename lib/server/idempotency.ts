// Writes that must happen once per submit (docs/design.md "Writing tasks: one pipeline"): the browser makes a key
// before its first submit and sends it again on every retry; the IdempotencyKey row of (scope, key) is the
// claim. Its primary key makes two concurrent submits collide in the database, not in a race between processes.
//
//   pending      → the first submit is writing; a second one waits for its answer (a double click)
//   applied      → the write landed; the steps after it (sending numbers) are running
//   interrupted  → the write landed but the steps after it failed: never written again (result: what was written)
//   done         → finished; every later submit answers with the stored result
//
// A pending claim that outlives its TTL belonged to an attempt that crashed before writing: it is taken over.
// An applied one that outlives it crashed after writing: it answers as interrupted.
import "server-only";
import { getDb } from "./db";
import { isUniqueViolation } from "./errors";

export type IdempotencyState = "pending" | "applied" | "interrupted" | "done";

export type ClaimOutcome<R> =
  /** This submit owns the key: write, then mark it applied/done (or release it on a failure before writing). */
  | { status: "claimed" }
  /** An earlier submit finished: answer with its result. */
  | { status: "done"; result: R }
  /** An earlier submit wrote but did not finish the steps after it: result is what it recorded. */
  | { status: "interrupted"; result: unknown }
  /** An earlier submit is still running after waitMs. */
  | { status: "busy" };

export interface ClaimOptions {
  scope: string;
  key: string;
  /** How long a pending claim may run before it counts as crashed. */
  pendingMs: number;
  /** How long a second submit waits for the first one's answer. */
  waitMs: number;
  pollMs?: number;
  now?: () => Date;
}

const at = (now: () => Date, plusMs: number) => new Date(now().getTime() + plusMs);

export async function claimIdempotencyKey<R>(opts: ClaimOptions): Promise<ClaimOutcome<R>> {
  const db = getDb();
  const now = opts.now ?? (() => new Date());
  const id = { scope_key: { scope: opts.scope, key: opts.key } };
  const deadline = now().getTime() + opts.waitMs;
  for (;;) {
    try {
      await db.idempotencyKey.create({ data: { scope: opts.scope, key: opts.key, state: "pending", expiresAt: at(now, opts.pendingMs) } });
      return { status: "claimed" };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await db.idempotencyKey.findUnique({ where: id, select: { state: true, result: true, expiresAt: true } });
    if (!row) continue;
    const state = row.state as IdempotencyState;
    const expired = row.expiresAt.getTime() < now().getTime();
    const result = JSON.parse(row.result ?? "null") as unknown;
    if (state === "done" && !expired) return { status: "done", result: result as R };
    if ((state === "interrupted" && !expired) || (state === "applied" && expired)) return { status: "interrupted", result };
    if (expired) {
      // A crashed attempt (pending) or a key past its keeping time (done, interrupted): take it over. The
      // condition on expiresAt lets exactly one of several racing submits win.
      const taken = await db.idempotencyKey.updateMany({
        where: { scope: opts.scope, key: opts.key, expiresAt: row.expiresAt },
        data: { state: "pending", result: null, expiresAt: at(now, opts.pendingMs) },
      });
      if (taken.count === 1) return { status: "claimed" };
      continue;
    }
    if (now().getTime() >= deadline) return { status: "busy" };
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 250));
  }
}

/** Records progress of the owner's write: what a later submit answers with, kept for ttlMs. */
export async function recordIdempotencyKey(
  opts: { scope: string; key: string; state: Exclude<IdempotencyState, "pending">; result: unknown; ttlMs: number; now?: () => Date },
): Promise<void> {
  await getDb().idempotencyKey.update({
    where: { scope_key: { scope: opts.scope, key: opts.key } },
    data: { state: opts.state, result: JSON.stringify(opts.result), expiresAt: at(opts.now ?? (() => new Date()), opts.ttlMs) },
  });
}

/** Nothing was written: the key is free again, so the corrected form can be sent with it. */
export async function releaseIdempotencyKey(scope: string, key: string): Promise<void> {
  await getDb().idempotencyKey.deleteMany({ where: { scope, key } });
}

/**
 * Housekeeping: keys past their keeping time. An expired "applied" key stays: its attempt crashed after writing,
 * and a resubmit must still be told so rather than write again.
 */
export async function pruneIdempotencyKeys(now = new Date()): Promise<number> {
  const { count } = await getDb().idempotencyKey.deleteMany({ where: { expiresAt: { lt: now }, state: { not: "applied" } } });
  return count;
}
