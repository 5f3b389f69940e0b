import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { getDb } from "../db";
import { databaseKind, freshDatabase } from "../testing/db";
import { claimLease, renewLease, withLease } from "./lease";
import { syncAccount, type SyncResult } from "./sync";
import { createAccount, NX_CREDENTIALS, nxSimTask, startNxcloud } from "./test-support";

const root = path.resolve(import.meta.dirname, "../../..");

describe("withLease", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("runs for one owner at a time, is released afterwards, and is taken over once expired", async () => {
    let inside = 0;
    const first = withLease("job", "a", 60_000, async () => {
      inside++;
      expect(await withLease("job", "b", 60_000, async () => "b ran")).toBeNull();
      return "a ran";
    });
    expect(await first).toBe("a ran");
    expect(inside).toBe(1);
    expect(await getDb().jobLease.count()).toBe(0);
    expect(await withLease("job", "b", 60_000, async () => "b ran")).toBe("b ran");

    // A crashed owner's lease expires; the next owner takes it and the old one cannot renew it.
    expect(await claimLease("job", "crashed", 1, new Date(Date.now() - 10_000))).toBe(true);
    expect(await claimLease("job", "c", 60_000)).toBe(true);
    expect(await renewLease("job", "crashed", 60_000)).toBe(false);
    expect(await renewLease("job", "c", 60_000)).toBe(true);
    expect(await claimLease("job", "d", 60_000)).toBe(false);
  });
});

describe("two instances syncing the same account", () => {
  let sim: NxcloudSimulator;
  beforeAll(async () => {
    // Latency keeps the first sync inside its lease long enough for the second to try.
    sim = await startNxcloud({ latencyMs: 150 });
    for (let i = 0; i < 300; i++) sim.state.tasks.push(nxSimTask(i, { orders: 1 }));
  });
  afterAll(async () => {
    await sim.stop();
  });

  /** PostgreSQL: a second Node process, as a second app instance would be. */
  async function syncInChildProcess(accountId: string, ready: () => void): Promise<{ go: () => void; result: Promise<SyncResult> }> {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "sync-child.fixture.ts"), accountId], {
      cwd: root,
      env: process.env,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toBe("ready");
    ready();
    const result = (async () => {
      const next = await iterator.next();
      return JSON.parse(String(next.value)) as SyncResult;
    })();
    return { go: () => child.stdin.write("go\n"), result };
  }

  it(`never run at once: one runs, the other is skipped (${databaseKind()})`, { timeout: 60_000 }, async () => {
    await freshDatabase();
    const accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
    let results: SyncResult[];
    if (databaseKind() === "postgresql") {
      const child = await syncInChildProcess(accountId, () => {});
      child.go();
      const mine = syncAccount(accountId);
      results = await Promise.all([mine, child.result]);
    } else {
      // SQLite is one file for one instance; two runs in one process exercise the same lease rows.
      results = await Promise.all([syncAccount(accountId), syncAccount(accountId)]);
    }
    expect(results.map((r) => r.status).sort()).toEqual(["ok", "skipped"]);
    const ran = results.find((r) => r.status === "ok")!;
    const skipped = results.find((r) => r.status === "skipped")!;
    // The skipped caller is pointed at the run in progress.
    expect(skipped.runId).toBe(ran.runId);
    expect(await getDb().syncRun.count({ where: { accountId } })).toBe(1);
    expect(await getDb().task.count({ where: { accountId } })).toBe(300);
    expect(await getDb().jobLease.count()).toBe(0);
  });
});
