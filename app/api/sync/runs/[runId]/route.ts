import { NextResponse } from "next/server";
import type { SyncRunProgress } from "@/lib/contracts/sync";
import { getSyncRun } from "@/lib/server/mirror/sync";
import { errorResponse, failureResponse } from "@/lib/server/route-errors";
import { requireActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** Progress of a sync run, polled by the "Sync now" progress bar. */
export async function GET(_req: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    await requireActor("viewer");
  } catch (e) {
    return errorResponse(e, "api/sync/runs/[runId]");
  }
  const { runId } = await params;
  const run = await getSyncRun(runId);
  if (!run) return failureResponse("NOT_FOUND");
  return NextResponse.json(
    {
      id: run.id,
      accountId: run.accountId,
      status: run.status as SyncRunProgress["status"],
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      pages: run.pages,
      seen: run.seen,
      created: run.created,
      updated: run.updated,
      gone: run.gone,
      expected: run.expected,
      error: run.error ? (JSON.parse(run.error) as SyncRunProgress["error"]) : null,
    } satisfies SyncRunProgress,
    { headers: { "cache-control": "no-store" } },
  );
}
