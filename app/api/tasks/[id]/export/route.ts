import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";
import { EXPORT_SERIES, exportTaskSeries, type ExportSeries } from "@/lib/server/services/stats/export";

export const dynamic = "force-dynamic";

/** CSV download of the task's snapshots (default) or `?series=hourly` outcomes per hour. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("viewer");
    const { id } = await params;
    const requested = new URL(req.url).searchParams.get("series");
    const series: ExportSeries = EXPORT_SERIES.find((s) => s === requested) ?? "snapshots";
    const { fileName, body } = await exportTaskSeries({ taskId: id, series });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        // RFC 6266: an ASCII fallback name plus the UTF-8 one, since task names are often Chinese.
        "content-disposition": `attachment; filename="task-${series}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return errorResponse(e, "api/tasks/[id]/export");
  }
}
