import { currentLocale } from "@/i18n/request";
import { roleAtLeast } from "@/lib/server/roles";
import { exportJobProblems } from "@/lib/server/numbers/views";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/** The problems file of an import or a send (CSV, streamed). Viewers get numbers masked; a whole export is audited. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor("viewer");
    const { id } = await params;
    const body = await exportJobProblems({ jobId: id, locale: await currentLocale(), wholeNumbers: roleAtLeast(actor.role, "manager"), actor });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="problems-${id}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return errorResponse(e, "api/jobs/[id]/problems");
  }
}
