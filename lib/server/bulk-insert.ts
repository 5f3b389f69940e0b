// Multi-row INSERTs for the mirror's hot paths (issue 14 goal 2). Prisma's createMany/createManyAndReturn
// compile every row through its query compiler: on a sync page of 100 tasks that cost ~10× the raw statement
// (bench/sync.bench.ts), so the first full sync of 10,000 tasks took 12× the time of fetching them. Here one
// statement per page (per distinct column set), the same text on SQLite and PostgreSQL but for how the rows
// are read. The rows travel as ONE parameter, JSON that the database unpacks (SQLite json_each, PostgreSQL
// json_populate_recordset): Prisma serialises, re-parses, types and maps every bound value one by one in
// JavaScript, and at ~2,200 values a page of tasks that cost more than the database's own work. One JSON text
// instead is handled by native JSON code at both ends. Callers give every value Prisma would have given: ids,
// createdAt, updatedAt.
import "server-only";
import { isPostgres } from "./config";
import type { Db } from "./db";

/** What runs the statement: the process-wide client or an interactive transaction's client. */
export type RawExecutor = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

export type RowValue = string | number | boolean | Date | null;
/** A row to insert; an undefined value leaves the column to its database default. */
export type InsertRow = Record<string, RowValue | undefined>;

/**
 * Rows per statement. The rows go as one JSON parameter, so no parameter limit applies; this bounds one
 * statement's text instead (a sync page of tasks with their raw provider records is ~100 kB per 100 rows).
 */
export const MAX_ROWS_PER_STATEMENT = 1_000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function quote(identifier: string): string {
  // Table and column names come from code, never from input; refuse anything else all the same.
  if (!IDENTIFIER.test(identifier)) throw new Error(`not a plain SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

export interface InsertOptions<K extends string> {
  /** ON CONFLICT (these columns) DO NOTHING: rows that would violate that unique index are skipped. */
  skipConflictsOn?: string[];
  /** Columns returned for every row actually inserted (skipped rows return nothing). */
  returning?: K[];
  /**
   * ON CONFLICT (`on`) DO UPDATE instead (an upsert in one statement): the stored row takes the new row's `set`
   * columns, and its `fill` columns only where the new value is not null (a report that says nothing about a
   * field keeps what was stored). Rows of one call must not repeat a key: PostgreSQL refuses to update one row
   * twice in a statement.
   */
  mergeOn?: { on: string[]; set: string[]; fill?: string[] };
}

function mergeClause(table: string, merge: NonNullable<InsertOptions<string>["mergeOn"]>): string {
  // `excluded` is the row the INSERT proposed; the same spelling on SQLite (3.24+) and PostgreSQL.
  const assignments = [
    ...merge.set.map((c) => `${quote(c)} = excluded.${quote(c)}`),
    ...(merge.fill ?? []).map((c) => `${quote(c)} = COALESCE(excluded.${quote(c)}, ${quote(table)}.${quote(c)})`),
  ];
  return ` ON CONFLICT (${merge.on.map(quote).join(", ")}) DO UPDATE SET ${assignments.join(", ")}`;
}

const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATE_ALL = /\p{Cs}/gu;

/**
 * A value as the JSON row carries it so that the database stores what Prisma's adapter would have bound. SQLite
 * keeps a DateTime as the text @prisma/adapter-better-sqlite3 binds (its default timestampFormat, "iso8601":
 * the ISO string with "+00:00"), and queries compare that text; PostgreSQL's timestamp(3) reads the ISO string
 * and, being "without time zone", ignores its "Z" (UTC, as Prisma writes it). A string that is not well-formed
 * UTF-16 (a lone surrogate) is bound by pg as U+FFFD; PostgreSQL refuses the JSON escape of a lone surrogate, so
 * it is replaced here the same way (SQLite decodes the escape to what better-sqlite3 binds). Infinity and NaN
 * become null, as they always did: Prisma passes raw parameters on as JSON too.
 */
export function jsonValue(value: RowValue, postgres: boolean): string | number | boolean | null {
  if (value instanceof Date) return postgres ? value.toISOString() : value.toISOString().replace("Z", "+00:00");
  if (postgres && typeof value === "string" && LONE_SURROGATE.test(value)) return value.replace(LONE_SURROGATE_ALL, "\uFFFD");
  return value;
}

/**
 * The statement's one parameter: an object whose `rows` the statement reads. Prisma passes an object parameter
 * to the driver as its JSON text, serialising it once; a string of JSON would be escaped again inside Prisma's
 * own serialisation of the parameters and unescaped after (twice the text, every quote of every raw record).
 */
function jsonRows(rows: InsertRow[], columns: string[], postgres: boolean): { rows: Record<string, string | number | boolean | null>[] } {
  return {
    rows: rows.map((row) => {
      const out: Record<string, string | number | boolean | null> = {};
      for (const c of columns) out[c] = jsonValue(row[c] ?? null, postgres);
      return out;
    }),
  };
}

/**
 * The SELECT that unpacks the JSON parameter into `columns`. PostgreSQL types each field by the table's own
 * column (json_populate_recordset over the table's row type); SQLite's `->>` gives the JSON value as SQL text,
 * integer or real, which the column's affinity stores as a bound value would be (a Float column still gets
 * REAL for a whole number). jsonb_each, not json_each: json_each hands each row over as JSON text that every
 * `->>` parses again (a column each), jsonb_each as SQLite's parsed binary form (SQLite 3.51+; the locked
 * better-sqlite3 12.11 bundles 3.53): a page of 100 tasks took ~3 ms of SQLite's time instead of ~6 ms.
 * `WHERE true`: SQLite's parser needs it before an upsert clause after a SELECT.
 */
export function selectFromJson(table: string, columns: string[], postgres: boolean): string {
  if (postgres) return `SELECT ${columns.map(quote).join(", ")} FROM json_populate_recordset(NULL::${quote(table)}, $1::json -> 'rows')`;
  return `SELECT ${columns.map((c) => `value ->> '${c}'`).join(", ")} FROM jsonb_each(?, '$.rows') WHERE true`;
}

/**
 * Inserts `rows` into `table`. Rows that name different columns go in separate statements (a column a row
 * leaves out takes its database default, as with Prisma). Returns the `returning` columns of the inserted
 * rows, in no particular order.
 */
export async function insertRows<K extends string = never>(
  db: RawExecutor,
  table: string,
  rows: InsertRow[],
  opts: InsertOptions<K> = {},
): Promise<Record<K, unknown>[]> {
  const postgres = isPostgres();
  const groups = new Map<string, InsertRow[]>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((c) => row[c] !== undefined);
    const key = columns.join(",");
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const conflict = opts.mergeOn ? mergeClause(table, opts.mergeOn) : opts.skipConflictsOn?.length ? ` ON CONFLICT (${opts.skipConflictsOn.map(quote).join(", ")}) DO NOTHING` : "";
  const returning = opts.returning?.length ? ` RETURNING ${opts.returning.map(quote).join(", ")}` : "";
  const out: Record<K, unknown>[] = [];
  for (const [key, group] of groups) {
    const columns = key.split(",");
    const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) `;
    for (let start = 0; start < group.length; start += MAX_ROWS_PER_STATEMENT) {
      const chunk = group.slice(start, start + MAX_ROWS_PER_STATEMENT);
      const sql = head + selectFromJson(table, columns, postgres) + conflict + returning;
      const args = [jsonRows(chunk, columns, postgres)];
      if (returning) out.push(...(await db.$queryRawUnsafe<Record<K, unknown>[]>(sql, ...args)));
      else await db.$executeRawUnsafe(sql, ...args);
    }
  }
  return out;
}
