// Contact list import (issue 13 "Benchmarks"): N generated CN rows (5 % invalid, 5 % duplicates) imported
// into a list by the real import job, next to csv-parse streaming the same file with the same options and no
// work (the ceiling of this machine), measured in the same run. Prints the table rows and one BENCH line per
// database: `BENCH import-1m rows_per_s=… baseline_rows_per_s=… ratio=… peak_rss_mb=… rows_stored=…
// rows_expected=… db=sqlite`. PostgreSQL runs too when BENCH_PG_URL (or TEST_DATABASE_URL_PG) names a
// database it may empty. `npm run bench -- import --rows 10000000` for the 10-million-row run.
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { closeBenchDatabase, freshBenchDatabase, stubServerOnly, type Row } from "./support";

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function baseline(file: string, csvOptions: object): Promise<{ rows: number; seconds: number }> {
  const t0 = performance.now();
  let rows = 0;
  for await (const _ of createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(parse(csvOptions))) rows++;
  return { rows, seconds: (performance.now() - t0) / 1000 };
}

function label(rows: number): string {
  return rows >= 1_000_000 && rows % 1_000_000 === 0 ? `${rows / 1_000_000}m` : rows >= 1000 && rows % 1000 === 0 ? `${rows / 1000}k` : String(rows);
}

/**
 * Each measurement runs in a child process whose V8 heap is capped (HEAP_MB): the import must stream to
 * finish at all (10 million rows are ~1 GB as JS objects), and a capped heap is collected as it goes —
 * uncapped, V8 on a machine with plenty of RAM lets garbage pile up to ~330 MB of RSS before collecting.
 */
const HEAP_MB = 128;

interface ChildResult {
  baseRows: number;
  baseSeconds: number;
  seconds: number;
  stored: number;
  peakRssMb: number;
}

async function measureInChild(url: string, file: string): Promise<ChildResult> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", import.meta.filename, "--child", url, file], {
    env: { ...process.env, LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`import child exited with ${code}`);
  return JSON.parse(out.trim().split("\n").pop()!) as ChildResult;
}

export async function run({ rows = 1_000_000 }: { rows?: number } = {}): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-import-"));
  process.env.DIALBOARD_DATA_DIR ??= dir;
  process.env.LOG_LEVEL ??= "error";
  stubServerOnly();
  const { writeCnList } = await import("../lib/server/numbers/testing");
  const file = path.join(dir, "list.csv");
  const gen = await writeCnList(file, rows);
  const out: Row[] = [];
  const dbs: { name: "sqlite" | "postgres"; url: string }[] = [{ name: "sqlite", url: `file:${path.join(dir, "bench.db")}` }];
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL_PG;
  if (pgUrl) dbs.push({ name: "postgres", url: pgUrl });

  // BENCH_DB=postgres (or sqlite) runs one database only.
  for (const db of dbs.filter((d) => !process.env.BENCH_DB || d.name === process.env.BENCH_DB)) {
    const r = await measureInChild(db.url, file);
    const baseRate = r.baseRows / r.baseSeconds;
    const rate = gen.rows / r.seconds;
    out.push(
      { name: `csv-parse alone, ${label(rows)} rows`, value: baseRate, unit: "rows/s", note: "baseline, same options" },
      { name: `import into a list (${db.name})`, value: rate, unit: "rows/s", note: `ratio ${(rate / baseRate).toFixed(2)}, stored ${r.stored}/${gen.expected}` },
      { name: `peak RSS (${db.name})`, value: r.peakRssMb, unit: "MB", note: `V8 heap capped at ${HEAP_MB} MB` },
    );
    console.log(
      `BENCH import-${label(rows)} rows_per_s=${Math.round(rate)} baseline_rows_per_s=${Math.round(baseRate)} ratio=${(rate / baseRate).toFixed(3)} peak_rss_mb=${Math.round(r.peakRssMb)} rows_stored=${r.stored} rows_expected=${gen.expected} db=${db.name}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

async function importOnce(url: string, file: string): Promise<{ seconds: number; stored: number }> {
  await freshBenchDatabase(url);
  const { getDb } = await import("../lib/server/db");
  const { saveUpload } = await import("../lib/server/numbers/files");
  const { createContactList, previewUpload, startImport } = await import("../lib/server/numbers/lists");
  const { runJob } = await import("../lib/server/numbers/jobs");
  const actor = { id: null, email: "bench" };
  const { id: listId } = await createContactList({ actor, name: "bench", defaultCountry: "CN" });
  const up = await saveUpload(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  const preview = await previewUpload({ uploadId: up.uploadId, listId, country: "CN" });
  const { jobId } = await startImport({ actor, uploadId: up.uploadId, fileName: "list.csv", target: { kind: "list", listId }, mapping: preview.mapping, country: "CN" });
  const t0 = performance.now();
  await runJob(jobId);
  const seconds = (performance.now() - t0) / 1000;
  const stored = await getDb().contact.count({ where: { listId } });
  await closeBenchDatabase();
  return { seconds, stored };
}

const childAt = process.argv.indexOf("--child");
if (childAt > 0) {
  // The measuring child: baseline, then the import, on the database it is given.
  const [url, file] = process.argv.slice(childAt + 1);
  stubServerOnly();
  const { csvOptions } = await import("../lib/server/numbers/reader");
  const base = await baseline(file, csvOptions(",", true));
  const r = await importOnce(url, file);
  process.stdout.write(`${JSON.stringify({ baseRows: base.rows, baseSeconds: base.seconds, ...r, peakRssMb: peakRssMb() })}\n`);
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const rowsArg = process.argv.indexOf("--rows");
  for (const r of await run({ rows: rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : undefined })) console.log(r.name, Math.round(r.value), r.unit, r.note ?? "");
}
