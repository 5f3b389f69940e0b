import { NextResponse } from "next/server";
import type { ContactListOption } from "@/lib/contracts/numbers";
import { listContactLists } from "@/lib/server/numbers/lists";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/** The contact lists to pick from (task page "add numbers from a list", the wizard's numbers step). */
export async function GET() {
  try {
    await requireActor("viewer");
    const lists: ContactListOption[] = (await listContactLists()).map((l) => ({ id: l.id, name: l.name, size: l.size }));
    return NextResponse.json({ lists }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/contacts/lists");
  }
}
