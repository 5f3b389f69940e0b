// One row of the task list (/tasks), as the server page passes it to the table component.
import type { LocalizedText } from "../domain/text";
import type { TaskKind, TaskStatus } from "../domain/task";
import type { ProviderKind } from "../providers/types";

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
  answerRate: number;
  finishRate: number;
  /** ISO instants (rows go straight to a client component). */
  lastSyncAt: string | null;
  updatedAt: string;
  /** The provider no longer lists it. */
  gone: boolean;
}
