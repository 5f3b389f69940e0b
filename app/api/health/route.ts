import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/server/services/health";

export const dynamic = "force-dynamic";

/** 200 when the database answers and every migration is applied; 503 otherwise. Public, no secrets. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
