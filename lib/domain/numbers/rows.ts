// One row of an import becomes a contact or a problem with its reason; nothing is dropped silently.
import type { CountryCode } from "libphonenumber-js";
import type { ColumnMapping } from "./columns";
import { normalizePhone } from "./phone";

export const MAX_NAME_LENGTH = 100;
export const MAX_VARIABLE_LENGTH = 500;
/** The row as read, kept with a problem so the user recognises it (capped). */
export const MAX_RAW_LENGTH = 500;

/** Why a row of an import is not a contact, or why a number was not sent to a task. */
export const PROBLEM_REASONS = [
  // import
  "empty-phone",
  "invalid-phone",
  "duplicate",
  "too-long",
  "unreadable",
  "on-dnc",
  // send
  "dnc",
  "cap-day",
  "cap-week",
  "in-task",
  "provider-rejected",
  "batch-failed",
  "uncertain",
] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];

export interface ContactRow {
  phone: string;
  name: string;
  /** Aligned with mapping.variables. */
  variables: string[];
}

export type RowVerdict = { contact: ContactRow } | { problem: Exclude<ProblemReason, "duplicate" | "on-dnc">; detail?: Record<string, string | number> };

export function readContactRow(cells: string[], mapping: ColumnMapping, country: CountryCode): RowVerdict {
  const rawPhone = (cells[mapping.phone] ?? "").trim();
  if (rawPhone === "") return { problem: "empty-phone" };
  const phone = normalizePhone(rawPhone, country);
  if (!phone) return { problem: "invalid-phone", detail: { value: rawPhone.slice(0, 40) } };
  const name = mapping.name === null ? "" : (cells[mapping.name] ?? "").trim();
  if (name.length > MAX_NAME_LENGTH) return { problem: "too-long", detail: { column: "name", max: MAX_NAME_LENGTH } };
  const variables: string[] = [];
  for (const v of mapping.variables) {
    const value = (cells[v.column] ?? "").trim();
    if (value.length > MAX_VARIABLE_LENGTH) return { problem: "too-long", detail: { column: v.name, max: MAX_VARIABLE_LENGTH } };
    variables.push(value);
  }
  return { contact: { phone, name, variables } };
}

/** The row as the user typed it, for the problems file. */
export function rawRow(cells: string[], delimiter = ","): string {
  const text = cells.join(delimiter);
  return text.length > MAX_RAW_LENGTH ? `${text.slice(0, MAX_RAW_LENGTH)}…` : text;
}
