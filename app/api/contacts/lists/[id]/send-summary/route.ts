import { NextResponse } from "next/server";
import { ZId } from "@/lib/contracts/numbers";
import { AppError } from "@/lib/server/errors";
import { sendSummary } from "@/lib/server/numbers/send-summary";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/**
 * The wizard's numbers step, before its task exists: what sending this list to a new task on `?accountId=`
 * would skip (DNC, contact cap; nothing is in the task yet). The task page asks /api/tasks/<id>/send-summary.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("manager");
    const { id } = await params;
    const accountId = ZId.safeParse(new URL(req.url).searchParams.get("accountId"));
    if (!accountId.success) throw new AppError("INVALID", undefined, "accountId");
    return NextResponse.json(await sendSummary({ accountId: accountId.data, listId: id }), { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/contacts/lists/[id]/send-summary");
  }
}
