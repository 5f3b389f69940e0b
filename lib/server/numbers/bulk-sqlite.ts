// SQLite side of bulk.ts: its own better-sqlite3 connection (WAL, so the app's Prisma connection keeps
// reading meanwhile), prepared statements, one transaction per batch.
// Each batch's transaction begins IMMEDIATE (the write lock first): a plain BEGIN whose first statement reads
// is refused at once, without waiting, when another connection — the webhook inbox's worker, Prisma's — commits
// before its first write (SQLITE_BUSY_SNAPSHOT; docs/stack.md, "SQLite with several writers"). The lock is
// waited for briefly in SQLite's busy handler and otherwise outside it: this connection runs on the main
// thread, and a Prisma transaction of this same process holding the lock can only finish while the thread is
// awake, so a long sleep in the handler would wait for nothing. Between tries the event loop runs.
import "server-only";
import { rawRow } from "../../domain/numbers/rows";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { addCounts, JobMovedError, type BulkWriter, type ImportCommit, type ImportCommitResult, type ProblemInsert } from "./bulk";

/** Prisma's SQLite adapter stores DateTime as ISO 8601 with "+00:00"; raw writes must match it to compare. */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** The busy handler's wait per try, and how long a batch keeps trying before the job fails. */
const BUSY_WAIT_MS = 50;
const BUSY_GIVE_UP_MS = 60_000;

const isBusy = (e: unknown) => typeof (e as { code?: unknown })?.code === "string" && (e as { code: string }).code.startsWith("SQLITE_BUSY");

/** Runs a synchronous transaction, trying again with the event loop free in between while the lock is taken. */
export async function whenWriteLockFree<T>(run: () => T, giveUpMs = BUSY_GIVE_UP_MS): Promise<T> {
  const start = Date.now();
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    try {
      return run();
    } catch (e) {
      if (!isBusy(e) || Date.now() - start > giveUpMs) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

export function openSqliteWriter(url: string): BulkWriter {
  const db = new Database(url.replace(/^file:/, ""), { timeout: BUSY_WAIT_MS });
  db.pragma("journal_mode = WAL");
  // No fsync per batch: in WAL mode NORMAL survives a crash of the process but a power loss may roll back the
  // last batches (docs/stack.md, "SQLite with several writers"). Nothing is lost: the job's cursor commits with
  // its rows, so a resumed import reads those rows again.
  db.pragma("synchronous = NORMAL");
  const insContact = db.prepare(`INSERT INTO "Contact" ("listId", "seq", "phone", "name", "variables") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const firstSeq = db.prepare(`SELECT "seq" FROM "Contact" WHERE "listId" = ? AND "phone" = ?`).pluck();
  const anyDnc = db.prepare(`SELECT EXISTS (SELECT 1 FROM "DncEntry")`).pluck();
  const onDnc = db.prepare(`SELECT "scope" FROM "DncEntry" WHERE "phone" = ? AND ("expiresAt" IS NULL OR "expiresAt" > ?) LIMIT 1`).pluck();
  const insDnc = db.prepare(
    `INSERT INTO "DncEntry" ("id", "phone", "scope", "reason", "expiresAt", "createdById", "createdByEmail", "source", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insProblem = db.prepare(`INSERT INTO "JobProblem" ("jobId", "row", "phone", "reason", "detail", "raw") VALUES (?, ?, ?, ?, ?, ?)`);
  const updJob = db.prepare(
    `UPDATE "Job" SET "cursor" = ?, "processed" = "processed" + ?, "stored" = "stored" + ?, "problems" = "problems" + ?, "problemCounts" = ?, "unitsDone" = ?, "runMs" = ?, "updatedAt" = ? WHERE "id" = ? AND "cursor" = ? AND "state" = 'running'`,
  );
  const updList = db.prepare(`UPDATE "ContactList" SET "size" = "size" + ?, "updatedAt" = ? WHERE "id" = ?`);

  const commit = db.transaction((b: ImportCommit): ImportCommitResult => {
    const now = sqliteDate(b.now);
    const problems: ProblemInsert[] = [...b.problems];
    let stored = 0;
    const t = b.target;
    if (t.kind === "list") {
      // Most lists meet an empty DNC table: then no row needs looking up.
      const checkDnc = anyDnc.get() === 1;
      for (const c of b.contacts) {
        if (insContact.run(t.listId, t.baseSeq + c.row, c.phone, c.name, c.variables).changes === 1) {
          stored++;
          const scope = checkDnc ? (onDnc.get(c.phone, now) as string | undefined) : undefined;
          if (scope !== undefined) problems.push({ row: c.row, phone: c.phone, reason: "on-dnc", detail: JSON.stringify({ scope }), raw: rawRow(c.cells, b.delimiter) });
        } else {
          const seq = firstSeq.get(t.listId, c.phone) as number | undefined;
          const detail = seq !== undefined && seq > t.baseSeq ? { duplicateOf: seq - t.baseSeq } : { inList: true };
          problems.push({ row: c.row, phone: c.phone, reason: "duplicate", detail: JSON.stringify(detail), raw: rawRow(c.cells, b.delimiter) });
        }
      }
    } else {
      const expires = t.expiresAt ? sqliteDate(t.expiresAt) : null;
      for (const c of b.contacts) {
        const res = insDnc.run(randomUUID(), c.phone, t.scope, t.reason, expires, t.actorId, t.actorEmail, `import:${b.jobId}`, now);
        if (res.changes === 1) stored++;
        else problems.push({ row: c.row, phone: c.phone, reason: "duplicate", detail: JSON.stringify({ onList: true }), raw: rawRow(c.cells, b.delimiter) });
      }
    }
    for (const p of problems) insProblem.run(b.jobId, p.row, p.phone, p.reason, p.detail, p.raw);
    addCounts(b.problemCounts, problems);
    const moved = updJob.run(b.nextCursor, b.processed, stored, problems.length, JSON.stringify(b.problemCounts), b.unitsDone, b.runMs, now, b.jobId, b.expectCursor).changes === 0;
    if (moved) throw new JobMovedError();
    if (t.kind === "list" && stored > 0) updList.run(stored, now, t.listId);
    return { stored, problems: problems.length };
  });

  return {
    async commitImport(batch) {
      const counts = { ...batch.problemCounts };
      return whenWriteLockFree(() => {
        try {
          return commit.immediate(batch);
        } catch (e) {
          // The transaction rolled back: so do the counts.
          for (const k of Object.keys(batch.problemCounts)) delete batch.problemCounts[k];
          Object.assign(batch.problemCounts, counts);
          throw e;
        }
      });
    },
    async close() {
      db.close();
    },
  };
}
