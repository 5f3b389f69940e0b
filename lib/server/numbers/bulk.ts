// The import's write path (issue 13 point 7): one batch of rows — contacts or DNC entries, the problems found,
// and the job's cursor — committed in ONE transaction, so a crash loses no row and a resume doubles none.
// The batch commits only if the job's cursor is still the one it started from: a second runner that took
// over an expired lease makes the slower one's commit fail (JobMovedError) instead of counting rows twice.
// Bulk rows go through the drivers directly (better-sqlite3 prepared statements in a transaction; PostgreSQL
// multi-row inserts over unnest arrays): Prisma's per-row cost would dominate a 10-million-row import.
import "server-only";
import { isPostgres } from "../config";
import type { ProblemReason } from "../../domain/numbers/rows";

export interface ImportTargetList {
  kind: "list";
  listId: string;
  /** Contact.seq of row r is baseSeq + r (reserved when the job started, so a resume assigns the same). */
  baseSeq: number;
}

export interface ImportTargetDnc {
  kind: "dnc";
  scope: string;
  reason: string;
  expiresAt: Date | null;
  actorId: string | null;
  actorEmail: string;
}

export interface ContactInsert {
  row: number;
  phone: string;
  name: string;
  /** JSON string[] or "". */
  variables: string;
  /** The row's cells: its text as read is made only for the few rows that become problems. */
  cells: string[];
}

export interface ProblemInsert {
  row: number;
  phone: string | null;
  reason: ProblemReason;
  /** JSON object. */
  detail: string;
  raw: string;
}

export interface ImportCommit {
  jobId: string;
  target: ImportTargetList | ImportTargetDnc;
  expectCursor: string;
  nextCursor: string;
  /** The file's delimiter, to show a row as read. */
  delimiter: string;
  contacts: ContactInsert[];
  problems: ProblemInsert[];
  /** Rows read in this batch. */
  processed: number;
  unitsDone: number;
  runMs: number;
  /** Counts by reason so far; updated in place with this batch's problems. */
  problemCounts: Record<string, number>;
  now: Date;
}

export interface ImportCommitResult {
  stored: number;
  problems: number;
}

export class JobMovedError extends Error {
  constructor() {
    super("the job moved on under another runner");
    this.name = "JobMovedError";
  }
}

/** The job cannot go on now (a provider unreachable mid-reconciliation): it stays running for the next claim. */
export class RetryLaterError extends Error {
  constructor() {
    super("the job will be resumed by the next claim");
    this.name = "RetryLaterError";
  }
}

export interface BulkWriter {
  commitImport(batch: ImportCommit): Promise<ImportCommitResult>;
  close(): Promise<void>;
}

export async function openBulkWriter(url: string): Promise<BulkWriter> {
  if (isPostgres(url)) return (await import("./bulk-postgres")).openPostgresWriter(url);
  return (await import("./bulk-sqlite")).openSqliteWriter(url);
}

export function addCounts(counts: Record<string, number>, problems: { reason: string }[]): void {
  for (const p of problems) counts[p.reason] = (counts[p.reason] ?? 0) + 1;
}
