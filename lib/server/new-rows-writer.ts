// Inserting rows that are all new on a connection of our own, outside Prisma (issue 14 goal 2): an account's
// first full sync writes 10,000 tasks with their raw provider records (~100 kB a page). Through Prisma even one
// JSON parameter (bulk-insert.ts) is serialised, parsed and serialised again by its query compiler and driver
// adapter before the database sees it, and that per-byte work made the first sync cost twice the listing. Here
// the driver gets the values directly: SQLite binds each row to a prepared statement (better-sqlite3, values
// mapped exactly as @prisma/adapter-better-sqlite3 maps them), PostgreSQL reads the page from one JSON text
// (JSON.stringify once; the same statement and value forms as bulk-insert.ts).
// All or nothing: a row that hits the named unique index (created meanwhile by another writer) rolls the whole
// call back, and the caller goes the usual way through Prisma, which reads what exists first.
import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { jsonValue, quote, selectFromJson, type InsertRow, type RowValue } from "./bulk-insert";
import { databaseUrl, isPostgres } from "./config";
import { logger } from "./logger";
import { sqliteDate, whenWriteLockFree } from "./numbers/bulk-sqlite";

export interface NewRows {
  table: string;
  rows: InsertRow[];
  /** The unique index a row may already be in; such a row makes the whole call write nothing. */
  uniqueOn: string[];
}

export interface NewRowsWriter {
  /** In one transaction, every row of every batch, in order; false (and nothing written) when any row existed. */
  insertAllNew(batches: NewRows[]): Promise<boolean>;
  close(): Promise<void>;
}

/** Rows grouped by the columns they name: a column a row leaves out takes its database default, as with Prisma. */
function byColumns(rows: InsertRow[]): Map<string, InsertRow[]> {
  const groups = new Map<string, InsertRow[]>();
  for (const row of rows) {
    const key = Object.keys(row)
      .filter((c) => row[c] !== undefined)
      .join(",");
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Rolls a SQLite transaction back when a row existed. */
class RowExisted extends Error {}

/** As @prisma/adapter-better-sqlite3 binds a value (its mapArg, timestampFormat "iso8601"). */
function sqliteValue(value: RowValue): string | number | null {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * SQLite: a connection of this process's main thread, so it follows docs/stack.md "SQLite with several writers":
 * its transactions begin IMMEDIATE, its busy handler waits only briefly, and the lock is otherwise waited for with
 * the event loop running (a Prisma transaction of this process may hold it). The transaction is synchronous: no
 * other JavaScript runs while it holds the lock. Durability as Prisma's connection (SQLite's default).
 */
function openSqlite(url: string): NewRowsWriter {
  const db = new Database(url.replace(/^file:/, ""), { timeout: 50 });
  db.pragma("journal_mode = WAL");
  const statements = new Map<string, Database.Statement>();
  const statement = (table: string, columns: string[], uniqueOn: string[]) => {
    const key = `${table}|${columns.join(",")}|${uniqueOn.join(",")}`;
    let s = statements.get(key);
    if (!s) {
      s = db.prepare(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ON CONFLICT (${uniqueOn.map(quote).join(", ")}) DO NOTHING`,
      );
      statements.set(key, s);
    }
    return s;
  };
  const insert = db.transaction((batches: NewRows[]) => {
    for (const { table, rows, uniqueOn } of batches) {
      for (const [key, group] of byColumns(rows)) {
        const columns = key.split(",");
        const s = statement(table, columns, uniqueOn);
        for (const row of group) {
          if (s.run(columns.map((c) => sqliteValue(row[c] ?? null))).changes !== 1) throw new RowExisted();
        }
      }
    }
  });
  return {
    async insertAllNew(batches) {
      try {
        await whenWriteLockFree(() => insert.immediate(batches));
        return true;
      } catch (e) {
        if (e instanceof RowExisted) return false;
        throw e;
      }
    },
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL: a small pool of our own, so that the sync's pages in flight each have their connection. */
function openPostgres(url: string, connections: number): NewRowsWriter {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // An idle connection that breaks (the server restarted) is dropped by the pool; unheard, the event would end
  // the process. A call on a broken connection fails by itself.
  pool.on("error", (e) => logger.warn({ err: e.message }, "new-rows writer: idle connection lost"));
  return {
    async insertAllNew(batches) {
      const client = await pool.connect();
      let done = false;
      try {
        await client.query("BEGIN");
        for (const { table, rows, uniqueOn } of batches) {
          for (const [key, group] of byColumns(rows)) {
            const columns = key.split(",");
            const text = JSON.stringify({ rows: group.map((row) => Object.fromEntries(columns.map((c) => [c, jsonValue(row[c] ?? null, true)]))) });
            const res = await client.query(
              `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) ${selectFromJson(table, columns, true)} ON CONFLICT (${uniqueOn.map(quote).join(", ")}) DO NOTHING`,
              [text],
            );
            if (res.rowCount !== group.length) {
              await client.query("ROLLBACK");
              done = true;
              return false;
            }
          }
        }
        await client.query("COMMIT");
        done = true;
        return true;
      } finally {
        if (!done) await client.query("ROLLBACK").catch(() => undefined);
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A writer on the app's database; `connections`: how many calls may run at once (PostgreSQL). */
export function openNewRowsWriter({ url = databaseUrl(), connections = 1 }: { url?: string; connections?: number } = {}): NewRowsWriter {
  return isPostgres(url) ? openPostgres(url, connections) : openSqlite(url);
}
