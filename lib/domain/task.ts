// Contract types for tasks (docs/design.md "Task state machine").

export const TASK_STATUSES = ["draft", "pending", "running", "paused", "completed", "failed", "deleted"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** "call" = an outbound calling task; "follow-up" = WShoto follow-up / mass-send (read-only). */
export type TaskKind = "call" | "follow-up";

export type TaskOperation = "create" | "update" | "start" | "pause" | "complete" | "delete" | "addContacts";

/** Order of statuses for "never move backwards": a later rank wins over an earlier one for the same event time. */
export const STATUS_RANK: Record<TaskStatus, number> = {
  draft: 0,
  pending: 1,
  running: 2,
  paused: 2,
  completed: 3,
  failed: 3,
  deleted: 4,
};
