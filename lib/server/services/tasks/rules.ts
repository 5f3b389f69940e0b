// Which lifecycle operations a mirrored task allows, and why not, in both languages. Shared by the
// services (to refuse before any provider call) and the task page (to show a disabled control with
// its reason), so the two can never disagree.
import type { TaskStatus } from "../../../domain/task";
import { canPerform } from "../../../domain/task-status";
import type { LocalizedText } from "../../../domain/text";
import type { ProviderCapabilities } from "../../../providers/types";
import { tasksText } from "./texts";

/** The console's lifecycle controls; "create" lives in the wizard. */
import type { ControlRule, TaskControl } from "../../../contracts/task-state";
export type { ControlRule, TaskControl };
export const TASK_CONTROLS: TaskControl[] = ["start", "pause", "complete", "delete", "update", "addContacts"];


/** "not started or ended" / "未开始或已结束": each language lists in its own way. */
function statusList(statuses: readonly TaskStatus[]): LocalizedText {
  const words = statuses.map((s) => tasksText(`status.${s}`));
  const list = (lang: keyof LocalizedText, locale: string) =>
    new Intl.ListFormat(locale, { type: "disjunction" }).format(words.map((w) => w[lang]));
  return { en: list("en", "en"), zh: list("zh", "zh-CN") };
}

/** Whether `op` may run on a task of `kind` in `status` with this provider, and why not. */
export function controlRule(op: TaskControl, task: { status: TaskStatus; kind: string }, caps: ProviderCapabilities): ControlRule {
  const provider = caps.label;
  const operation = tasksText(`operation.${op}`);
  const refuse = (reason: LocalizedText): ControlRule => ({ allowed: false, reason });
  if (task.kind === "follow-up") return refuse(tasksText("rules.readOnly", { provider }));
  if (!caps.operations[op]) return refuse(tasksText("rules.noOperation", { provider, operation }));
  if (task.status === "deleted") return refuse(tasksText("rules.deleted"));
  if (canPerform(op, task.status, caps.allowedIn)) return { allowed: true, reason: null };
  const allowedIn = caps.allowedIn[op];
  if (allowedIn.length === 0) return refuse(tasksText("rules.never", { provider, operation }));
  // Yunfu takes numbers and edits only while paused: say what to do, not only what is wrong.
  const pauseFirst = allowedIn.includes("paused") && canPerform("pause", task.status, caps.allowedIn);
  return refuse(
    tasksText("rules.onlyIn", {
      provider,
      operation,
      statuses: statusList(allowedIn),
      status: tasksText(`status.${task.status}`),
      pauseFirst: pauseFirst ? "yes" : "no",
    }),
  );
}

export function controlRules(task: { status: TaskStatus; kind: string }, caps: ProviderCapabilities): Record<TaskControl, ControlRule> {
  return Object.fromEntries(TASK_CONTROLS.map((op) => [op, controlRule(op, task, caps)])) as Record<TaskControl, ControlRule>;
}
