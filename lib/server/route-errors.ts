// The one error shape of every route handler (app/api/**): { code, message, field? } — the same ActionFailure a
// server action sends — with the HTTP status of its code. An AppError is answered with its own message in both
// languages; anything else is logged and answered with the generic message (STYLE.md).
import "server-only";
import { NextResponse } from "next/server";
import type { LocalizedText } from "../domain/text";
import { AppError, GENERIC_FAILURE, type ActionFailure, type AppErrorCode } from "./errors";
import { logger } from "./logger";

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

const NO_STORE = { "cache-control": "no-store" };

/**
 * A refusal the route decides itself (a missing record, a body too large…); `status` overrides the code's.
 * `details` are machine-readable facts a caller other than our UI acts on (a webhook sender: why a delivery was
 * refused, whether it was kept); they sit beside the shape, never replace it.
 */
export function failureResponse(code: AppErrorCode, opts: FailureOptions = {}): NextResponse {
  const { status, body } = failureBody(code, opts);
  return NextResponse.json(body, { status, headers: NO_STORE });
}

type FailureOptions = { message?: LocalizedText; field?: string; status?: number; details?: Record<string, unknown> };

/** The status and JSON body of failureResponse, for a handler that answers without Next (the lean webhook path). */
export function failureBody(code: AppErrorCode, opts: FailureOptions = {}): { status: number; body: ActionFailure } {
  const { userMessage } = new AppError(code, opts.message);
  const body: ActionFailure = { ...opts.details, code, message: userMessage, ...(opts.field ? { field: opts.field } : {}) };
  return { status: opts.status ?? STATUS[code], body };
}

/** What a route answers for an error it caught. */
export function errorResponse(e: unknown, route: string): NextResponse {
  if (e instanceof AppError) return failureResponse(e.code, { message: e.userMessage, field: e.field });
  logger.error({ err: (e as Error)?.message, route }, "route handler failed");
  return NextResponse.json(GENERIC_FAILURE, { status: 500, headers: NO_STORE });
}
