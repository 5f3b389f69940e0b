// Inserting rows that are all new on a connection of our own, outside Prisma (issue 14 goal 2): an account's
// first full sync writes 10,000 tasks with their raw provider records (~100 kB a page). Through Prisma even one
// JSON parameter (bulk-insert.ts) is serialised, parsed and serialised again by its query compiler and driver
// adapter before the database sees it, and that per-byte work made the first sync cost twice the listing. Here
// the driver gets the values directly: SQLite binds each row to a prepared statement (better-sqlite3, values
// mapped exactly as @prisma/adapter-better-sqlite3 maps them), PostgreSQL reads the page from one JSON text
// (JSON.stringify once; the same statement and value forms as bulk-insert.ts). The driver runs in a worker
// thread (openThreaded below).
// All or nothing: a row that hits the named unique index (created meanwhile by another writer) rolls the whole
// call back, and the caller goes the usual way through Prisma, which reads what exists first.
import "server-only";
import { Worker } from "node:worker_threads";
import { quote, selectFromJson, type InsertRow } from "./bulk-insert";
import { databaseUrl, isPostgres } from "./config";
import { workerCalls } from "./worker-calls";

/** How long a SQLite call waits for the write lock (a long import's batch, a webhook apply) before it fails. */
const BUSY_GIVE_UP_MS = 60_000;

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

/** One statement for the worker: its text, the columns it takes, and the rows (their values mapped there). */
interface Statement {
  sql: string;
  columns: string[];
  rows: InsertRow[];
}

function statements(batches: NewRows[], postgres: boolean): Statement[] {
  const out: Statement[] = [];
  for (const { table, rows, uniqueOn } of batches) {
    for (const [key, group] of byColumns(rows)) {
      const columns = key.split(",");
      const into = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")})`;
      const conflict = `ON CONFLICT (${uniqueOn.map(quote).join(", ")}) DO NOTHING`;
      const sql = postgres ? `${into} ${selectFromJson(table, columns, true)} ${conflict}` : `${into} VALUES (${columns.map(() => "?").join(", ")}) ${conflict}`;
      out.push({ sql, columns, rows: group });
    }
  }
  return out;
}

// The worker, plain JavaScript (the same text whether this module runs in Next's bundle, under tsx or in
// vitest). SQLite: one transaction per call, begun IMMEDIATE; a row that hits the unique index rolls it back.
// Its busy handler may sleep: only this thread waits, and a Prisma transaction of the main thread holding the
// lock goes on and releases it. Durability as Prisma's connection (SQLite's default). PostgreSQL: a pool of
// `connections`, calls run concurrently, each in its own transaction; the page is one JSON text parameter
// (bulk-insert.ts), stringified here.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, postgres, connections, busyMs } = workerData;
class RowExisted extends Error {}
// Values as Prisma's adapters bind them (bulk-insert.ts jsonValue; @prisma/adapter-better-sqlite3's mapArg,
// timestampFormat "iso8601"): PostgreSQL reads a date's ISO string, and a lone surrogate as pg binds it
// (U+FFFD); SQLite gets the ISO string with "+00:00", and 1/0 for a boolean.
const pgValue = (v) => (v instanceof Date ? v.toISOString() : typeof v === "string" && !v.isWellFormed() ? v.toWellFormed() : v === undefined ? null : v);
const sqliteValue = (v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v);
let run, close;
if (postgres) {
  const pg = require("pg");
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on("error", () => undefined);
  const names = new Map();
  run = async (statements) => {
    const client = await pool.connect();
    let open = false;
    try {
      await client.query("BEGIN");
      open = true;
      for (const s of statements) {
        const rows = s.rows.map((row) => {
          const out = {};
          for (const c of s.columns) out[c] = pgValue(row[c]);
          return out;
        });
        // Prepared once per connection: a page's statement is planned once, not on every page.
        let name = names.get(s.sql);
        if (!name) names.set(s.sql, (name = "new_rows_" + names.size));
        const res = await client.query({ name, text: s.sql, values: [JSON.stringify({ rows })] });
        if (res.rowCount !== s.rows.length) throw new RowExisted();
      }
      await client.query("COMMIT");
      open = false;
      return true;
    } catch (e) {
      if (open) await client.query("ROLLBACK").catch(() => undefined);
      if (e instanceof RowExisted) return false;
      throw e;
    } finally {
      client.release();
    }
  };
  close = () => pool.end();
} else {
  const Database = require("better-sqlite3");
  const db = new Database(url.replace(/^file:/, ""), { timeout: busyMs });
  db.pragma("journal_mode = WAL");
  const prepared = new Map();
  const insert = db.transaction((statements) => {
    for (const s of statements) {
      let st = prepared.get(s.sql);
      if (!st) prepared.set(s.sql, (st = db.prepare(s.sql)));
      for (const row of s.rows) if (st.run(s.columns.map((c) => sqliteValue(row[c]))).changes !== 1) throw new RowExisted();
    }
  });
  run = async (statements) => {
    try {
      insert.immediate(statements);
      return true;
    } catch (e) {
      if (e instanceof RowExisted) return false;
      throw e;
    }
  };
  close = async () => db.close();
}
parentPort.on("message", (m) => {
  if (m.close) {
    Promise.resolve(close()).catch(() => undefined).then(() => parentPort.postMessage({ id: m.id }));
    return;
  }
  run(m.statements).then(
    (written) => parentPort.postMessage({ id: m.id, written }),
    (e) => parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) }),
  );
});
`;

type Reply = { id: number; written?: boolean; error?: string };

/**
 * The writer's work runs in a thread of its own (issue 14 goal 2): building the statements' values is all the
 * calling thread does. A first sync's pages are ~1 MB of text each to bind or send, and on the main thread that
 * work and SQLite's came on top of fetching and reading the listing, on the thread that also serves the app.
 */
function openThreaded(url: string, postgres: boolean, connections: number): NewRowsWriter {
  const worker = new Worker(WORKER, { eval: true, workerData: { url, postgres, connections, busyMs: BUSY_GIVE_UP_MS } });
  // Never keeps the process alive on its own (a test file's end); a call in flight is answered regardless.
  worker.unref();
  const ask = workerCalls<Reply>(worker, "new-rows writer");
  return {
    async insertAllNew(batches) {
      const reply = await ask({ statements: statements(batches, postgres) });
      if (reply.error !== undefined) throw new Error(`new rows not written: ${reply.error}`);
      return reply.written!;
    },
    async close() {
      await ask({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** A writer on the app's database; `connections`: how many calls may run at once (PostgreSQL). */
export function openNewRowsWriter({ url = databaseUrl(), connections = 1 }: { url?: string; connections?: number } = {}): NewRowsWriter {
  return openThreaded(url, isPostgres(url), connections);
}
