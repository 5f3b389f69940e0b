// Structured parameters (ParamSpec.format): what the form's editors hold and the exact string the adapter
// receives. Pure, so the browser's editors and the tests use the same encoding. A blank editor encodes to ""
// (not sent); a value the editor cannot read decodes to null and the form says so instead of guessing.
import type { ParamFormat, ParamJsonField } from "./types";

/** One row of a records or object editor: text and list fields as typed, flags as ticks. */
export type JsonRow = Record<string, string | boolean>;
/** One row of a pairs editor. */
export interface PairRow {
  key: string;
  value: string;
}

type StructuredFormat = Extract<ParamFormat, { kind: "pairs" | "records" | "object" }>;

export function isStructured(format: ParamFormat | undefined): format is StructuredFormat {
  return format?.kind === "pairs" || format?.kind === "records" || format?.kind === "object";
}

// ---- pairs: [{"key":"value"}, …] -------------------------------------------------------------------------

export function encodePairs(rows: readonly PairRow[]): string {
  const kept = rows.filter((row) => row.key.trim() !== "");
  return kept.length === 0 ? "" : JSON.stringify(kept.map((row) => ({ [row.key.trim()]: row.value })));
}

/** Rows of a stored value; the first pair of each element counts (that is what the provider reads). */
export function decodePairs(text: string): PairRow[] | null {
  const items = parseArray(text);
  if (!items) return null;
  const rows: PairRow[] = [];
  for (const item of items) {
    if (!isObject(item)) return null;
    const first = Object.entries(item)[0];
    if (first) rows.push({ key: first[0], value: scalarText(first[1]) });
  }
  return rows;
}

// ---- records: [{field: …}, …] and object: {field: …} --------------------------------------------------------

export function blankRow(fields: readonly ParamJsonField[]): JsonRow {
  return Object.fromEntries(fields.map((field) => [field.key, field.type === "flag" ? false : ""]));
}

function rowIsBlank(fields: readonly ParamJsonField[], row: JsonRow): boolean {
  return fields.every((field) => (field.type === "flag" ? row[field.key] !== true : String(row[field.key] ?? "").trim() === ""));
}

function listItems(text: string): string[] {
  return text.split(/[,，]/).map((item) => item.trim()).filter((item) => item !== "");
}

function encodeRow(fields: readonly ParamJsonField[], row: JsonRow): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value = row[field.key];
    if (field.type === "flag") out[field.key] = value === true ? "1" : "0";
    else if (field.type === "list") {
      const items = listItems(String(value ?? ""));
      if (items.length > 0) out[field.key] = items;
    } else {
      const text = String(value ?? "").trim();
      if (text !== "") out[field.key] = text;
    }
  }
  return out;
}

function decodeRow(fields: readonly ParamJsonField[], item: unknown): JsonRow | null {
  if (!isObject(item)) return null;
  const row = blankRow(fields);
  for (const field of fields) {
    const value = item[field.key];
    if (value === undefined || value === null) continue;
    if (field.type === "flag") row[field.key] = value === "1" || value === 1 || value === true;
    else if (field.type === "list") row[field.key] = Array.isArray(value) ? value.map(scalarText).join(", ") : scalarText(value);
    else row[field.key] = scalarText(value);
  }
  return row;
}

export function encodeRecords(fields: readonly ParamJsonField[], rows: readonly JsonRow[]): string {
  const kept = rows.filter((row) => !rowIsBlank(fields, row));
  return kept.length === 0 ? "" : JSON.stringify(kept.map((row) => encodeRow(fields, row)));
}

export function decodeRecords(fields: readonly ParamJsonField[], text: string): JsonRow[] | null {
  const items = parseArray(text);
  if (!items) return null;
  const rows = items.map((item) => decodeRow(fields, item));
  return rows.every((row): row is JsonRow => row !== null) ? rows : null;
}

export function encodeObject(fields: readonly ParamJsonField[], row: JsonRow): string {
  return rowIsBlank(fields, row) ? "" : JSON.stringify(encodeRow(fields, row));
}

export function decodeObject(fields: readonly ParamJsonField[], text: string): JsonRow | null {
  if (text.trim() === "") return blankRow(fields);
  try {
    return decodeRow(fields, JSON.parse(text));
  } catch {
    return null;
  }
}

// ---- list: "a,b,c" ----------------------------------------------------------------------------------------

/** The list with `item` added (at the end) or removed. */
export function toggleListItem(text: string, item: string, on: boolean): string {
  const items = listItems(text).filter((existing) => existing !== item);
  return (on ? [...items, item] : items).join(",");
}

export function listHas(text: string, item: string): boolean {
  return listItems(text).includes(item);
}

// ---- time: a picker's "HH:mm" as the provider's "HH:mm:ss" -------------------------------------------------

/** A time picker answers "08:00" when the seconds are zero; the value stays "08:00:00". */
export function timeWithSeconds(value: string): string {
  return /^\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
}

// ---------------------------------------------------------------------------------------------------------

function parseArray(text: string): unknown[] | null {
  if (text.trim() === "") return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}
