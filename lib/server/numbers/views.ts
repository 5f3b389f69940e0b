// What pages and route handlers show of a job: progress with rows/s and ETA, problems summarised by reason,
// and the problems file (CSV, streamed; numbers masked for viewers).
import "server-only";
import type { ProblemReason } from "../../domain/numbers/rows";
import { phoneFor } from "../../domain/numbers/phone";
import { localize, type Locale, type LocalizedText } from "../../domain/text";
import { recordAudit, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { numbersText } from "./text";

export interface JobView {
  id: string;
  kind: string;
  state: string;
  fileName: string | null;
  listId: string | null;
  taskId: string | null;
  processed: number;
  stored: number;
  problems: number;
  problemCounts: Partial<Record<ProblemReason, number>>;
  /** 0..1, null when the total is unknown (XLSX, non-UTF-8 text). */
  fraction: number | null;
  rowsPerSec: number | null;
  etaSec: number | null;
  error: LocalizedText | null;
  cancelRequested: boolean;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function getJobView(jobId: string): Promise<JobView> {
  const job = await getDb().job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      kind: true,
      state: true,
      params: true,
      listId: true,
      taskId: true,
      processed: true,
      stored: true,
      problems: true,
      problemCounts: true,
      unitsDone: true,
      unitsTotal: true,
      runMs: true,
      error: true,
      cancelRequested: true,
      createdAt: true,
      finishedAt: true,
    },
  });
  if (!job) throw new AppError("NOT_FOUND", numbersText("jobs.notFound"));
  const done = job.state === "done";
  const fraction = done ? 1 : job.unitsTotal > 0 ? Math.min(1, job.unitsDone / job.unitsTotal) : null;
  const seconds = job.runMs / 1000;
  const rowsPerSec = seconds > 0.5 ? job.processed / seconds : null;
  const unitsPerSec = seconds > 0.5 ? job.unitsDone / seconds : 0;
  const etaSec = !done && job.unitsTotal > 0 && unitsPerSec > 0 ? Math.max(0, (job.unitsTotal - job.unitsDone) / unitsPerSec) : null;
  const params = JSON.parse(job.params) as { fileName?: string };
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    fileName: params.fileName ?? null,
    listId: job.listId,
    taskId: job.taskId,
    processed: job.processed,
    stored: job.stored,
    problems: job.problems,
    problemCounts: JSON.parse(job.problemCounts) as JobView["problemCounts"],
    fraction,
    rowsPerSec,
    etaSec,
    error: job.error ? ((JSON.parse(job.error) as { message: LocalizedText }).message ?? null) : null,
    cancelRequested: job.cancelRequested,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/** The words of a problem in both languages, from its reason and detail. */
export function problemText(reason: string, detail: Record<string, unknown>): LocalizedText {
  const d = detail as Record<string, string | number>;
  switch (reason) {
    case "duplicate":
      if (typeof d.duplicateOf === "number") return numbersText("problems.duplicate", { duplicateOf: d.duplicateOf });
      return d.onList ? numbersText("problems.duplicateOnDnc") : numbersText("problems.duplicateInList");
    case "invalid-phone":
      return numbersText("problems.invalid-phone", { value: String(d.value ?? "") });
    case "too-long":
      return numbersText("problems.too-long", { column: String(d.column ?? ""), max: Number(d.max ?? 0) });
    case "cap-day":
    case "cap-week":
      return numbersText(`problems.${reason}`, { count: Number(d.count ?? 0), max: Number(d.max ?? 0) });
    case "provider-rejected": {
      const t = numbersText("problems.provider-rejected", { reason: "\u0001" });
      return { en: t.en.replace("\u0001", String(d.reason ?? "")), zh: t.zh.replace("\u0001", String(d.reasonZh ?? d.reason ?? "")) };
    }
    case "batch-failed": {
      const t = numbersText("problems.batch-failed", { batch: Number(d.batch ?? 0), reason: "\u0001" });
      return { en: t.en.replace("\u0001", String(d.reason ?? "")), zh: t.zh.replace("\u0001", String(d.reasonZh ?? d.reason ?? "")) };
    }
    case "uncertain":
      return numbersText("problems.uncertain", { batch: Number(d.batch ?? 0) });
    case "empty-phone":
    case "unreadable":
    case "on-dnc":
    case "dnc":
    case "in-task":
      return numbersText(`problems.${reason}`);
    default:
      return { en: reason, zh: reason };
  }
}

const PAGE = 5_000;
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The problems of a job as CSV (row, number, reason code, reason in the reader's language, the row as read),
 * streamed page by page. Viewers get numbers masked, in the number column and in the row as read; a whole
 * export is audited.
 */
export async function exportJobProblems({ jobId, locale, wholeNumbers, actor }: { jobId: string; locale: Locale; wholeNumbers: boolean; actor: AuditActor }): Promise<ReadableStream<Uint8Array>> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, problems: true } });
  if (!job) throw new AppError("NOT_FOUND", numbersText("jobs.notFound"));
  if (wholeNumbers) recordAudit({ actor, action: "numbers.exportProblems", targetType: "job", targetId: jobId, after: { rows: job.problems, unmasked: true } });
  const encoder = new TextEncoder();
  const header = (["row", "number", "reasonCode", "reason", "raw"] as const).map((column) => localize(numbersText(`problemsCsv.${column}`), locale));
  let after = -1;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${header.join(",")}\r\n`));
    },
    async pull(controller) {
      if (finished) return;
      const rows = await db.jobProblem.findMany({ where: { jobId, row: { gt: after } }, orderBy: { row: "asc" }, take: PAGE, select: { row: true, phone: true, reason: true, detail: true, raw: true } });
      if (rows.length === 0) {
        finished = true;
        controller.close();
        return;
      }
      after = rows[rows.length - 1].row;
      const lines = rows.map((p) => {
        const phone = p.phone ? phoneFor(p.phone, wholeNumbers) : "";
        const raw = wholeNumbers ? p.raw : maskDigits(p.raw);
        return [String(p.row), phone, p.reason, localize(problemText(p.reason, JSON.parse(p.detail) as Record<string, unknown>), locale), raw].map(csvCell).join(",");
      });
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
}

/** In a row as read, anything that looks like a number (7+ digits, separators allowed) is masked like one. */
export function maskDigits(text: string): string {
  return text.replace(/\+?\d[\d\s\-()]{5,}\d/g, (run) => {
    const d = run.replace(/\D/g, "");
    if (d.length < 7) return run;
    return d.length >= 11 ? `${d.slice(0, 3)}${"*".repeat(d.length - 7)}${d.slice(-4)}` : `${"*".repeat(d.length - 2)}${d.slice(-2)}`;
  });
}
