import { NextResponse } from "next/server";
import { z } from "zod";
import en from "@/messages/en/stats.json" with { type: "json" };
import zh from "@/messages/zh-CN/stats.json" with { type: "json" };
import { catalogText } from "@/lib/domain/text";
import { AppError } from "@/lib/server/errors";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";
import { getTaskForecast } from "@/lib/server/services/stats/forecast";

export const dynamic = "force-dynamic";

// Lines a manager may assume in a "what if" (the largest documented provider limit is NXCloud's maxCall 1000).
const ZConcurrency = z.coerce.number().int().min(1).max(1000);
const text = catalogText(en, zh);

/** The task's completion forecast; `?concurrency=N` assumes N lines instead of the task's own. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor("viewer");
    const { id } = await params;
    const raw = new URL(req.url).searchParams.get("concurrency");
    let concurrency: number | undefined;
    if (raw !== null && raw !== "") {
      const parsed = ZConcurrency.safeParse(raw);
      if (!parsed.success) {
        throw new AppError("INVALID", text("forecast.linesInvalid"), "concurrency");
      }
      concurrency = parsed.data;
    }
    const forecast = await getTaskForecast({ taskId: id, now: new Date(), concurrency });
    return NextResponse.json(forecast, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/tasks/[id]/forecast");
  }
}
