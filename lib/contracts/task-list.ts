// One row of the task list (/tasks), as the server page passes it to the table component.
import type { LocalizedText } from "../domain/text";
import type { TaskKind, TaskStatus } from "../domain/task";
import type { ProviderKind } from "../providers/types";
import type { WaitingView } from "./task-state";

export interface TaskListRow {
  id: string;
  name: string;
  status: TaskStatus;
  rawStatus: string;
  kind: TaskKind;
  taskType: string;
  taskTypeLabel: LocalizedText | null;
  provider: ProviderKind;
  providerLabel: LocalizedText;
  accountId: string;
  accountName: string;
  groupName: string | null;
  totalOrders: number;
  finishedOrders: number;
  finishRate: number;
  /** ISO instants (rows go straight to a client component). */
  lastSyncAt: string | null;
  updatedAt: string;
  /** The provider no longer lists it. */
  gone: boolean;
  /** What the task waits for, when something holds it (the same reason as on its page). */
  waiting: WaitingView | null;
  /** When `waiting` was computed (its "in 35 min" counts from here). */
  at: string;
  /** null: the provider does not report calls (WShoto follow-ups), shown as "—" rather than 0 %. */
  answerRate: number | null;
}
