import { NextResponse } from "next/server";
import { ZId } from "@/lib/contracts/numbers";
import { AppError } from "@/lib/server/errors";
import { sendSummary } from "@/lib/server/numbers/send-summary";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/** "X of Y will be skipped — DNC a, over the contact cap b, already in this task c", before sending `?listId=`. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("manager");
    const { id } = await params;
    const listId = ZId.safeParse(new URL(req.url).searchParams.get("listId"));
    if (!listId.success) throw new AppError("INVALID", undefined, "listId");
    return NextResponse.json(await sendSummary({ taskId: id, listId: listId.data }), { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/tasks/[id]/send-summary");
  }
}
