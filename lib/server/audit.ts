// The audit log: every mutating service calls recordAudit(). The write happens after the response
// (after-response.ts) so a slow audit insert never slows the user (STYLE.md, dub).
import "server-only";
import { AfterResponse } from "./after-response";
import { getDb } from "./db";
import { logger } from "./logger";

export interface AuditActor {
  id: string | null;
  email: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, email: "system" };

export interface AuditInput {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string;
}

const auditWrites = new AfterResponse("audit write");

/** Only the fields that changed, so an entry reads "role: viewer → manager". */
export function diffSummary(before: unknown, afterValue: unknown): { before?: unknown; after?: unknown } {
  if (!before || !afterValue || typeof before !== "object" || typeof afterValue !== "object") {
    return { before: before ?? undefined, after: afterValue ?? undefined };
  }
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(afterValue)]);
  for (const k of keys) {
    const bv = (before as Record<string, unknown>)[k];
    const av = (afterValue as Record<string, unknown>)[k];
    if (JSON.stringify(bv) !== JSON.stringify(av)) {
      b[k] = bv;
      a[k] = av;
    }
  }
  return { before: b, after: a };
}

async function write(input: AuditInput, at: Date): Promise<void> {
  const summary = JSON.stringify({ ...diffSummary(input.before, input.after), ...(input.note ? { note: input.note } : {}) });
  try {
    await getDb().auditEntry.create({
      data: {
        at,
        actorId: input.actor.id,
        actorEmail: input.actor.email,
        action: input.action,
        targetType: input.targetType,
        targetId: input.targetId ?? null,
        summary,
      },
    });
  } catch (e) {
    logger.error({ err: (e as Error).message, action: input.action }, "audit write failed");
  }
}

export function recordAudit(input: AuditInput): void {
  const at = new Date();
  auditWrites.run(() => write(input, at));
}

/**
 * Writes the entry before returning, for the entries the product reads back as state, not only as history: who
 * last started or paused a task decides whether its page says "paused by the provider" (services/tasks/
 * waiting.ts), and the page reads that right after the action answers.
 */
export async function recordAuditNow(input: AuditInput): Promise<void> {
  await auditWrites.track(write(input, new Date()));
}

/** Waits for audit writes in flight (tests, shutdown). */
export const flushAudit = (): Promise<void> => auditWrites.flush();
