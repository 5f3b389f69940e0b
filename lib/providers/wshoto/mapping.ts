// WShoto wire ↔ Dialboard domain (docs/providers/wshoto.md). WShoto tasks are WeCom follow-up and super
// mass-send tasks: employees follow up customers or groups, nobody is dialled.
import type { CallTimeGroup, Encoded, LocalizedText } from "../../domain/call-time-group";
import type { RetryStrategy } from "../../domain/retry-strategy";
import type { TaskStats } from "../../domain/stats-types";
import type { TaskStatus } from "../../domain/task";
import type { EmployeeExecution, RemoteTask } from "../types";
import { wshotoText } from "./text";
import type { TExecutionRecord, TTaskRecord } from "./wire";

/**
 * `status` → TaskStatus: 0 not started and 1 creating → pending, 2 in progress → running,
 * 3 ended → completed, 4 expired (已失效) → completed, −1 create failed → failed.
 * Expired is "completed" because the task is over and nothing more will be followed up; the raw 4
 * is kept so the console can still say 已失效.
 */
export function taskStatusFromWshoto(status: number): TaskStatus {
  switch (status) {
    case 0:
    case 1:
      return "pending";
    case 2:
      return "running";
    case 3:
    case 4:
      return "completed";
    case -1:
      return "failed";
    default:
      // An undocumented status: shown as pending (nothing known to be happening), raw value kept.
      return "pending";
  }
}

/** `template_type`: 1 follow up customers, 2 follow up customer groups, 3 super mass-send (seed 003). */
const TEMPLATE_TYPES = ["1", "2", "3"] as const;

export const WSHOTO_TEMPLATE_TYPE_LABELS: Record<string, LocalizedText> = Object.fromEntries(
  TEMPLATE_TYPES.map((type) => [type, wshotoText(`taskType.${type}`)]),
);

// Seed 003 and the 2.0 create API: 1 低, 2 中, 3 高, 4–7 一星…四星. The old create API
// (/openapi/task/follow_up/create) is reversed, 1 = 高 and 3 = 低 (docs/providers/wshoto.md §3); tasks are
// read through the 2.0 detail API, so the 2.0 meaning applies.
const PRIORITIES = ["1", "2", "3", "4", "5", "6", "7"] as const;
export const WSHOTO_PRIORITY_LABELS: Record<string, LocalizedText> = Object.fromEntries(
  PRIORITIES.map((priority) => [priority, wshotoText(`priority.${priority}`)]),
);

/** WShoto times are Unix seconds; 0 or absent means "not set". */
export function dateFromUnixSeconds(seconds: number | null | undefined): Date | null {
  return seconds ? new Date(seconds * 1000) : null;
}

/** A list record or a task detail as a RemoteTask. `raw` is the JSON-safe record as received. */
export function remoteTaskFromWshoto(record: TTaskRecord, raw: unknown, stats: TaskStats | null): RemoteTask {
  return {
    remoteId: record.template_id,
    name: record.template_name ?? "",
    kind: "follow-up",
    taskType: record.template_type == null ? "" : String(record.template_type),
    status: taskStatusFromWshoto(record.status),
    rawStatus: String(record.status),
    createdAt: dateFromUnixSeconds(record.create_time),
    stats,
    concurrency: null,
    raw,
  };
}

/** One employee's part of a task (获取员工执行情况列表); rawStatus is WShoto's 1 not executed, 2 executing, 3 done. */
export function employeeExecutionFromWshoto(record: TExecutionRecord): EmployeeExecution {
  const status = record.status === 3 ? "done" : record.status === 2 ? "executing" : "not-executed";
  const planned = record.plan_target_qty;
  return {
    userId: record.user_id,
    status,
    rawStatus: String(record.status),
    planTargetQty: planned,
    followedTargetQty: record.followed_target_qty,
    noFollowTargetQty: record.no_follow_target_qty ?? Math.max(0, planned - record.followed_target_qty),
    completeRate: record.complete_rate ?? (planned > 0 ? Math.round((record.followed_target_qty / planned) * 10000) / 100 : 0),
  };
}

/** WShoto has no call windows: nothing is encoded and the whole group is the one loss. */
export function encodeCallTimeGroup(_group: CallTimeGroup): Encoded<null> {
  return { value: null, losses: [wshotoText("loss.noCallTime")] };
}

/** WShoto has no retries: nothing is encoded and the whole strategy is the one loss. */
export function encodeRetryStrategy(_strategy: RetryStrategy): Encoded<null> {
  return { value: null, losses: [wshotoText("loss.noRetry")] };
}
