// Integration tests run against a real database: TEST_DATABASE_URL (a SQLite file or a PostgreSQL URL,
// set by scripts/test-integration.sh). freshDatabase() empties it, applies every migration and points the
// process-wide client at it. Never a mocked database.
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isPostgres } from "../config";
import { getDb, type Db } from "../db";
import { applyMigrations } from "../migrations";

let counter = 0;

export async function freshDatabase(): Promise<Db> {
  const g = globalThis as unknown as { dialboardDb?: Db; dialboardAuth?: unknown };
  if (g.dialboardDb) await g.dialboardDb.$disconnect();
  g.dialboardDb = undefined;
  g.dialboardAuth = undefined;

  const base = process.env.TEST_DATABASE_URL ?? `file:${path.join(os.tmpdir(), `dialboard-vitest-${process.pid}`, "test.db")}`;
  let url: string;
  if (isPostgres(base)) {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await client.end();
    url = base;
  } else {
    url = base.replace(/\.db$/, `-${process.pid}-${++counter}.db`);
    rmSync(url.replace(/^file:/, ""), { force: true });
  }
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return getDb();
}

export function databaseKind(): "postgresql" | "sqlite" {
  return isPostgres(process.env.TEST_DATABASE_URL ?? "") ? "postgresql" : "sqlite";
}
