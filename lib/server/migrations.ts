// Applies prisma/migrations (SQLite) or prisma/postgres/migrations (PostgreSQL) in order and records each
// in Prisma's own _prisma_migrations table (same columns, sha256 checksum of the file), so the standard
// `prisma migrate deploy` stays compatible on machines that have the native engine (docs/stack.md §2).
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgres } from "./config";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(postgres: boolean, root = process.cwd()): string {
  return path.join(root, "prisma", postgres ? "postgres/migrations" : "migrations");
}

export function loadMigrations(postgres: boolean, root = process.cwd()): Migration[] {
  const dir = migrationsDir(postgres, root);
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since (a checksum mismatch). */
  modified: string[];
}

function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

/** Applies pending migrations; each runs in its own transaction. Returns the names applied now. */
export async function applyMigrations(url: string, root = process.cwd()): Promise<string[]> {
  const pgMode = isPostgres(url);
  const migrations = loadMigrations(pgMode, root);
  const appliedNow: string[] = [];
  if (pgMode) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock(727274)"); // two instances starting at once apply each migration once
      await client.query(PG_TABLE);
      const done = new Set(
        (await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map(
          (r) => r.migration_name as string,
        ),
      );
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
          await client.query("COMMIT");
          appliedNow.push(m.name);
        } catch (e) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(727274)").catch(() => {});
      await client.end();
    }
    return appliedNow;
  }
  const file = sqlitePath(url);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_TABLE);
    const done = new Set(
      (db.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as {
        migration_name: string;
      }[]).map((r) => r.migration_name),
    );
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      const run = db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
      });
      try {
        run();
      } catch (e) {
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      appliedNow.push(m.name);
    }
  } finally {
    db.close();
  }
  return appliedNow;
}

/** What is applied and what is pending, for /api/health. */
export async function migrationStatus(
  query: (sql: string) => Promise<{ migration_name: string; checksum: string }[]>,
  postgres: boolean,
  root = process.cwd(),
): Promise<MigrationStatus> {
  const rows = await query(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const files = loadMigrations(postgres, root);
  return {
    applied: files.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: files.filter((m) => !applied.has(m.name)).map((m) => m.name),
    modified: files.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name),
  };
}
