// "X of Y will be skipped — DNC a, over the contact cap b, already in this task c": the screen the send job
// applies (screen.ts), run over the whole list before anything is sent.
import "server-only";
import type { SendSummaryView } from "../../contracts/numbers";
import { getDb } from "../db";
import { AppError } from "../errors";
import { getCapRule } from "./caps";
import { screenNumbers } from "./screen";
import { numbersText } from "./text";

const CHUNK = 2_000;

export async function sendSummary({ taskId, listId, now = new Date() }: { taskId: string; listId: string; now?: Date }): Promise<SendSummaryView> {
  const db = getDb();
  const [task, list] = await Promise.all([
    db.task.findUnique({ where: { id: taskId }, select: { accountId: true } }),
    db.contactList.findUnique({ where: { id: listId }, select: { size: true } }),
  ]);
  if (!task) throw new AppError("NOT_FOUND", numbersText("errors.taskNotFound"));
  if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"));
  const rule = await getCapRule();
  const summary: SendSummaryView = { total: 0, willSend: 0, dnc: 0, cap: 0, inTask: 0 };
  let after = 0;
  for (;;) {
    const rows = await db.contact.findMany({ where: { listId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: CHUNK, select: { seq: true, phone: true } });
    if (rows.length === 0) break;
    after = rows[rows.length - 1].seq;
    const skipped = await screenNumbers({ taskId, accountId: task.accountId, phones: rows.map((r) => r.phone), rule, now });
    summary.total += rows.length;
    for (const skip of skipped.values()) {
      if (skip.reason === "dnc") summary.dnc++;
      else if (skip.reason === "in-task") summary.inTask++;
      else summary.cap++;
    }
  }
  summary.willSend = summary.total - summary.dnc - summary.cap - summary.inTask;
  return summary;
}
