// CSV export of a task's history: its counter snapshots or its hourly outcomes. Read in pages so a
// task with months of snapshots streams without holding them all in memory.
import "server-only";
import { answerRate, finishRate, penetrationRate, type TaskFigure } from "../../../domain/stats";
import { STAT_COUNTERS } from "../../../domain/stats-types";
import { adapterFor } from "../../../providers/registry";
import { getDb } from "../../db";
import { COUNTER_SELECT } from "../../stat-counters";
import { taskNotFound } from "./task-stats";

export const EXPORT_SERIES = ["snapshots", "hourly"] as const;
export type ExportSeries = (typeof EXPORT_SERIES)[number];

const PAGE_SIZE = 2000;

/** The counters' CSV names: totalOrders → total_orders. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const SNAPSHOT_COLUMNS = ["at", ...STAT_COUNTERS.map(snakeCase), "answer_rate", "finish_rate", "connect_rate"];

export const HOURLY_COLUMNS = [
  "hour",
  "calls",
  "answered",
  "no_answer",
  "busy",
  "failed",
  "other",
  "talk_seconds",
  "answer_rate",
] as const;

export interface TaskExport {
  /** A file name safe for Content-Disposition's filename* (the task name may be Chinese). */
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

export async function exportTaskSeries({ taskId, series }: { taskId: string; series: ExportSeries }): Promise<TaskExport> {
  const task = await getDb().task.findUnique({ where: { id: taskId }, select: { id: true, name: true, account: { select: { kind: true } } } });
  if (!task) throw taskNotFound();
  // A figure the provider does not report is an empty cell, as it is "—" on the page (issue 15 point 4).
  const unreported = adapterFor(task.account.kind).capabilities.unreportedFigures ?? [];
  const rows = series === "snapshots" ? snapshotRows(taskId, unreported) : hourlyRows(taskId);
  const header = (series === "snapshots" ? SNAPSHOT_COLUMNS : HOURLY_COLUMNS).join(",");
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The byte-order mark makes Excel read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${header}\r\n`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((line) => line.join(",") + "\r\n").join("")));
    },
  });
  return { fileName: `${safeFileName(task.name)}-${series}.csv`, body };
}

/** Rates as plain ratios with six decimals: a spreadsheet formats them, and nothing is lost to rounding. */
function ratio(value: number): string {
  return value.toFixed(6);
}

async function* snapshotRows(taskId: string, unreported: readonly TaskFigure[]): AsyncGenerator<string[][]> {
  const cell = (figure: string, value: string) => (unreported.includes(figure as TaskFigure) ? "" : value);
  let cursor: string | undefined;
  for (;;) {
    const page = await getDb().taskSnapshot.findMany({
      where: { taskId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, at: true, ...COUNTER_SELECT },
    });
    if (page.length === 0) return;
    yield page.map((s) => [
      s.at.toISOString(),
      ...STAT_COUNTERS.map((counter) => cell(counter, String(s[counter]))),
      cell("answerRate", ratio(answerRate(s))),
      ratio(finishRate(s)),
      cell("penetrationRate", ratio(penetrationRate(s))),
    ]);
    if (page.length < PAGE_SIZE) return;
    cursor = page[page.length - 1].id;
  }
}

async function* hourlyRows(taskId: string): AsyncGenerator<string[][]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await getDb().hourlyRollup.findMany({
      where: { taskId },
      orderBy: [{ hour: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, hour: true, calls: true, answered: true, noAnswer: true, busy: true, failed: true, talkSeconds: true },
    });
    if (page.length === 0) return;
    yield page.map((h) => [
      h.hour.toISOString(),
      String(h.calls),
      String(h.answered),
      String(h.noAnswer),
      String(h.busy),
      String(h.failed),
      String(Math.max(0, h.calls - h.answered - h.noAnswer - h.busy - h.failed)),
      String(h.talkSeconds),
      ratio(answerRate({ totalCalls: h.calls, answeredCalls: h.answered })),
    ]);
    if (page.length < PAGE_SIZE) return;
    cursor = page[page.length - 1].id;
  }
}

/** Keeps letters of any script, digits, '-' and '_'; the rest becomes '-'. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}_-]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return cleaned || "task";
}
