// Prisma's SQLite adapter, with transactions that begin by taking the write lock (BEGIN IMMEDIATE).
//
// Three connections write the SQLite file: Prisma's, the webhook inbox's (a worker thread) and the bulk
// writer's (imports). Prisma's adapter starts an interactive transaction with a plain BEGIN, which takes no lock
// until the first statement. A transaction that reads and then writes then holds a snapshot; if another
// connection commits before its first write, SQLite cannot move the snapshot forward inside the transaction and
// refuses the write at once with SQLITE_BUSY — the busy handler is not consulted (docs/stack.md, "SQLite with
// several writers"). Under a stream of callbacks the inbox commits every few milliseconds, so forms, syncs and
// the end of an import failed at random. BEGIN IMMEDIATE takes the write lock first, waiting in the busy handler
// (better-sqlite3's `timeout`) for the other connection's commit; nothing in the transaction can then be refused. Prisma's transactions are serialised on its one connection anyway (the
// adapter holds a mutex per transaction), so writers lose no concurrency.
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { Database } from "better-sqlite3";

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

export function sqliteAdapter(url: string): PrismaBetterSqlite3 {
  const factory = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // The adapter keeps its better-sqlite3 handle in `client` and begins with prepare("BEGIN").run(). Checked
    // here so that an upgrade that changes either fails at the first connection, not at random under load.
    const client = (adapter as unknown as { client?: Database }).client;
    if (!client || typeof client.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 changed: no client to make transactions immediate");
    const prepare = client.prepare.bind(client) as Database["prepare"];
    client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as Database["prepare"];
    return adapter;
  };
  return factory;
}
