// A sync run's progress as GET /api/sync/runs/[runId] answers it and the "Sync now" button polls it.
import type { LocalizedText } from "../domain/text";

export interface SyncRunProgress {
  id: string;
  accountId: string;
  status: "running" | "ok" | "error" | "skipped";
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  seen: number;
  created: number;
  updated: number;
  gone: number;
  expected: number | null;
  /** Why the run failed, as the sync stored it. */
  error: { message?: LocalizedText } | null;
}
