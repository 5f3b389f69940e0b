// Reading an uploaded list as a stream of rows, from any point a job stopped at (docs/design.md "Jobs"): a CSV
// in UTF-8 resumes at the byte offset after its last committed row; GB18030 text and XLSX (a zip, which
// cannot be entered in the middle) are read from the start and skip the rows already committed.
import "server-only";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { Transform } from "node:stream";
import { parse, type CsvError, type Options as CsvOptions } from "csv-parse";
import ExcelJS from "exceljs";
import { MAX_COLUMNS } from "../../domain/numbers/columns";
import { fileSize, type FileEncoding, type FileFormat } from "./files";

/**
 * Where reading stopped: the last row consumed (1-based, as a spreadsheet numbers them) and, for UTF-8 CSV,
 * the byte after it (-1 when no byte offset is known: resume by reading from the start and skipping rows).
 */
export interface ReadCursor {
  row: number;
  byte: number;
}

export interface SourceFile {
  path: string;
  format: FileFormat;
  encoding: FileEncoding;
  delimiter: string;
}

export interface ReadRecord {
  row: number;
  cells: string[];
}

export interface UnreadableRow {
  row: number;
  raw: string;
}

export interface ReadBatch {
  records: ReadRecord[];
  unreadable: UnreadableRow[];
  /** Where the next batch starts. */
  cursor: ReadCursor;
}

/** A record larger than this is unreadable (bounded memory for a file with one endless quoted field). */
const MAX_RECORD_BYTES = 64 * 1024;

export const START: ReadCursor = { row: 0, byte: 0 };

/** csv-parse options shared by the import and its benchmark baseline. */
export function csvOptions(delimiter: string, withBom: boolean): CsvOptions {
  return {
    delimiter,
    bom: withBom,
    // The raw text of each record gives its length in bytes (csv-parse's `info` costs 3–4× the parse).
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    // Files from Windows, macOS and Linux alike, mixed inside one file.
    record_delimiter: ["\r\n", "\n", "\r"],
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
  };
}

/** Tab, semicolon or pipe when the first line uses it more than commas. */
export function detectDelimiter(firstLine: string): string {
  const counts = [",", "\t", ";", "|"].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ",";
}

