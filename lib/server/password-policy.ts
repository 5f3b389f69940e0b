// Password policy (issue 12 point 6): at least 10 characters and not on a list of commonly used passwords.
// The list is the "passwords-common" dictionary of @zxcvbn-ts/language-common (maintained, ~49 000 entries
// ranked from real breaches), loaded once per process on first use.
import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX, PASSWORD_MIN } from "../contracts/users";

/** The lengths live with the users' form schema (lib/contracts/users.ts), which the browser checks too. */
export const PASSWORD_MIN_LENGTH = PASSWORD_MIN;
export const PASSWORD_MAX_LENGTH = PASSWORD_MAX;

let common: Set<string> | null = null;

/** True when the password (compared case-insensitively, surrounding spaces ignored) is on the list. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.trim().toLowerCase());
}

/** Why a password is refused, or null. The forms show the policy itself ("At least 10 characters, …"). */
export function passwordProblem(password: string): "too-short" | "too-long" | "common" | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "too-short";
  if (password.length > PASSWORD_MAX_LENGTH) return "too-long";
  return isCommonPassword(password) ? "common" : null;
}
