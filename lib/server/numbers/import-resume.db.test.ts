import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { databaseKind, freshDatabase } from "../testing/db";
import { saveUpload } from "./files";
import { jobLeaseName, runJob } from "./jobs";
import { createContactList, previewUpload, startImport } from "./lists";
import { writeCnList, type GeneratedList } from "./testing";
import { getJobView } from "./views";

// Issue 13 acceptance: kill the app process during a 1,000,000-row import; after a restart the import
// completes with exactly the expected rows and no duplicate. The import runs in a child process (a second
// app instance, as lib/server/mirror/lease.db.test.ts does for syncs), killed with SIGKILL mid-way.
const ROWS = Number(process.env.RESUME_TEST_ROWS ?? 1_000_000);
const root = path.resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "numbers-resume-"));
process.env.DIALBOARD_DATA_DIR ??= dir;

describe(`an import killed mid-way (${databaseKind()}, ${ROWS.toLocaleString("en")} rows)`, () => {
  let gen: GeneratedList;
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, "big.csv");
    gen = await writeCnList(file, ROWS);
  }, 120_000);

  it("resumes where it stopped: every valid row stored once, every problem reported once", { timeout: 600_000 }, async () => {
    await freshDatabase();
    const actor = { id: null, email: "manager@example.com" };
    const { id: listId } = await createContactList({ actor, name: "Big", defaultCountry: "CN" });
    const up = await saveUpload(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
    const preview = await previewUpload({ uploadId: up.uploadId, listId, country: "CN" });
    const { jobId } = await startImport({ actor, uploadId: up.uploadId, fileName: "big.csv", target: { kind: "list", listId }, mapping: preview.mapping, country: "CN" });

    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "import-child.fixture.ts"), jobId], {
      cwd: root,
      env: { ...process.env, DIALBOARD_DATA_DIR: process.env.DIALBOARD_DATA_DIR, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe("ready");
    // Kill it once it has committed part of the file, between batches or in the middle of one.
    const db = getDb();
    for (;;) {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { processed: true, state: true } });
      expect(job.state).not.toBe("done");
      if (job.processed >= ROWS / 4) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill("SIGKILL");
    await exited;
    const atKill = await getJobView(jobId);
    expect(atKill.state).toBe("running");
    expect(atKill.processed).toBeLessThan(ROWS);

    // "Restart": the dead owner's lease expires and this process takes the job over from its cursor.
    while ((await db.jobLease.count({ where: { name: jobLeaseName(jobId), expiresAt: { gt: new Date() } } })) > 0) await new Promise((r) => setTimeout(r, 100));
    expect(await runJob(jobId)).toBe("ran");

    const job = await getJobView(jobId);
    expect(job.state).toBe("done");
    expect(job.processed).toBe(gen.rows);
    expect(job.stored).toBe(gen.expected);
    // A batch counted twice would show here: its contacts would come back as duplicates of themselves.
    expect(job.problemCounts).toEqual({ "invalid-phone": gen.invalid, duplicate: gen.duplicates });
    expect(await db.contact.count({ where: { listId } })).toBe(gen.expected);
    expect(await db.jobProblem.count({ where: { jobId } })).toBe(gen.invalid + gen.duplicates);
    expect((await db.contactList.findUniqueOrThrow({ where: { id: listId } })).size).toBe(gen.expected);
  });
});
