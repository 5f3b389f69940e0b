import { isLedgerState } from "@/lib/server/numbers/ledger-views";
import { exportTaskNumbers } from "@/lib/server/numbers/ledger-views";
import { roleAtLeast } from "@/lib/server/roles";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/** The task's numbers tab as CSV (`?state=` to filter). Viewers get numbers masked; a whole export is audited. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor("viewer");
    const { id } = await params;
    const requested = new URL(req.url).searchParams.get("state");
    const { fileName, body } = await exportTaskNumbers({ taskId: id, state: isLedgerState(requested) ? requested : undefined, wholeNumbers: roleAtLeast(actor.role, "manager"), actor });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="task-numbers.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return errorResponse(e, "api/tasks/[id]/numbers/export");
  }
}
