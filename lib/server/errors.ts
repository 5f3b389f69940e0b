// Expected errors a user can act on. Anything else is logged and shown as a generic message (STYLE.md).
import type { ActionFailure, AppErrorCode } from "../contracts/errors";
import type { LocalizedText } from "../domain/call-time-group";
import { serverText } from "./texts";


export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: LocalizedText;
  /** Field or day the message belongs to, e.g. "weekly.2" or "email". */
  readonly field?: string;

  constructor(code: AppErrorCode, userMessage?: LocalizedText, field?: string) {
    const message = userMessage ?? serverText(`errors.${code}`);
    super(message.en);
    this.name = "AppError";
    this.code = code;
    this.userMessage = message;
    this.field = field;
  }
}

/** Prisma's unique-constraint violation, turned into ALREADY_EXISTS at the service boundary (STYLE.md, documenso). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

export type { ActionFailure, AppErrorCode };

export const GENERIC_FAILURE: ActionFailure = { code: "INTERNAL", message: serverText("errors.INTERNAL") };
