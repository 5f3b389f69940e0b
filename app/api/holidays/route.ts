import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/session";
import { holidayYearsCalendar } from "@/lib/server/services/holiday-calendar";
import { errorResponse } from "@/lib/server/route-errors";

export const dynamic = "force-dynamic";

/** Holiday data of the years a preview shows (`?years=2027` or `?years=2026,2027`), loaded on demand. */
export async function GET(req: Request) {
  try {
    await requireActor("viewer");
    const result = await holidayYearsCalendar(new URL(req.url).searchParams.get("years"));
    return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/holidays");
  }
}
