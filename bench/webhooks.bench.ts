// Webhook ingestion (issue 5 "Acceptance", benchmarks): signed NXCloud by-call callbacks, 10 % of them
// delivered twice, POSTed over loopback HTTP to the real route handler on a real SQLite database, next to a
// bare node:http server in the same run (the ceiling of this machine and client). Then the counts that
// prove nothing was lost or counted twice. Run alone: `npx tsx bench/webhooks.bench.ts`.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stubServerOnly, type Row } from "./support";

const UNIQUE_CALLS = 4_000;
const DUPLICATE_SHARE = 0.1;
const TASKS = 20;
const CONCURRENCY = 16;



async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Sends every delivery with CONCURRENCY requests in flight; returns per-request latencies (ms) and the wall time. */
async function load(base: string, deliveries: Delivery[]): Promise<{ latencies: number[]; seconds: number; failures: number }> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++];
        const t0 = performance.now();
        const res = await fetch(base + d.path, { method: "POST", body: d.body, headers: d.headers });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) failures++;
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, failures };
}

function p99(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-webhooks-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  process.env.LOG_LEVEL ??= "error";
  stubServerOnly();
  const support = await import("../lib/server/mirror/test-support");
  const { POST } = await import("../app/api/webhooks/[provider]/[accountId]/route");
  const { flushWebhookApplies } = await import("../lib/server/mirror/webhooks");
  const { upsertRemoteTask } = await import("../lib/server/mirror/upsert");

  const db = await support.scratchDatabase(path.join(dir, "bench.db"));
  const accountId = await support.createAccount("nxcloud", "http://127.0.0.1:9", support.NX_CREDENTIALS);
  const taskIds: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    const remoteId = `bench-task-${i}`;
    const { id } = await upsertRemoteTask(accountId, { remoteId, name: remoteId, kind: "call", taskType: "callbot", status: "running", rawStatus: "2", createdAt: null, stats: null, concurrency: null, raw: {} });
    taskIds.push(id);
  }

  // Signed before the clock starts; duplicates are the same bytes and headers, as a provider re-delivers.
  const startTs = Math.floor(Date.now() / 1000) - 6 * 3600;
  const unique: Delivery[] = Array.from({ length: UNIQUE_CALLS }, (_, i) => {
    const signed = support.signedNxcloudCall({ userTaskID: `bench-task-${i % TASKS}`, callID: `bench-call-${i}`, answered: i % 3 !== 0, startTs: startTs + i * 5 });
    return { path: `/api/webhooks/nxcloud/${accountId}`, body: signed.body, headers: signed.headers };
  });
  const deliveries = [...unique];
  const duplicates = Math.round(UNIQUE_CALLS * DUPLICATE_SHARE);
  for (let k = 0; k < duplicates; k++) deliveries.splice(Math.floor((k * 7919) % deliveries.length) + 1, 0, unique[(k * 37) % UNIQUE_CALLS]);

  const app = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const [, , , provider, id] = url.pathname.split("/");
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await POST(new Request(url, { method: "POST", headers, body: new Uint8Array(body) }), { params: Promise.resolve({ provider, accountId: id }) });
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  const bare = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  const [appUrl, bareUrl] = await Promise.all([listen(app), listen(bare)]);

  try {
    const ceiling = await load(bareUrl, deliveries);
    const started = performance.now();
    const ingest = await load(appUrl, deliveries);
    await flushWebhookApplies();
    const applySeconds = (performance.now() - started) / 1000;

    const [records, inbox, applied, rollup] = await Promise.all([
      db.callRecord.count({ where: { taskId: { in: taskIds } } }),
      db.webhookEvent.count(),
      db.webhookEvent.count({ where: { appliedAt: { not: null } } }),
      db.hourlyRollup.aggregate({ _sum: { calls: true } }),
    ]);
    const exact = records === UNIQUE_CALLS && inbox === UNIQUE_CALLS && applied === UNIQUE_CALLS && rollup._sum.calls === UNIQUE_CALLS;
    return [
      { name: "bare node:http, same deliveries (ceiling)", value: deliveries.length / ceiling.seconds, unit: "req/s", note: `p99 ${p99(ceiling.latencies).toFixed(1)} ms` },
      { name: "webhook route → SQLite inbox (answered 200)", value: deliveries.length / ingest.seconds, unit: "events/s", note: `${deliveries.length} deliveries, ${duplicates} duplicates, ${CONCURRENCY} in flight` },
      { name: "webhook route p99 latency", value: p99(ingest.latencies), unit: "ms", note: `${ingest.failures} non-200` },
      { name: "received → applied (calls + hourly roll-up)", value: UNIQUE_CALLS / applySeconds, unit: "events/s", note: "until every inbox row is applied" },
      {
        name: "calls stored / roll-up calls / inbox rows",
        value: records,
        unit: "calls",
        note: `${exact ? "exact" : "MISMATCH"}: expected ${UNIQUE_CALLS}; roll-up ${rollup._sum.calls}, inbox ${inbox}, applied ${applied}`,
      },
    ];
  } finally {
    await new Promise((r) => app.close(r));
    await new Promise((r) => bare.close(r));
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run()) console.log(`${r.name.padEnd(48)} ${r.value.toFixed(1).padStart(10)} ${r.unit.padEnd(9)} ${r.note ?? ""}`);
}
