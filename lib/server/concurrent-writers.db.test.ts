// Writers on other connections — the webhook inbox's worker, a second instance, an import's bulk writer — commit
// while the app's transactions run. Nothing any of them writes may be refused or lost for it.
// On SQLite this failed at random under a stream of callbacks: a Prisma transaction that read and then wrote was
// refused (SQLITE_BUSY_SNAPSHOT) when another connection committed in between, and an import's batch slept in
// the busy handler on the main thread, where the transaction it waited for could not finish.
import Database from "better-sqlite3";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { databaseUrl, isPostgres } from "./config";
import { getDb } from "./db";
import { openBulkWriter } from "./numbers/bulk";
import { freshDatabase } from "./testing/db";

/** A second connection to the same database, as another process or thread has. */
interface OtherConnection {
  /** Writes one lease row in its own transaction; false when the database said "busy" instead. */
  write(name: string): Promise<boolean>;
  /** Holds the write lock (SQLite) or the job row's lock (PostgreSQL) until release(). */
  hold(jobId: string): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
}

async function otherConnection(): Promise<OtherConnection> {
  const url = databaseUrl();
  const at = new Date("2026-03-01T00:00:00Z");
  if (isPostgres(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      async write(name) {
        await client.query(`INSERT INTO "JobLease" ("name", "owner", "expiresAt") VALUES ($1, 'other', $2)`, [name, at]);
        return true;
      },
      async hold(jobId) {
        await client.query("BEGIN");
        await client.query(`SELECT 1 FROM "Job" WHERE "id" = $1 FOR UPDATE`, [jobId]);
      },
      release: async () => void (await client.query("COMMIT")),
      close: () => client.end(),
    };
  }
  // No busy wait: this connection lives on the test's thread, as the import's does on the server's.
  const db = new Database(url.replace(/^file:/, ""), { timeout: 0 });
  return {
    async write(name) {
      try {
        db.prepare(`INSERT INTO "JobLease" ("name", "owner", "expiresAt") VALUES (?, 'other', ?)`).run(name, at.toISOString().replace("Z", "+00:00"));
        return true;
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY")) return false;
        throw e;
      }
    },
    async hold() {
      db.prepare("BEGIN IMMEDIATE").run();
    },
    release: async () => void db.prepare("COMMIT").run(),
    close: async () => void db.close(),
  };
}

describe("the app's writes beside other connections' commits", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("a transaction that reads, then writes after another connection committed, keeps its write and loses none of theirs", async () => {
    const db = getDb();
    const other = await otherConnection();
    try {
      const pending: string[] = [];
      await db.$transaction(async (tx) => {
        expect(await tx.orgSetting.findMany()).toEqual([]);
        // A webhook stored meanwhile (or, on SQLite, told to wait: this transaction holds the write lock).
        if (!(await other.write("callback-1"))) pending.push("callback-1");
        await tx.orgSetting.create({ data: { key: "org.name", value: "Acme calls" } });
      });
      for (const name of pending) expect(await other.write(name)).toBe(true);
      expect(await db.orgSetting.findMany({ select: { key: true, value: true } })).toEqual([{ key: "org.name", value: "Acme calls" }]);
      expect((await db.jobLease.findMany({ select: { name: true } })).map((l) => l.name)).toEqual(["callback-1"]);
    } finally {
      await other.close();
    }
  });

  it("an import's batch waits for another connection's lock without stopping the server, then commits", async () => {
    const db = getDb();
    const list = await db.contactList.create({ data: { name: "Spring campaign", defaultCountry: "CN" } });
    const job = await db.job.create({ data: { kind: "import", state: "running", params: "{}", cursor: "c0", listId: list.id } });
    const writer = await openBulkWriter(databaseUrl());
    const other = await otherConnection();
    try {
      await other.hold(job.id);
      // The lock is given back by a timer: it fires only if the batch's wait leaves the event loop running.
      const released = new Promise<void>((resolve) => setTimeout(() => void other.release().then(resolve), 300));
      const result = await writer.commitImport({
        jobId: job.id,
        target: { kind: "list", listId: list.id, baseSeq: 0 },
        expectCursor: "c0",
        nextCursor: "c1",
        delimiter: ",",
        contacts: [
          { row: 1, phone: "+8613800138001", name: "张三", variables: "", cells: ["13800138001", "张三"] },
          { row: 2, phone: "+8613800138002", name: "李四", variables: "", cells: ["13800138002", "李四"] },
        ],
        problems: [],
        processed: 2,
        unitsDone: 40,
        runMs: 5,
        problemCounts: {},
        now: new Date("2026-03-01T00:00:00Z"),
      });
      await released;
      expect(result).toEqual({ stored: 2, problems: 0 });
      expect((await db.contact.findMany({ where: { listId: list.id }, orderBy: { seq: "asc" }, select: { phone: true } })).map((c) => c.phone)).toEqual([
        "+8613800138001",
        "+8613800138002",
      ]);
      expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { cursor: true, stored: true } })).toEqual({ cursor: "c1", stored: 2 });
    } finally {
      await writer.close();
      await other.close();
    }
  });
});
