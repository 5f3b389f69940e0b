import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";
import { getTaskSyncedAt } from "@/lib/server/services/stats/task-stats";

export const dynamic = "force-dynamic";

/** When the mirror last wrote one task: polled by the page of a paused task instead of its statistics. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("viewer");
    const { id } = await params;
    return NextResponse.json(await getTaskSyncedAt(id), { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/tasks/[id]/synced-at");
  }
}
