import "server-only";
import { databaseUrl, isPostgres } from "../config";
import { getDb } from "../db";
import { migrationStatus } from "../migrations";

export interface Health {
  ok: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; pending: string[]; modified: string[] } | null;
}

export async function checkHealth(): Promise<Health> {
  const db = getDb();
  try {
    const status = await migrationStatus(
      (sql) => db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(sql),
      isPostgres(databaseUrl()),
    );
    const ok = status.pending.length === 0 && status.modified.length === 0;
    return { ok, database: "ok", migrations: { applied: status.applied.length, pending: status.pending, modified: status.modified } };
  } catch {
    return { ok: false, database: "unreachable", migrations: null };
  }
}
