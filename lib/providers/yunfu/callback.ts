// The task create/delete callback of seed 000 (创建/删除任务回调数据; docs/providers/yunfu.md §9).
import type { RemoteTask, WebhookEvent } from "../types";
import { decodeCallTimeGroup, parseChinaDateTime, type YunfuWeekBase } from "./mapping";
import type { TYunfuTaskCallback } from "./wire";

/** Events of a task create (type 1) / delete (type 2) callback. */
export function eventsFromTaskCallback(body: TYunfuTaskCallback, base: YunfuWeekBase, receivedAt: Date): WebhookEvent[] {
  const t = body.task_data;
  const changedAt = t.alter_datetime ?? t.create_datetime ?? "";
  const dedupeKey = `yunfu:${body.type}:${t.uuid}:${changedAt}`;
  if (body.type === 2) {
    return [{ type: "task-deleted", dedupeKey, remoteTaskId: t.uuid, occurredAt: parseChinaDateTime(t.alter_datetime) ?? receivedAt }];
  }
  // start: 1 开启 / 0 暂停 (seed 000). INFERENCE (docs/providers/yunfu.md §9): an enabled new task waits for
  // its dialling window.
  const started = t.start === 1;
  const task: RemoteTask = {
    remoteId: t.uuid,
    name: t.name,
    kind: "call",
    taskType: t.task_type === 6 ? "2.0" : String(t.task_type ?? "2.0"),
    status: started ? "pending" : "paused",
    rawStatus: started ? "3" : "1",
    createdAt: parseChinaDateTime(t.create_datetime),
    stats: null,
    concurrency: t.maximumcall ?? null,
    raw: t,
  };
  return [
    {
      type: "task-created",
      dedupeKey,
      remoteTaskId: t.uuid,
      occurredAt: parseChinaDateTime(t.create_datetime) ?? receivedAt,
      task,
      timeGroups: t.time_range.map((g) => decodeCallTimeGroup(g, base)),
    },
  ];
}
