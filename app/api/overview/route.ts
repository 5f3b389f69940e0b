import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";
import { OVERVIEW_RANGES, type OverviewRange } from "@/lib/contracts/stats";
import { getOverview } from "@/lib/server/services/stats/overview";

export const dynamic = "force-dynamic";

/** The overview's numbers for its live refresh. `?range=24h|7d` picks the calls-per-hour chart. */
export async function GET(req: Request) {
  try {
    await requireActor("viewer");
    const requested = new URL(req.url).searchParams.get("range");
    const range: OverviewRange = OVERVIEW_RANGES.find((r) => r === requested) ?? "24h";
    const overview = await getOverview({ now: new Date(), range });
    return NextResponse.json(overview, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/overview");
  }
}
