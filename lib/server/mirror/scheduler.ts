// The scheduled side of the mirror: every DIALBOARD_SYNC_INTERVAL_SEC, sync all enabled accounts (each run
// takes its account's lease, so several instances share the work without doubling it), apply inbox rows a
// crash left unapplied, and drop what is past its keeping time (idempotency keys, delivery ids, applied inbox
// rows). Started once per server process by instrumentation.ts. With several instances (issue 14 goal 6) each
// one ticks, and the first to claim the current interval runs its pass: one pass per interval in all, whichever
// instances are up.
import "server-only";
import { Cron } from "croner";
import { syncIntervalSec } from "../config";
import { getDb } from "../db";
import { pruneIdempotencyKeys } from "../idempotency";
import { logger } from "../logger";
import { claimLease, leaseOwner } from "./lease";
import { syncAllAccounts } from "./sync";
import { pruneDeliveries } from "./webhook-replay";
import { applyPendingInbox, pruneAppliedInbox } from "./webhooks";

/** One pass: recover the inbox, drop what is past its keeping time, then sync. Skipped entirely while no account exists (a fresh install). */
export async function runScheduledPass(now = new Date()): Promise<{ recovered: number; synced: number }> {
  await pruneIdempotencyKeys(now);
  if ((await getDb().providerAccount.count({ where: { enabled: true } })) === 0) return { recovered: 0, synced: 0 };
  const recovered = await applyPendingInbox(now);
  await pruneDeliveries(now);
  await pruneAppliedInbox(now);
  const results = await syncAllAccounts("schedule");
  return { recovered, synced: results.filter((r) => r.status === "ok").length };
}

/**
 * The pass of the interval `now` falls in, if no instance ran it yet: intervals are aligned on the clock
 * (slot = floor(now / interval)), and the slot is claimed with the lease `mirror-schedule`, which expires
 * just before the next slot begins. null: another instance (or an earlier tick) has this interval's pass.
 */
export async function runScheduledPassOncePerInterval(intervalSec: number, now = new Date()): Promise<{ recovered: number; synced: number } | null> {
  const intervalMs = intervalSec * 1000;
  const slotStart = new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
  if (!(await claimLease("mirror-schedule", leaseOwner(), intervalMs - 1, slotStart))) return null;
  return runScheduledPass(now);
}

const globalForScheduler = globalThis as unknown as { dialboardMirrorCron?: Cron };

/** Starts the job (idempotent across hot reloads); null when the interval is 0 (scheduling off). */
export function startMirrorScheduler(intervalSec = syncIntervalSec()): Cron | null {
  if (intervalSec <= 0) return null;
  globalForScheduler.dialboardMirrorCron ??= new Cron(
    // croner: the interval option runs the pattern's matches at most every N seconds.
    "* * * * * *",
    // protect: a pass still running when the next is due is not started twice in this process.
    { interval: intervalSec, protect: true, name: "dialboard-mirror", catch: (e) => logger.error({ err: (e as Error).message }, "scheduled sync failed") },
    async () => {
      await runScheduledPassOncePerInterval(intervalSec);
    },
  );
  return globalForScheduler.dialboardMirrorCron;
}

export function stopMirrorScheduler(): void {
  globalForScheduler.dialboardMirrorCron?.stop();
  globalForScheduler.dialboardMirrorCron = undefined;
}
