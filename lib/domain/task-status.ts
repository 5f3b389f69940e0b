// Task status rules (docs/design.md "Task state machine", "Mirror and sync"): which operations a
// status allows, and which of two reports of a task's status the mirror keeps.

import { STATUS_RANK, type TaskOperation, type TaskStatus } from "./task";

/** Per-provider rule table, as in ProviderCapabilities.allowedIn. */
export type AllowedIn = Readonly<Record<TaskOperation, readonly TaskStatus[]>>;

/** Whether the provider allows `op` on a task in `status`. Nothing is possible on a deleted task. */
export function canPerform(op: TaskOperation, status: TaskStatus, allowedIn: AllowedIn): boolean {
  if (status === "deleted") return false;
  return allowedIn[op].includes(status);
}

export interface StatusAt {
  status: TaskStatus;
  /** When the provider says the status took effect (event time), not when we received it. */
  at: Date;
}

/**
 * Whether `incoming` should replace `current`. Webhooks and list syncs arrive out of order, and
 * an older status must never overwrite a newer one: the later event time wins; at the same time
 * the status further along (STATUS_RANK) wins. A deleted task stays deleted, and a deletion
 * overrides anything, since nothing can happen to a task after it.
 */
export function nextStatusWins(current: StatusAt, incoming: StatusAt): boolean {
  if (current.status === "deleted") return false;
  if (incoming.status === "deleted") return true;
  const difference = incoming.at.getTime() - current.at.getTime();
  if (difference !== 0) return difference > 0;
  return STATUS_RANK[incoming.status] > STATUS_RANK[current.status];
}
