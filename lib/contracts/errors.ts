// What a failed server action sends to the browser. The server builds it (lib/server/errors.ts), forms and
// buttons show it; both read the type from here so the UI never imports lib/server.
import type { LocalizedText } from "../domain/text";

export type AppErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "INVALID"
  | "CONFLICT"
  | "PROVIDER"
  | "SETUP_DONE";

/** What crosses to the browser for a failed action: a code and a message in both languages, nothing else. */
export interface ActionFailure {
  code: AppErrorCode | "INTERNAL";
  message: LocalizedText;
  /** The form field (or day, round…) the message belongs to, e.g. "email" or "credentials.apiKey". */
  field?: string;
}
