// The import job (issue 13 point 1): an uploaded CSV or XLSX read as a stream, each row made a contact (or a
// DNC entry) or a problem with its reason, committed batch by batch with the cursor (bulk.ts), so an import
// interrupted by a crash or restart resumes where it stopped with no row lost and none doubled.
import "server-only";
import type { CountryCode } from "libphonenumber-js";
import type { ColumnMapping } from "../../domain/numbers/columns";
import { rawRow, readContactRow, MAX_RAW_LENGTH } from "../../domain/numbers/rows";
import { rememberMapping } from "../../domain/numbers/columns";
import { databaseUrl } from "../config";
import { getDb } from "../db";
import { JobMovedError, openBulkWriter, type ContactInsert, type ProblemInsert } from "./bulk";
import { removeUpload, uploadPath, type FileEncoding, type FileFormat } from "./files";
import { finishJob, type JobControl, type JobRow } from "./jobs";
import { readBatches, START, type ReadCursor } from "./reader";

export interface ImportParams {
  uploadId: string;
  fileName: string;
  format: FileFormat;
  encoding: FileEncoding;
  delimiter: string;
  mapping: ColumnMapping;
  country: CountryCode;
  /** The file's first row when it is a header (remembered with the mapping). */
  header: string[] | null;
  target: { kind: "list"; listId: string; baseSeq: number } | { kind: "dnc"; scope: string; reason: string; expiresAt: string | null };
}

/** Rows per transaction: large enough to amortise a commit, small enough to lose little work to a crash. */
export const IMPORT_BATCH_ROWS = Number(process.env.DIALBOARD_IMPORT_BATCH ?? 5_000);

export function parseCursor(text: string): ReadCursor {
  const c = JSON.parse(text) as Partial<ReadCursor>;
  return typeof c.row === "number" ? { row: c.row, byte: c.byte ?? 0 } : START;
}

export async function runImportJob(job: JobRow, control: JobControl): Promise<void> {
  const params = JSON.parse(job.params) as ImportParams;
  const file = { path: uploadPath(params.uploadId), format: params.format, encoding: params.encoding, delimiter: params.delimiter };
  const target =
    params.target.kind === "list"
      ? params.target
      : {
          ...params.target,
          expiresAt: params.target.expiresAt ? new Date(params.target.expiresAt) : null,
          actorId: job.createdById,
          actorEmail: job.createdByEmail,
        };
  const withVariables = params.target.kind === "list" && params.mapping.variables.length > 0;
  const counts = JSON.parse(job.problemCounts) as Record<string, number>;
  let cursorText = job.cursor;
  let runMs = job.runMs;
  let units = job.unitsDone;
  let last = performance.now();
  const writer = await openBulkWriter(databaseUrl());
  try {
    for await (const batch of readBatches(file, parseCursor(cursorText), IMPORT_BATCH_ROWS)) {
      const contacts: ContactInsert[] = [];
      const problems: ProblemInsert[] = [];
      for (const u of batch.unreadable) {
        problems.push({ row: u.row, phone: null, reason: "unreadable", detail: "{}", raw: u.raw.slice(0, MAX_RAW_LENGTH) });
      }
      let processed = batch.unreadable.length;
      for (const { row, cells } of batch.records) {
        if (params.mapping.hasHeader && row === 1) continue;
        // A blank line is no row of data (a spreadsheet's trailing empty rows).
        if (cells.every((c) => c.trim() === "")) continue;
        processed++;
        const verdict = readContactRow(cells, params.mapping, params.country);
        if ("contact" in verdict) {
          const { phone, name, variables } = verdict.contact;
          contacts.push({ row, phone, name, variables: withVariables ? JSON.stringify(variables) : "", cells });
        } else {
          problems.push({ row, phone: null, reason: verdict.problem, detail: JSON.stringify(verdict.detail ?? {}), raw: rawRow(cells, params.delimiter) });
        }
      }
      const now = performance.now();
      runMs += now - last;
      last = now;
      const nextCursor = JSON.stringify(batch.cursor);
      await writer.commitImport({
        jobId: job.id,
        target,
        expectCursor: cursorText,
        nextCursor,
        delimiter: params.delimiter,
        contacts,
        problems,
        processed,
        unitsDone: (units = batch.cursor.byte >= 0 ? batch.cursor.byte : units),
        runMs,
        problemCounts: counts,
        now: new Date(),
      });
      cursorText = nextCursor;
      if (!(await control.renew())) throw new JobMovedError();
      if (await control.cancelRequested()) {
        await complete(job, params, batch.cursor.row, "cancelled");
        return;
      }
    }
  } finally {
    await writer.close();
  }
  await complete(job, params, parseCursor(cursorText).row, "done");
}

/** The list remembers the mapping and the next free seq; the upload is removed (its rows are stored). */
async function complete(job: JobRow, params: ImportParams, lastRow: number, state: "done" | "cancelled"): Promise<void> {
  const db = getDb();
  if (params.target.kind === "list") {
    const { listId, baseSeq } = params.target;
    const remembered = rememberMapping(params.mapping, params.header);
    const nextSeq = baseSeq + lastRow + 1;
    await db.$transaction([
      db.contactList.updateMany({ where: { id: listId, nextSeq: { lt: nextSeq } }, data: { nextSeq } }),
      ...(remembered ? [db.contactList.updateMany({ where: { id: listId }, data: { mapping: JSON.stringify(remembered) } })] : []),
    ]);
  }
  await finishJob(job.id, state);
  removeUpload(params.uploadId);
  if (params.target.kind === "dnc" && state === "done") {
    const { stopNumbersAddedBy } = await import("./dnc");
    await stopNumbersAddedBy(job.id);
  }
}
