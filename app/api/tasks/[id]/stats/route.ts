import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";
import { getTaskStats } from "@/lib/server/services/stats/task-stats";

export const dynamic = "force-dynamic";

/** One task's statistics, polled by the task page while the task runs. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("viewer");
    const { id } = await params;
    const stats = await getTaskStats({ taskId: id, now: new Date() });
    return NextResponse.json(stats, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/tasks/[id]/stats");
  }
}
