// Numbers import: a CSV file or lines pasted from a spreadsheet become contacts with E.164 phone
// numbers. Nothing is dropped silently: every non-blank row is either a contact or a problem the
// user can find by its line number (STYLE.md habit 10).

import { parse } from "csv-parse/sync";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { domainText as text } from "./catalog";
import { inEachLocale, formatList, type LocalizedText } from "./text";

import { MAX_CONTACT_ROWS } from "./contacts-limits";

export { MAX_CONTACT_ROWS } from "./contacts-limits";

export interface ImportedContact {
  /** 1-based line of the input where the row starts. */
  row: number;
  /** E.164, e.g. +8613800138000. */
  phone: string;
  name: string;
  variables: Record<string, string>;
}

export type ContactProblemReason = "invalid-phone" | "duplicate" | "missing-variable" | "too-many-rows" | "empty-phone";

export interface ContactProblem {
  row: number;
  /** The row as typed, so the user recognises it. */
  raw: string;
  reason: ContactProblemReason;
  message: LocalizedText;
  duplicateOfRow?: number;
}

export interface ContactsImport {
  contacts: ImportedContact[];
  problems: ContactProblem[];
  /** Line of the header row, when the first row was one. */
  headerRow: number | null;
}

export interface ParseContactsOptions {
  /** Country assumed for numbers written without +country code. */
  defaultCountry: CountryCode;
  /** Script variables every contact must fill, in column order when there is no header. */
  variables: string[];
  /** Rows beyond this are reported as too-many-rows. Default MAX_CONTACT_ROWS. */
  maxRows?: number;
}

const PHONE_HEADERS = ["phone", "mobile", "手机", "号码", "电话"];
const NAME_HEADERS = ["name", "姓名", "名字", "客户"];

interface Row {
  line: number;
  raw: string;
  cells: string[];
}

interface Columns {
  phone: number;
  name: number | null;
  variables: Record<string, number | null>;
}

export function parseContacts(input: string, options: ParseContactsOptions): ContactsImport {
  const maxRows = options.maxRows ?? MAX_CONTACT_ROWS;
  const rows = readRows(input).filter((row) => row.cells.some((cell) => cell !== ""));
  const header = rows.length > 0 && isHeader(rows[0].cells, options.defaultCountry) ? rows[0] : null;
  const columns = header ? columnsFromHeader(header.cells, options.variables) : positionalColumns(options.variables);
  const dataRows = header ? rows.slice(1) : rows;

  const contacts: ImportedContact[] = [];
  const problems: ContactProblem[] = [];
  const firstRowByPhone = new Map<string, number>();

  dataRows.forEach((row, index) => {
    const problem = (reason: ContactProblemReason, message: LocalizedText, duplicateOfRow?: number) =>
      problems.push({ row: row.line, raw: row.raw, reason, message, ...(duplicateOfRow ? { duplicateOfRow } : {}) });

    if (index >= maxRows) {
      problem("too-many-rows", text("contacts.tooManyRows", { max: String(maxRows) }));
      return;
    }
    const rawPhone = row.cells[columns.phone] ?? "";
    if (rawPhone === "") {
      problem("empty-phone", text("contacts.emptyPhone"));
      return;
    }
    const parsed = parsePhoneNumberFromString(rawPhone, options.defaultCountry);
    if (!parsed || !parsed.isValid()) {
      problem("invalid-phone", text("contacts.invalidPhone", { phone: rawPhone, country: options.defaultCountry }));
      return;
    }
    const variables: Record<string, string> = {};
    const missing: string[] = [];
    for (const variable of options.variables) {
      const column = columns.variables[variable];
      const value = column === null ? "" : (row.cells[column] ?? "");
      if (value === "") missing.push(variable);
      variables[variable] = value;
    }
    if (missing.length > 0) {
      // docs/providers/research.md §3 addBatchCall: every script variable is required.
      problem("missing-variable", text("contacts.missingVariable", { variables: inEachLocale((locale) => formatList(missing, locale)) }));
      return;
    }
    const phone = parsed.number;
    const firstRow = firstRowByPhone.get(phone);
    if (firstRow !== undefined) {
      problem("duplicate", text("contacts.duplicate", { phone, line: String(firstRow) }), firstRow);
      return;
    }
    firstRowByPhone.set(phone, row.line);
    const name = columns.name === null ? "" : (row.cells[columns.name] ?? "");
    contacts.push({ row: row.line, phone, name, variables });
  });

  return { contacts, problems, headerRow: header?.line ?? null };
}

function readRows(input: string): Row[] {
  // One line-break form, so line numbers are a count of "\n" (a BOM is not a line).
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      skip_empty_lines: false,
      // csv-parse's types do not model `raw: true`, which wraps each record as { record, raw }.
    }) as unknown as { record: string[]; raw: string }[];
  } catch {
    // A quote that never closes would swallow the rest of the input; read line by line instead so
    // every line still gets a verdict.
    return text.split("\n").map((raw, index) => ({ line: index + 1, raw, cells: splitLine(raw, delimiter) }));
  }
  let line = 1;
  return records.map(({ record, raw }) => {
    const row = { line, raw: raw.replace(/\n$/, ""), cells: record };
    line += raw.split("\n").length - 1;
    return row;
  });
}

// Pasted spreadsheet cells are tab-separated; CSV files use commas.
function detectDelimiter(text: string): "," | "\t" {
  const firstLine = text.split("\n").find((line) => line.trim() !== "") ?? "";
  if (firstLine.includes("\t")) return "\t";
  return !text.includes(",") && text.includes("\t") ? "\t" : ",";
}

function splitLine(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1").trim());
}

/** A first row that names a phone column and holds no valid number is a header. */
function isHeader(cells: string[], defaultCountry: CountryCode): boolean {
  const namesPhone = cells.some((cell) => PHONE_HEADERS.some((word) => cell.toLowerCase().includes(word)));
  const holdsNumber = cells.some((cell) => parsePhoneNumberFromString(cell, defaultCountry)?.isValid() ?? false);
  return namesPhone && !holdsNumber;
}

function columnsFromHeader(cells: string[], variables: string[]): Columns {
  const lower = cells.map((cell) => cell.toLowerCase());
  const byVariable: Record<string, number | null> = {};
  for (const variable of variables) {
    const index = lower.indexOf(variable.trim().toLowerCase());
    byVariable[variable] = index === -1 ? null : index;
  }
  // A variable column named like "客户等级" must not be taken for the name column.
  const claimed = new Set(Object.values(byVariable));
  const find = (words: string[]) =>
    lower.findIndex((cell, index) => !claimed.has(index) && words.some((word) => cell.includes(word)));
  const phone = find(PHONE_HEADERS);
  claimed.add(phone);
  const name = find(NAME_HEADERS);
  return { phone, name: name === -1 ? null : name, variables: byVariable };
}

/** Without a header: phone, name, then the variables in the order given. */
function positionalColumns(variables: string[]): Columns {
  return {
    phone: 0,
    name: 1,
    variables: Object.fromEntries(variables.map((variable, index) => [variable, index + 2])),
  };
}
