// Full sync (issue 5 "Acceptance", benchmarks): 10,000 tasks in the NXCloud simulator over loopback, synced
// into a fresh SQLite mirror (every task created, a snapshot each), then again (every task confirmed), next
// to the time it takes just to fetch the same pages with the same client. Run alone: `npx tsx bench/sync.bench.ts`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stubServerOnly, type Row } from "./support";

const TASKS = 10_000;



export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-sync-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  process.env.LOG_LEVEL ??= "error";
  stubServerOnly();
  const support = await import("../lib/server/mirror/test-support");
  const { syncAccount } = await import("../lib/server/mirror/sync");
  const { providerContextFor } = await import("../lib/server/services/provider-accounts");

  const db = await support.scratchDatabase(path.join(dir, "bench.db"));
  const sim = await support.startNxcloud();
  for (let i = 0; i < TASKS; i++) sim.state.tasks.push(support.nxSimTask(i, { status: (i % 5) + 1, orders: 3, called: i % 4 }));
  try {
    const accountId = await support.createAccount("nxcloud", sim.url, support.NX_CREDENTIALS);

    const { adapter, ctx } = await providerContextFor(accountId);
    let t0 = performance.now();
    let pages = 0;
    let fetched = 0;
    for (let cursor: string | null = null; ; ) {
      const page = await adapter.listTasks(ctx, cursor);
      pages++;
      fetched += page.items.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const fetchSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const first = await syncAccount(accountId);
    const firstSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const second = await syncAccount(accountId);
    const secondSeconds = (performance.now() - t0) / 1000;
    const mirrored = await db.task.count({ where: { accountId, goneAt: null } });

    return [
      { name: "fetch every page only (same client)", value: fetchSeconds, unit: "s", note: `${pages} pages, ${fetched} tasks` },
      { name: "first full sync (create + snapshot each)", value: firstSeconds, unit: "s", note: `${first.status}: ${first.created} created` },
      { name: "second full sync (confirm each)", value: secondSeconds, unit: "s", note: `${second.status}: ${second.updated} changed` },
      { name: "tasks in the mirror after both", value: mirrored, unit: "tasks", note: mirrored === TASKS ? "exact" : `MISMATCH: expected ${TASKS}` },
    ];
  } finally {
    await sim.stop();
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run()) console.log(`${r.name.padEnd(48)} ${r.value.toFixed(2).padStart(10)} ${r.unit.padEnd(6)} ${r.note ?? ""}`);
}
