// What the task page, the tasks list and the overview show about a task's state: which controls its status and
// provider allow now, and what a live task is waiting for. Built by lib/server/services/tasks (rules.ts,
// waiting.ts); read by the pages, so the types live here.
import type { LocalizedText } from "../domain/text";
import type { TaskOperation } from "../domain/task";

export type TaskControl = Exclude<TaskOperation, "create">;

export interface ControlRule {
  allowed: boolean;
  /** Why not, when not allowed. */
  reason: LocalizedText | null;
}

export type WaitingView =
  | { kind: "provider-unreachable"; since: string | null }
  | { kind: "paused-by-provider" }
  | { kind: "no-numbers-left" }
  | { kind: "holiday"; name: string | null; nextWindow: string | null }
  | { kind: "outside-window"; nextWindow: string | null };
