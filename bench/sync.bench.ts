// Full sync (issue 5 "Acceptance", benchmarks): 10,000 tasks in the NXCloud simulator over loopback, synced
// into a fresh SQLite mirror (every task created, a snapshot each), then again (every task confirmed), next
// to the time it takes just to fetch the same pages with the same client (both after a warm-up pass). Prints
// `BENCH sync-first seconds=… fetch_seconds=… ratio=… db=sqlite` (and db=postgres when BENCH_PG_URL names a
// scratch PostgreSQL database, whose public schema it drops). Run alone: `npx tsx bench/sync.bench.ts`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freshBenchDatabase, stubServerOnly, type Row } from "./support";

const TASKS = 10_000;
/** Rounds measured; the medians are printed. */
const RUNS = 3;



async function database(name: "sqlite" | "postgres", url: string) {
  await freshBenchDatabase(url);
  const { getDb } = await import("../lib/server/db");
  return getDb();
}

async function measure(name: "sqlite" | "postgres", url: string): Promise<Row[]> {
  const support = await import("../lib/server/mirror/test-support");
  const { syncAccount } = await import("../lib/server/mirror/sync");
  const { providerContextFor } = await import("../lib/server/services/provider-accounts");
  const { LEDGER_LIVE_STATUSES, LEDGER_PAGES_PER_TASK, LEDGER_TASKS_IN_FLIGHT, LEDGER_TASKS_PER_RUN } = await import("../lib/server/numbers/ledger-sync");

  const db = await database(name, url);
  const sim = await support.startNxcloud();
  for (let i = 0; i < TASKS; i++) sim.state.tasks.push(support.nxSimTask(i, { status: (i % 5) + 1, orders: 3, called: i % 4 }));
  try {
    // Every page a first sync fetches, nothing stored: the task listing, and the ledger's call and number
    // listings of the same tasks (ledger-sync.ts: the first live tasks of the listing, a few at once, as the
    // listing's pages arrive). `ledger: false`: the task listing alone.
    const listAll = async (accountId: string, { ledger = true } = {}) => {
      const { adapter, ctx } = await providerContextFor(accountId);
      let pages = 0;
      let fetched = 0;
      let ledgerPages = 0;
      const queue: string[] = [];
      let taken = 0;
      const inFlight = new Set<Promise<void>>();
      const follow = async () => {
        for (let remoteId = queue.shift(); remoteId; remoteId = queue.shift()) {
          const ops = adapter.capabilities.numberOps;
          const lists: ((cursor: string | null) => Promise<{ nextCursor: string | null }>)[] = [];
          if (ops.calls && adapter.listCalls) lists.push((cursor) => adapter.listCalls!(ctx, remoteId, cursor));
          if (ops.list && adapter.listNumbers) lists.push((cursor) => adapter.listNumbers!(ctx, remoteId, cursor));
          for (const list of lists) {
            for (let page = 0, cursor: string | null = null; page < LEDGER_PAGES_PER_TASK; page++) {
              const res = await list(cursor);
              ledgerPages++;
              if (!(cursor = res.nextCursor)) break;
            }
          }
        }
      };
      for (let cursor: string | null = null; ; ) {
        const page = await adapter.listTasks(ctx, cursor);
        pages++;
        fetched += page.items.length;
        for (const t of page.items) {
          if (!ledger || taken >= LEDGER_TASKS_PER_RUN || !LEDGER_LIVE_STATUSES.includes(t.status)) continue;
          taken++;
          queue.push(t.remoteId);
        }
        while (inFlight.size < LEDGER_TASKS_IN_FLIGHT && queue.length) {
          const w: Promise<void> = follow().finally(() => inFlight.delete(w));
          inFlight.add(w);
        }
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      while (inFlight.size) await Promise.all(inFlight);
      return { pages, fetched, ledgerPages };
    };
    // Warm-up, not timed: one listing and one first sync of another account of the same provider, so that
    // neither figure below includes the JIT compiling the code it runs (the first database measured, cold, had
    // a slower listing to compare with), as in a server that has been up a while.
    const warm = await support.createAccount("nxcloud", sim.url, support.NX_CREDENTIALS);
    await listAll(warm);
    await syncAccount(warm);

    // RUNS rounds, each on an account of its own: the listing alone, every page the sync fetches, then the
    // first sync; the medians are compared (one round on a shared machine swings by a third).
    const rounds: { listing: number; fetch: number; first: number }[] = [];
    let accountId = "";
    let listed = { pages: 0, fetched: 0, ledgerPages: 0 };
    let first: Awaited<ReturnType<typeof syncAccount>> | undefined;
    for (let r = 0; r < RUNS; r++) {
      accountId = await support.createAccount("nxcloud", sim.url, support.NX_CREDENTIALS);
      let t = performance.now();
      await listAll(accountId, { ledger: false });
      const listing = (performance.now() - t) / 1000;
      t = performance.now();
      listed = await listAll(accountId);
      const fetch = (performance.now() - t) / 1000;
      t = performance.now();
      first = await syncAccount(accountId);
      rounds.push({ listing, fetch, first: (performance.now() - t) / 1000 });
    }
    const median = (k: keyof (typeof rounds)[number]) => rounds.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    const [listingSeconds, fetchSeconds, firstSeconds] = [median("listing"), median("fetch"), median("first")];
    const { pages, fetched, ledgerPages } = listed;
    const t0 = performance.now();
    const second = await syncAccount(accountId);
    const secondSeconds = (performance.now() - t0) / 1000;
    const mirrored = await db.task.count({ where: { accountId, goneAt: null } });
    const snapshots = await db.taskSnapshot.count({ where: { task: { accountId } } });
    console.log(
      `BENCH sync-first seconds=${firstSeconds.toFixed(2)} fetch_seconds=${fetchSeconds.toFixed(2)} ratio=${(firstSeconds / fetchSeconds).toFixed(2)} listing_seconds=${listingSeconds.toFixed(2)} listing_ratio=${(firstSeconds / listingSeconds).toFixed(2)} tasks=${mirrored} expected=${TASKS} db=${name}`,
    );
    return [
      { name: `fetch the task listing only (${name})`, value: listingSeconds, unit: "s", note: `${pages} pages, ${fetched} tasks; median of ${RUNS}` },
      { name: `fetch every page the sync fetches (${name})`, value: fetchSeconds, unit: "s", note: `the listing and ${ledgerPages} ledger pages; median of ${RUNS}` },
      { name: `first full sync (create + snapshot each, ${name})`, value: firstSeconds, unit: "s", note: `${first!.status}: ${first!.created} created, ${snapshots} snapshots; median of ${RUNS}` },
      { name: `second full sync (confirm each, ${name})`, value: secondSeconds, unit: "s", note: `${second.status}: ${second.updated} changed` },
      { name: `tasks in the mirror after both (${name})`, value: mirrored, unit: "tasks", note: mirrored === TASKS ? "exact" : `MISMATCH: expected ${TASKS}` },
    ];
  } finally {
    await sim.stop();
    await db.$disconnect();
  }
}

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-sync-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  // The account's credentials are encrypted at rest; a PostgreSQL run alone (BENCH_DB=postgres) is not in the
  // embedded mode that would make a key file.
  process.env.DIALBOARD_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL ??= "error";
  stubServerOnly();
  const dbs: { name: "sqlite" | "postgres"; url: string }[] = [{ name: "sqlite", url: `file:${path.join(dir, "bench.db")}` }];
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL_PG;
  if (pgUrl) dbs.push({ name: "postgres", url: pgUrl });
  const out: Row[] = [];
  try {
    // BENCH_DB=postgres (or sqlite) runs one database only.
    for (const db of dbs.filter((d) => !process.env.BENCH_DB || d.name === process.env.BENCH_DB)) out.push(...(await measure(db.name, db.url)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run()) console.log(`${r.name.padEnd(48)} ${r.value.toFixed(2).padStart(10)} ${r.unit.padEnd(6)} ${r.note ?? ""}`);
}
