// One Prisma client for the whole server, picked from DATABASE_URL (docs/stack.md §3): `file:` → SQLite through
// better-sqlite3 (its transactions begin with BEGIN IMMEDIATE: sqlite-adapter.ts), `postgres://` → PostgreSQL
// through pg. Both generated clients share one API; we type against the SQLite one.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { databaseUrl, isPostgres } from "./config";
import { sqliteAdapter } from "./sqlite-adapter";

export type Db = SqliteClient;

export function createDb(url = databaseUrl()): Db {
  if (isPostgres(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: sqliteAdapter(url) });
}

const globalForDb = globalThis as unknown as { dialboardDb?: Db };

/** The process-wide client (kept across hot reloads in dev). */
export function getDb(): Db {
  globalForDb.dialboardDb ??= createDb();
  return globalForDb.dialboardDb;
}
