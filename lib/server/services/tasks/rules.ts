// Which lifecycle operations a mirrored task allows, and why not, in both languages. Shared by the
// services (to refuse before any provider call) and the task page (to show a disabled control with
// its reason), so the two can never disagree.
import type { LocalizedText } from "../../../domain/call-time-group";
import type { TaskOperation, TaskStatus } from "../../../domain/task";
import { canPerform } from "../../../domain/task-status";
import type { ProviderCapabilities } from "../../../providers/types";

export const STATUS_TEXT: Record<TaskStatus, LocalizedText> = {
  draft: { en: "draft", zh: "草稿" },
  pending: { en: "not started", zh: "未开始" },
  running: { en: "running", zh: "运行中" },
  paused: { en: "paused", zh: "已暂停" },
  completed: { en: "ended", zh: "已结束" },
  failed: { en: "failed", zh: "失败" },
  deleted: { en: "deleted", zh: "已删除" },
};

const OPERATION_TEXT: Record<TaskOperation, LocalizedText> = {
  create: { en: "create", zh: "创建" },
  update: { en: "edit", zh: "修改" },
  start: { en: "start", zh: "启动" },
  pause: { en: "pause", zh: "暂停" },
  complete: { en: "complete", zh: "结束" },
  delete: { en: "delete", zh: "删除" },
  addContacts: { en: "add numbers to", zh: "追加号码到" },
};

/** The console's lifecycle controls; "create" lives in the wizard. */
export type TaskControl = Exclude<TaskOperation, "create">;
export const TASK_CONTROLS: TaskControl[] = ["start", "pause", "complete", "delete", "update", "addContacts"];

export interface ControlRule {
  allowed: boolean;
  /** Why not, when not allowed. */
  reason: LocalizedText | null;
}

function joinStatuses(statuses: readonly TaskStatus[], lang: "en" | "zh"): string {
  const words = statuses.map((s) => STATUS_TEXT[s][lang]);
  if (lang === "zh") return words.join("或");
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** Whether `op` may run on a task of `kind` in `status` with this provider, and why not. */
export function controlRule(op: TaskControl, task: { status: TaskStatus; kind: string }, caps: ProviderCapabilities): ControlRule {
  const provider = caps.label;
  const verb = OPERATION_TEXT[op];
  if (task.kind === "follow-up") {
    return {
      allowed: false,
      reason: { en: `${provider.en} tasks are read-only in Dialboard.`, zh: `${provider.zh}任务在 Dialboard 中只读。` },
    };
  }
  if (!caps.operations[op]) {
    return { allowed: false, reason: { en: `${provider.en} has no ${verb.en} operation.`, zh: `${provider.zh}不支持${verb.zh}操作。` } };
  }
  if (task.status === "deleted") {
    return { allowed: false, reason: { en: "This task is deleted.", zh: "此任务已删除。" } };
  }
  const allowedIn = caps.allowedIn[op];
  if (canPerform(op, task.status, caps.allowedIn)) return { allowed: true, reason: null };
  const now = STATUS_TEXT[task.status];
  if (allowedIn.length === 0) {
    return { allowed: false, reason: { en: `${provider.en} cannot ${verb.en} tasks.`, zh: `${provider.zh}不能${verb.zh}任务。` } };
  }
  // Yunfu takes numbers and edits only while paused: say what to do, not only what is wrong.
  const pauseFirst = allowedIn.includes("paused") && canPerform("pause", task.status, caps.allowedIn);
  return {
    allowed: false,
    reason: {
      en: `${provider.en} can ${verb.en} only ${joinStatuses(allowedIn, "en")} tasks; this one is ${now.en}.${pauseFirst ? " Pause it first." : ""}`,
      zh: `${provider.zh}只能${verb.zh}${joinStatuses(allowedIn, "zh")}的任务；此任务${now.zh}。${pauseFirst ? "请先暂停。" : ""}`,
    },
  };
}

export function controlRules(task: { status: TaskStatus; kind: string }, caps: ProviderCapabilities): Record<TaskControl, ControlRule> {
  return Object.fromEntries(TASK_CONTROLS.map((op) => [op, controlRule(op, task, caps)])) as Record<TaskControl, ControlRule>;
}