function decoder(encoding: FileEncoding): Transform | null {
  if (encoding === "utf8") return null;
  const text = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

type CsvRecord = { record: string[]; raw: string };

function startsWithBom(path: string): boolean {
  const fd = openSync(/*turbopackIgnore: true*/ path, "r");
  const head = Buffer.alloc(3);
  const n = readSync(fd, head, 0, 3, 0);
  closeSync(fd);
  return n === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** Rows of a CSV from `from`, in batches of `size`. */
async function* csvBatches(file: SourceFile, from: ReadCursor, size: number): AsyncGenerator<ReadBatch> {
  const seekable = file.encoding === "utf8" && from.byte >= 0;
  const startByte = seekable ? from.byte : 0;
  const source = createReadStream(/*turbopackIgnore: true*/ file.path, { start: startByte, highWaterMark: 256 * 1024 });
  const parser = parse(csvOptions(file.delimiter, startByte === 0));
  // Unreadable records are reported by csv-parse as "skip" events that carry how many records came before;
  // they are put back in their place between the records. Their raw text may not be their exact bytes, so
  // after one the byte offset is no longer trusted (a resume then re-reads and skips rows).
  const skips: { after: number; raw: string }[] = [];
  parser.on("skip", (e: CsvError & { raw?: string; records?: number }) => skips.push({ after: e.records ?? 0, raw: String(e.raw ?? "") }));
  const decode = decoder(file.encoding);
  if (decode) source.pipe(decode).pipe(parser);
  else source.pipe(parser);
  source.on("error", (e) => parser.destroy(e));

  let row = seekable ? from.row : 0;
  const skipUntil = seekable ? 0 : from.row;
  let byte = seekable ? startByte + (startByte === 0 && startsWithBom(file.path) ? 3 : 0) : -1;
  let records = 0;
  let lastRaw = "";
  let batch: ReadBatch = { records: [], unreadable: [], cursor: { row, byte } };
  const take = (unreadable: { raw: string } | null, cells: string[] | null) => {
    row++;
    if (row <= skipUntil) return;
    if (unreadable) batch.unreadable.push({ row, raw: unreadable.raw });
    else batch.records.push({ row, cells: cells!.length > MAX_COLUMNS ? cells!.slice(0, MAX_COLUMNS) : cells! });
  };
  const flush = (): ReadBatch => {
    if (byte >= 0 && !endsAt(file.path, byte, lastRaw)) byte = -1;
    const done = { ...batch, cursor: { row, byte } };
    batch = { records: [], unreadable: [], cursor: done.cursor };
    return done;
  };
  for await (const rec of parser as AsyncIterable<CsvRecord>) {
    records++;
    // A batch never ends on an unreadable record: the cursor is always the end of a record that was read,
    // so a resumed read meets the unreadable one again, in the same row.
    while (skips.length && skips[0].after < records) {
      take(skips.shift()!, null);
      byte = -1;
    }
    take(null, rec.record);
    // csv-parse's raw text of a record that ends with CRLF stops at the CR: the LF is counted here, and the
    // offset is checked against the file at every batch end (endsAt) before it is trusted.
    if (byte >= 0) byte += Buffer.byteLength(rec.raw) + (rec.raw.endsWith("\r") ? 1 : 0);
    lastRaw = rec.raw;
    if (batch.records.length + batch.unreadable.length >= size) yield flush();
  }
  while (skips.length) take(skips.shift()!, null);
  // The whole file is read: the end is known exactly whatever happened on the way.
  byte = file.encoding === "utf8" ? fileSize(file.path) : -1;
  yield flush();
}

/**
 * Whether the file really ends a record at `offset`: the bytes before it are the tail of the last record read
 * (with the LF of a CRLF). A file mixing CRLF with lone CRs fails this, and then resumes by re-reading rows.
 */
function endsAt(path: string, offset: number, lastRaw: string): boolean {
  if (lastRaw === "") return true;
  const expected = Buffer.from(lastRaw.endsWith("\r") ? `${lastRaw}\n` : lastRaw);
  const k = Math.min(expected.length, 64, offset);
  const actual = Buffer.alloc(k);
  const fd = openSync(/*turbopackIgnore: true*/ path, "r");
  try {
    readSync(fd, actual, 0, k, offset - k);
  } finally {
    closeSync(fd);
  }
  return actual.equals(expected.subarray(expected.length - k));
}

/** A cell of exceljs as text: numbers as written (no exponent for 11-digit phones), rich text joined, formula results. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
  }
  return String(value);
}

/** Rows of the first worksheet of an XLSX from `from` (rows before it are read and skipped). */
async function* xlsxBatches(file: SourceFile, from: ReadCursor, size: number): AsyncGenerator<ReadBatch> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file.path, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  // exceljs reads a worksheet as soon as the shared strings and the workbook's relations were read, and then looks
  // its name up in workbook.xml's model — undefined while workbook.xml comes later in the zip (entry order is the
  // writer's choice; node_modules/exceljs/lib/stream/xlsx/workbook-reader.js, _parseWorksheet). An empty model
  // lets the sheet be read; only the first sheet's rows are used here, not its name.
  (reader as unknown as { model?: { sheets?: unknown[] } }).model ??= { sheets: [] };
  let batch: ReadBatch = { records: [], unreadable: [], cursor: from };
  let last = from.row;
  for await (const sheet of reader) {
    for await (const r of sheet) {
      if (r.number <= from.row) continue;
      // Rows absent from the sheet are empty rows: they keep their numbers, as the spreadsheet shows them.
      for (let empty = last + 1; empty < r.number; empty++) batch.records.push({ row: empty, cells: [] });
      const values = Array.isArray(r.values) ? (r.values as unknown[]).slice(1, MAX_COLUMNS + 1) : [];
      batch.records.push({ row: r.number, cells: values.map(cellText) });
      last = r.number;
      if (batch.records.length >= size) {
        batch.cursor = { row: last, byte: 0 };
        yield batch;
        batch = { records: [], unreadable: [], cursor: batch.cursor };
      }
    }
    break; // the first worksheet only
  }
  batch.cursor = { row: last, byte: 0 };
  yield batch;
}

/** The file's rows after `from`, `size` at a time; the last batch may be empty and carries the final cursor. */
export function readBatches(file: SourceFile, from: ReadCursor, size: number): AsyncGenerator<ReadBatch> {
  return file.format === "xlsx" ? xlsxBatches(file, from, size) : csvBatches(file, from, size);
}

/** The first rows of a file, for the column-mapping step (read lazily: a large file is not read through). */
export async function sampleRows(file: Omit<SourceFile, "delimiter"> & { delimiter?: string }, count = 20): Promise<{ rows: string[][]; delimiter: string }> {
  let delimiter = file.delimiter ?? ",";
  if (file.format === "csv" && !file.delimiter) {
    const head = await firstLine(file.path, file.encoding);
    delimiter = detectDelimiter(head);
  }
  const rows: string[][] = [];
  const batches = readBatches({ ...file, delimiter }, START, count);
  for await (const b of batches) {
    rows.push(...b.records.map((r) => r.cells));
    break;
  }
  await batches.return(undefined);
  return { rows: rows.slice(0, count), delimiter };
}

async function firstLine(path: string, encoding: FileEncoding): Promise<string> {
  const stream = createReadStream(/*turbopackIgnore: true*/ path, { start: 0, end: 64 * 1024 - 1 });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const text = new TextDecoder(encoding).decode(Buffer.concat(chunks));
  return text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
}
