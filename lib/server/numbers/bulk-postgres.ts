// PostgreSQL side of bulk.ts: its own pg connection, multi-row inserts over unnest arrays (a handful of
// parameters per batch whatever its size), one transaction per batch with the job row locked.
import "server-only";
import { rawRow } from "../../domain/numbers/rows";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { addCounts, JobMovedError, type BulkWriter, type ImportCommit, type ImportCommitResult, type ProblemInsert } from "./bulk";

export async function openPostgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  async function commitInTx(b: ImportCommit): Promise<ImportCommitResult> {
    const job = await client.query(`SELECT "cursor" FROM "Job" WHERE "id" = $1 AND "state" = 'running' FOR UPDATE`, [b.jobId]);
    if (job.rowCount !== 1 || job.rows[0].cursor !== b.expectCursor) throw new JobMovedError();
    const problems: ProblemInsert[] = [...b.problems];
    const t = b.target;
    let stored = 0;
    const now = b.now.toISOString();
    if (b.contacts.length > 0 && t.kind === "list") {
      const inserted = await client.query(
        `INSERT INTO "Contact" ("listId", "seq", "phone", "name", "variables")
         SELECT $1, s, p, n, v FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS u(s, p, n, v)
         ON CONFLICT DO NOTHING RETURNING "seq", "phone"`,
        [t.listId, b.contacts.map((c) => t.baseSeq + c.row), b.contacts.map((c) => c.phone), b.contacts.map((c) => c.name), b.contacts.map((c) => c.variables)],
      );
      stored = inserted.rowCount ?? 0;
      const insertedSeqs = new Set<number>(inserted.rows.map((r) => Number(r.seq)));
      const dupes = b.contacts.filter((c) => !insertedSeqs.has(t.baseSeq + c.row));
      if (dupes.length > 0) {
        const first = await client.query(`SELECT "phone", "seq" FROM "Contact" WHERE "listId" = $1 AND "phone" = ANY($2::text[])`, [t.listId, dupes.map((d) => d.phone)]);
        const seqOf = new Map<string, number>(first.rows.map((r) => [r.phone as string, Number(r.seq)]));
        for (const d of dupes) {
          const seq = seqOf.get(d.phone);
          const detail = seq !== undefined && seq > t.baseSeq ? { duplicateOf: seq - t.baseSeq } : { inList: true };
          problems.push({ row: d.row, phone: d.phone, reason: "duplicate", detail: JSON.stringify(detail), raw: rawRow(d.cells, b.delimiter) });
        }
      }
      const stored_ = b.contacts.filter((c) => insertedSeqs.has(t.baseSeq + c.row));
      // Most lists meet an empty DNC table: then no number needs looking up.
      const anyDnc = stored_.length > 0 && (await client.query(`SELECT EXISTS (SELECT 1 FROM "DncEntry") AS "any"`)).rows[0].any === true;
      if (anyDnc) {
        const hits = await client.query(
          `SELECT DISTINCT ON ("phone") "phone", "scope" FROM "DncEntry" WHERE "phone" = ANY($1::text[]) AND ("expiresAt" IS NULL OR "expiresAt" > $2)`,
          [stored_.map((c) => c.phone), now],
        );
        const scopeOf = new Map<string, string>(hits.rows.map((r) => [r.phone as string, r.scope as string]));
        for (const c of stored_) {
          const scope = scopeOf.get(c.phone);
          if (scope !== undefined) problems.push({ row: c.row, phone: c.phone, reason: "on-dnc", detail: JSON.stringify({ scope }), raw: rawRow(c.cells, b.delimiter) });
        }
      }
    } else if (b.contacts.length > 0 && t.kind === "dnc") {
      const inserted = await client.query(
        `INSERT INTO "DncEntry" ("id", "phone", "scope", "reason", "expiresAt", "createdById", "createdByEmail", "source", "createdAt")
         SELECT i, p, $3, $4, $5, $6, $7, $8, $9 FROM unnest($1::text[], $2::text[]) AS u(i, p)
         ON CONFLICT DO NOTHING RETURNING "phone"`,
        [b.contacts.map(() => randomUUID()), b.contacts.map((c) => c.phone), t.scope, t.reason, t.expiresAt?.toISOString() ?? null, t.actorId, t.actorEmail, `import:${b.jobId}`, now],
      );
      stored = inserted.rowCount ?? 0;
      // Within one batch a phone repeated in the file conflicts with its own first row: only the first is new.
      const fresh = new Set<string>(inserted.rows.map((r) => r.phone as string));
      for (const c of b.contacts) {
        if (fresh.delete(c.phone)) continue;
        problems.push({ row: c.row, phone: c.phone, reason: "duplicate", detail: JSON.stringify({ onList: true }), raw: rawRow(c.cells, b.delimiter) });
      }
    }
    problems.sort((a, b) => a.row - b.row);
    if (problems.length > 0) {
      await client.query(
        `INSERT INTO "JobProblem" ("jobId", "row", "phone", "reason", "detail", "raw")
         SELECT $1, r, p, re, d, w FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(r, p, re, d, w)`,
        [b.jobId, problems.map((p) => p.row), problems.map((p) => p.phone), problems.map((p) => p.reason), problems.map((p) => p.detail), problems.map((p) => p.raw)],
      );
    }
    addCounts(b.problemCounts, problems);
    await client.query(
      `UPDATE "Job" SET "cursor" = $1, "processed" = "processed" + $2, "stored" = "stored" + $3, "problems" = "problems" + $4, "problemCounts" = $5, "unitsDone" = $6, "runMs" = $7, "updatedAt" = $8 WHERE "id" = $9`,
      [b.nextCursor, b.processed, stored, problems.length, JSON.stringify(b.problemCounts), b.unitsDone, b.runMs, now, b.jobId],
    );
    if (t.kind === "list" && stored > 0) await client.query(`UPDATE "ContactList" SET "size" = "size" + $1, "updatedAt" = $2 WHERE "id" = $3`, [stored, now, t.listId]);
    return { stored, problems: problems.length };
  }

  return {
    async commitImport(batch) {
      const counts = { ...batch.problemCounts };
      await client.query("BEGIN");
      try {
        const result = await commitInTx(batch);
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        for (const k of Object.keys(batch.problemCounts)) delete batch.problemCounts[k];
        Object.assign(batch.problemCounts, counts);
        throw e;
      }
    },
    async close() {
      await client.end();
    },
  };
}
