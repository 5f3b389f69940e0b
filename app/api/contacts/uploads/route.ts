import { NextResponse } from "next/server";
import { saveUpload } from "@/lib/server/numbers/files";
import { requireActor } from "@/lib/server/session";
import { errorResponse } from "@/lib/server/route-errors";
import type { UploadResult } from "@/lib/contracts/numbers";

export const dynamic = "force-dynamic";

/**
 * A list file, sent as the raw request body (not multipart, not a server action): streamed to disk as it
 * arrives, refused past the size limit. The import itself starts from the mapping step (startImportAction).
 */
export async function POST(req: Request) {
  try {
    await requireActor("manager");
    const { uploadId, bytes, format } = await saveUpload(req.body);
    return NextResponse.json({ uploadId, bytes, format } satisfies UploadResult, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "api/contacts/uploads");
  }
}
