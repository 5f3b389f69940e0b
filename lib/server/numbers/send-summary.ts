// "X of Y will be skipped — DNC a, over the contact cap b, already in this task c": the screen the send job
// applies (screen.ts), run over the whole list before anything is sent. For an existing task (the task page's
// "add numbers"), or for an account before its task exists (the wizard's numbers step: nothing is in the task
// yet, DNC is the global list and that account's).
import "server-only";
import type { SendSummaryView } from "../../contracts/numbers";
import { getDb } from "../db";
import { AppError } from "../errors";
import { getCapRule } from "./caps";
import { screenNumbers } from "./screen";
import { numbersText } from "./text";

const CHUNK = 2_000;

/** Where the list would go: a task, or (in the wizard) the account its new task is created on. */
export type SendTarget = { taskId: string } | { accountId: string };

async function resolveTarget(target: SendTarget): Promise<{ taskId: string | null; accountId: string }> {
  const db = getDb();
  if ("taskId" in target) {
    const task = await db.task.findUnique({ where: { id: target.taskId }, select: { accountId: true } });
    if (!task) throw new AppError("NOT_FOUND", numbersText("errors.taskNotFound"));
    return { taskId: target.taskId, accountId: task.accountId };
  }
  const account = await db.providerAccount.findUnique({ where: { id: target.accountId }, select: { id: true } });
  if (!account) throw new AppError("NOT_FOUND", numbersText("errors.accountNotFound"), "accountId");
  return { taskId: null, accountId: account.id };
}

export async function sendSummary({ listId, now = new Date(), ...target }: SendTarget & { listId: string; now?: Date }): Promise<SendSummaryView> {
  const db = getDb();
  const [{ taskId, accountId }, list] = await Promise.all([
    resolveTarget(target),
    db.contactList.findUnique({ where: { id: listId }, select: { size: true } }),
  ]);
  if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"), "listId");
  const rule = await getCapRule();
  const summary: SendSummaryView = { total: 0, willSend: 0, dnc: 0, cap: 0, inTask: 0 };
  let after = 0;
  for (;;) {
    const rows = await db.contact.findMany({ where: { listId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: CHUNK, select: { seq: true, phone: true } });
    if (rows.length === 0) break;
    after = rows[rows.length - 1].seq;
    const skipped = await screenNumbers({ taskId, accountId, phones: rows.map((r) => r.phone), rule, now });
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
