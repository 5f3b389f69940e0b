// The column-mapping step of an import: which column holds the phone, the name and each variable a script
// needs. Guessed from the header (or the first rows), remembered per list by header name, and confirmed by
// the user before the import starts.
import type { CountryCode } from "libphonenumber-js";
import { normalizePhone } from "./phone";

/** Largest number of variables a list carries (bounded cost per row). */
export const MAX_VARIABLES = 20;
export const MAX_COLUMNS = 200;

export interface ColumnMapping {
  /** The first row names the columns (it is not imported). */
  hasHeader: boolean;
  /** 0-based column indexes. */
  phone: number;
  name: number | null;
  variables: { name: string; column: number }[];
}

/** What a list remembers: columns by header name, so the next file may order them differently. */
export interface RememberedMapping {
  phone?: string;
  name?: string | null;
  variables?: { name: string; header: string }[];
}

const PHONE_WORDS = ["phone", "mobile", "tel", "手机", "号码", "电话"];
const NAME_WORDS = ["name", "customer", "姓名", "名字", "客户"];

function findColumn(header: string[], words: string[], taken: Set<number>): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  return lower.findIndex((cell, i) => !taken.has(i) && words.some((w) => cell.includes(w)));
}

/** A first row with a phone-like column name and no valid number in it is a header. */
export function looksLikeHeader(firstRow: string[], country: CountryCode): boolean {
  const namesPhone = findColumn(firstRow, PHONE_WORDS, new Set()) !== -1;
  const holdsNumber = firstRow.some((cell) => normalizePhone(cell.trim(), country) !== null);
  return namesPhone && !holdsNumber;
}

/** The column holding the most valid numbers in the sample (0 when none does). */
function phoneColumnByContent(rows: string[][], country: CountryCode): number {
  const width = Math.min(MAX_COLUMNS, Math.max(0, ...rows.map((r) => r.length)));
  let best = 0;
  let bestCount = -1;
  for (let c = 0; c < width; c++) {
    const count = rows.filter((r) => normalizePhone((r[c] ?? "").trim(), country) !== null).length;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The mapping offered for a file: the list's remembered one where its header names are found, else guessed
 * from the header words, else from the content (the column with the most valid numbers).
 */
export function guessMapping(sample: string[][], options: { country: CountryCode; remembered?: RememberedMapping; variables?: string[] }): ColumnMapping {
  const first = sample[0] ?? [];
  const hasHeader = sample.length > 0 && looksLikeHeader(first, options.country);
  const taken = new Set<number>();
  const byHeader = (name: string | null | undefined) => (hasHeader && name ? first.findIndex((h) => h.trim() === name.trim()) : -1);

  let phone = byHeader(options.remembered?.phone);
  if (phone === -1 && hasHeader) phone = findColumn(first, PHONE_WORDS, taken);
  if (phone === -1) phone = phoneColumnByContent(hasHeader ? sample.slice(1) : sample, options.country);
  taken.add(phone);

  const wanted = options.variables ?? options.remembered?.variables?.map((v) => v.name) ?? [];
  const variables: ColumnMapping["variables"] = [];
  for (const name of wanted.slice(0, MAX_VARIABLES)) {
    const header = options.remembered?.variables?.find((v) => v.name === name)?.header ?? name;
    const column = byHeader(header) !== -1 ? byHeader(header) : byHeader(name);
    if (column !== -1 && !taken.has(column)) {
      variables.push({ name, column });
      taken.add(column);
    }
  }

  let name = byHeader(options.remembered?.name);
  if (name === -1 && hasHeader) name = findColumn(first, NAME_WORDS, taken);
  if (name === -1 && !hasHeader && first.length > 1) name = phone === 0 ? 1 : 0;
  return { hasHeader, phone, name: name === -1 ? null : name, variables };
}

/** The mapping as the list remembers it (by header name), or null for a file without a header. */
export function rememberMapping(mapping: ColumnMapping, header: string[] | null): RememberedMapping | null {
  if (!mapping.hasHeader || !header) return null;
  return {
    phone: header[mapping.phone] ?? undefined,
    name: mapping.name === null ? null : (header[mapping.name] ?? null),
    variables: mapping.variables.map((v) => ({ name: v.name, header: header[v.column] ?? v.name })),
  };
}
