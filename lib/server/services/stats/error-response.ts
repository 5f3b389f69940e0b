// How the statistics route handlers answer a failure: an AppError as its HTTP status with the
// bilingual message, anything else logged and answered with the generic message (STYLE.md).
import "server-only";
import { NextResponse } from "next/server";
import type { AppErrorCode } from "../../../contracts/errors";
import { AppError, GENERIC_FAILURE } from "../../errors";
import { logger } from "../../logger";

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID: 400,
  CONFLICT: 409,
  PROVIDER: 502,
  SETUP_DONE: 409,
};

export function errorResponse(e: unknown, route: string): NextResponse {
  if (e instanceof AppError) {
    return NextResponse.json(
      { code: e.code, message: e.userMessage, ...(e.field ? { field: e.field } : {}) },
      { status: STATUS[e.code], headers: { "cache-control": "no-store" } },
    );
  }
  logger.error({ err: (e as Error)?.message, route }, "statistics route failed");
  return NextResponse.json(GENERIC_FAILURE, { status: 500, headers: { "cache-control": "no-store" } });
}
