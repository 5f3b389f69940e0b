// Multi-row INSERTs for the mirror's hot paths (issue 14 goal 2). Prisma's createMany/createManyAndReturn
// compile every row through its query compiler: on a sync page of 100 tasks that cost ~10× the raw statement
// (bench/sync.bench.ts), so the first full sync of 10,000 tasks took 12× the time of fetching them. Here one
// parameterised statement per page (per distinct column set), the same text on SQLite and PostgreSQL except
// for the placeholders. Callers give every value Prisma would have given: ids, createdAt, updatedAt.
import "server-only";
import { isPostgres } from "./config";
import type { Db } from "./db";

/** What runs the statement: the process-wide client or an interactive transaction's client. */
export type RawExecutor = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

export type RowValue = string | number | boolean | Date | null;
/** A row to insert; an undefined value leaves the column to its database default. */
export type InsertRow = Record<string, RowValue | undefined>;

/**
 * Parameters per statement: SQLite allows 32,766 (since 3.32), PostgreSQL 65,535; a lower bound keeps each
 * statement's text and bind list small.
 */
export const MAX_PARAMS_PER_STATEMENT = 8_000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quote(identifier: string): string {
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
    const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `;
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length));
    for (let start = 0; start < group.length; start += perStatement) {
      const chunk = group.slice(start, start + perStatement);
      const args: RowValue[] = [];
      const tuples = chunk.map((row) => {
        const marks = columns.map((column) => {
          args.push(row[column] ?? null);
          return postgres ? `$${args.length}` : "?";
        });
        return `(${marks.join(", ")})`;
      });
      const sql = head + tuples.join(", ") + conflict + returning;
      if (returning) out.push(...(await db.$queryRawUnsafe<Record<K, unknown>[]>(sql, ...args)));
      else await db.$executeRawUnsafe(sql, ...args);
    }
  }
  return out;
}
