// Durable jobs (docs/design.md "Jobs"): imports and sends are Job rows, claimed with the existing lease mechanism
// ("job:<id>", lib/server/mirror/lease.ts) so two instances never run the same job, and resumed from their
// cursor after a crash or restart. Every instance polls for work; creating a job also kicks this instance.
import "server-only";
import { getDb } from "../db";
import { logger } from "../logger";
import { leaseOwner, withLease, type RenewLease } from "../mirror/lease";
import { JobMovedError, RetryLaterError } from "./bulk";
import { numbersText } from "./text";

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";
export const ACTIVE_STATES: JobState[] = ["queued", "running"];

export interface JobRow {
  id: string;
  kind: string;
  state: string;
  params: string;
  cursor: string;
  listId: string | null;
  taskId: string | null;
  processed: number;
  stored: number;
  problems: number;
  problemCounts: string;
  unitsDone: number;
  unitsTotal: number;
  runMs: number;
  createdById: string | null;
  createdByEmail: string;
}

export interface JobControl {
  /** Extends the lease; false when it was lost (stop at once: another runner has the job). */
  renew: RenewLease;
  /** Whether someone asked to cancel (read from the database: the request may come from another instance). */
  cancelRequested(): Promise<boolean>;
}

export type JobHandler = (job: JobRow, control: JobControl) => Promise<void>;

/** Long enough for a slow batch (a provider call with its retries); renewed after every batch. */
export const JOB_LEASE_TTL_MS = Number(process.env.DIALBOARD_JOB_LEASE_MS ?? 60_000);
const POLL_MS = 3_000;
const MAX_CONCURRENT = 2;

export const jobLeaseName = (id: string) => `job:${id}`;

const JOB_SELECT = {
  id: true,
  kind: true,
  state: true,
  params: true,
  cursor: true,
  listId: true,
  taskId: true,
  processed: true,
  stored: true,
  problems: true,
  problemCounts: true,
  unitsDone: true,
  unitsTotal: true,
  runMs: true,
  createdById: true,
  createdByEmail: true,
} as const;

async function handlerFor(kind: string): Promise<JobHandler> {
  if (kind === "import") return (await import("./import-job")).runImportJob;
  if (kind === "send") return (await import("./send-job")).runSendJob;
  throw new Error(`unknown job kind ${kind}`);
}

export interface RunJobOptions {
  owner?: string;
  leaseTtlMs?: number;
}

/**
 * Runs one job to its end (or until cancelled, or its lease is lost) under the lease job:<id>. "skipped" when
 * another live owner holds it or it has nothing left to do.
 */
export async function runJob(jobId: string, opts: RunJobOptions = {}): Promise<"ran" | "skipped"> {
  const db = getDb();
  const ttl = opts.leaseTtlMs ?? JOB_LEASE_TTL_MS;
  const ran = await withLease(jobLeaseName(jobId), opts.owner ?? leaseOwner(), ttl, async (renew) => {
    const job = await db.job.findUnique({ where: { id: jobId }, select: JOB_SELECT });
    if (!job || !ACTIVE_STATES.includes(job.state as JobState)) return false;
    if (job.state === "queued") await db.job.update({ where: { id: jobId }, data: { state: "running", startedAt: new Date() } });
    const control: JobControl = {
      renew,
      cancelRequested: async () => (await db.job.findUnique({ where: { id: jobId }, select: { cancelRequested: true } }))?.cancelRequested ?? true,
    };
    try {
      const handler = await handlerFor(job.kind);
      await handler({ ...job, state: "running" }, control);
    } catch (e) {
      if (e instanceof JobMovedError || e instanceof RetryLaterError) return true;
      logger.error({ jobId, kind: job.kind, err: (e as Error).message, stack: (e as Error).stack }, "job failed");
      await db.job.updateMany({
        where: { id: jobId, state: "running" },
        data: { state: "failed", finishedAt: new Date(), error: JSON.stringify({ message: numbersText("errors.jobFailed") }) },
      });
    }
    return true;
  });
  return ran ? "ran" : "skipped";
}

/** Marks a running job finished (only while it is still running: a cancel that won stays a cancel). */
export async function finishJob(jobId: string, state: "done" | "cancelled", extra: { error?: string } = {}): Promise<void> {
  await getDb().job.updateMany({ where: { id: jobId, state: "running" }, data: { state, finishedAt: new Date(), ...extra } });
}

/** Asks a job to stop; a queued job stops at once, a running one after its current batch. */
export async function requestCancel(jobId: string): Promise<{ state: string }> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, select: { state: true } });
  if (!job) throw new (await import("../errors")).AppError("NOT_FOUND", numbersText("jobs.notFound"));
  await db.job.update({ where: { id: jobId }, data: { cancelRequested: true } });
  await db.job.updateMany({ where: { id: jobId, state: "queued" }, data: { state: "cancelled", finishedAt: new Date() } });
  return { state: (await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { state: true } })).state };
}

// ---------------------------------------------------------------------------------------------------------
// The runner: every instance polls; a job runs where its lease is won.

const g = globalThis as unknown as { dialboardJobRunner?: { timer: NodeJS.Timeout | null; running: Set<string>; tick: Promise<void> | null } };
function state() {
  g.dialboardJobRunner ??= { timer: null, running: new Set(), tick: null };
  return g.dialboardJobRunner;
}

/** One pass: start active jobs not running in this process, up to MAX_CONCURRENT at once. */
export async function runPendingJobs(): Promise<void> {
  const s = state();
  const free = MAX_CONCURRENT - s.running.size;
  if (free <= 0) return;
  const jobs = await getDb().job.findMany({
    where: { state: { in: ACTIVE_STATES }, id: { notIn: [...s.running] } },
    orderBy: { createdAt: "asc" },
    take: free,
    select: { id: true },
  });
  for (const { id } of jobs) {
    s.running.add(id);
    void runJob(id)
      .catch((e: unknown) => logger.error({ jobId: id, err: (e as Error).message }, "job runner failed"))
      .finally(() => {
        s.running.delete(id);
        kickJobs();
      });
  }
}

/** Looks for work now (after a job is created or one finished), where this process runs jobs at all. */
export function kickJobs(): void {
  const s = state();
  if (!s.timer || s.tick) return;
  s.tick = runPendingJobs()
    .catch((e: unknown) => logger.error({ err: (e as Error).message }, "job poll failed"))
    .finally(() => {
      s.tick = null;
    });
}

/** Starts polling (idempotent); instrumentation.ts calls it once per server process. */
export function startJobRunner(pollMs = POLL_MS): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(kickJobs, pollMs);
  s.timer.unref();
  kickJobs();
}
