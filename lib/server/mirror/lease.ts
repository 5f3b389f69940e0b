// Job leases (docs/design.md "Runtime": two instances never run the same sync). A lease is one JobLease row;
// claiming it is a single conditional statement, so the database decides the winner, not the processes:
//   1. UPDATE … WHERE name = ? AND expiresAt < now  (take over an expired lease), or
//   2. INSERT (first claim ever) — a concurrent second INSERT fails on the primary key.
// On PostgreSQL the UPDATE re-checks its WHERE after waiting on a concurrent writer's row lock, so two
// processes racing for the same expired lease cannot both see count = 1.
import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb } from "../db";
import { isUniqueViolation } from "../errors";
import { logger } from "../logger";

/** Extends the lease by its TTL; false when it was lost (expired and taken over by another owner). */
export type RenewLease = () => Promise<boolean>;

/** A fresh owner name per job run: host and pid for people reading the table, a uuid so runs never share a lease. */
export function leaseOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID()}`;
}

export async function claimLease(name: string, owner: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const db = getDb();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.jobLease.updateMany({ where: { name, expiresAt: { lt: now } }, data: { owner, expiresAt } });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, owner, expiresAt } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export async function renewLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
  const res = await getDb().jobLease.updateMany({ where: { name, owner }, data: { expiresAt: new Date(Date.now() + ttlMs) } });
  return res.count === 1;
}

export async function releaseLease(name: string, owner: string): Promise<void> {
  await getDb().jobLease.deleteMany({ where: { name, owner } });
}

/**
 * Runs `fn` while holding the lease `name`; null (and `fn` not called) when another live owner holds it.
 * `fn` should call renew() as it makes progress, well within ttlMs. The lease is released afterwards, also
 * when `fn` throws; a crashed process's lease simply expires.
 */
export async function withLease<T>(name: string, owner: string, ttlMs: number, fn: (renew: RenewLease) => Promise<T>): Promise<T | null> {
  if (!(await claimLease(name, owner, ttlMs))) return null;
  try {
    return await fn(() => renewLease(name, owner, ttlMs));
  } finally {
    await releaseLease(name, owner).catch((e: unknown) => logger.warn({ err: (e as Error).message, lease: name }, "lease release failed"));
  }
}
