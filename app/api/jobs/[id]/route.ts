import { NextResponse } from "next/server";
import type { JobProgressView } from "@/lib/contracts/numbers";
import { getJobView } from "@/lib/server/numbers/views";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/** A job's progress (imports, sends), polled by the progress bar. Holds counts only, never numbers. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("viewer");
    const { id } = await params;
    const v = await getJobView(id);
    const view: JobProgressView = {
      id: v.id,
      kind: v.kind,
      state: v.state,
      fileName: v.fileName,
      processed: v.processed,
      stored: v.stored,
      problems: v.problems,
      problemCounts: v.problemCounts,
      fraction: v.fraction,
      rowsPerSec: v.rowsPerSec,
      etaSec: v.etaSec,
      error: v.error,
      cancelRequested: v.cancelRequested,
    };
    return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/jobs/[id]");
  }
}
