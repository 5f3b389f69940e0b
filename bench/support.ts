// What the benchmarks share: the row they print, and running server code outside Next.js.
import { register } from "node:module";

export interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

let stubbed = false;

/** Outside Next.js, "server-only" must resolve to nothing (Next does this for server code itself). */
export function stubServerOnly(): void {
  if (stubbed) return;
  stubbed = true;
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/**
 * Points the app's database at `url`, empties it (PostgreSQL: the public schema is dropped, so `url` must name a
 * scratch database) and applies the migrations. The app's Prisma client is reconnected on its next use.
 */
export async function freshBenchDatabase(url: string): Promise<void> {
  await closeBenchDatabase();
  process.env.DATABASE_URL = url;
  if (url.startsWith("postgres")) {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await client.end();
  }
  const { applyMigrations } = await import("../lib/server/migrations");
  await applyMigrations(url);
}

/** Disconnects the app's Prisma client, so the next use opens one on the then DATABASE_URL. */
export async function closeBenchDatabase(): Promise<void> {
  const g = globalThis as unknown as { dialboardDb?: { $disconnect(): Promise<void> } };
  if (g.dialboardDb) await g.dialboardDb.$disconnect();
  g.dialboardDb = undefined;
}
