// Which numbers of a send are skipped, and why (issue 13 points 2–4): on DNC (global or the task's account),
// already in this task, over the organisation's contact caps. The send job and the summary shown before
// sending use this one function, so the summary is what the send will do. A task not created yet (the
// wizard's summary: taskId null) has no numbers, so none is "already in this task".
import "server-only";
import { capVerdict, type ContactCapRule } from "../../domain/numbers/caps";
import type { ProblemReason } from "../../domain/numbers/rows";
import { numberLoads } from "./caps";
import { blockedAmong } from "./dnc";
import { inTask } from "./ledger";

export interface Skip {
  reason: Extract<ProblemReason, "dnc" | "in-task" | "cap-day" | "cap-week">;
  detail: Record<string, number | string>;
}

export async function screenNumbers({
  taskId,
  accountId,
  phones,
  rule,
  now,
}: {
  taskId: string | null;
  accountId: string;
  phones: string[];
  rule: ContactCapRule;
  now: Date;
}): Promise<Map<string, Skip>> {
  const skipped = new Map<string, Skip>();
  const blocked = await blockedAmong(phones, accountId, now);
  for (const p of blocked) skipped.set(p, { reason: "dnc", detail: {} });
  const rest = phones.filter((p) => !skipped.has(p));
  const already = taskId ? await inTask(taskId, rest) : new Set<string>();
  for (const p of already) skipped.set(p, { reason: "in-task", detail: {} });
  if (rule.enabled) {
    const open = rest.filter((p) => !already.has(p));
    const loads = await numberLoads(open, taskId, rule, now);
    for (const p of open) {
      const verdict = capVerdict(loads.get(p)!, rule);
      if (verdict) skipped.set(p, { reason: verdict.reason, detail: { count: verdict.count, max: verdict.max } });
    }
  }
  return skipped;
}
