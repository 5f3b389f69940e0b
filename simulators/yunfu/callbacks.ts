// The 创建/删除任务回调 of seed 000 (docs/providers/yunfu.md §9), in the shape of the seed's example
// (simulators/yunfu/fixtures/seed-000-task-callback.jsonc): type 1 created, 2 deleted; mode api_interface
// because the task came through the API. How Yunfu authenticates callbacks is NOT FOUND: when the account
// has a callback token, the simulator sends it in x-dialboard-token (the receiving side's convention).
import type { WebhookSender } from "../core/webhooks";
import { groupRow } from "./handlers/groups";
import type { SimTask, YunfuSimState } from "./state";

export function taskCallbackBody(type: 1 | 2, task: SimTask, userId: string) {
  const body = task.body;
  return {
    type,
    mode: "api_interface",
    task_data: {
      auto_recycle_rule_id: body.auto_recycle_rule_id ?? null,
      call_pause_second: body.task_extras.interval_time ?? 0,
      caller_line_id: null,
      customer_service_id: body.bridge_group_id ?? null,
      destination_extension: Number(body.destination_extension),
      disable_dial_timegroup: null,
      maximumcall: body.maximumcall,
      name: body.name,
      recycle_limit: body.recycle_limit ?? 0,
      remark: body.remark ?? null,
      uuid: task.uuid,
      user_id: userId,
      // start: 1 开启 / 0 暂停; start_str the state's name.
      start: task.enable ? 1 : 0,
      start_str: task.enable ? "开启" : "暂停",
      // task_type 6 = a 2.0 task; enable_type 0 2.0 outbound, 1 LLM outbound.
      task_type: 6,
      enable_type: body.enable_type ?? 0,
      create_datetime: task.create_datetime,
      caller_line_name: "模拟线路",
      destination_extension_name: `话术分组${String(body.destination_extension)}`,
      username: "模拟用户",
      // 4 终端用户, 8 子账户.
      user_type: body.sub_user_id ? 8 : 4,
      outbound_group_time: task.create_datetime,
      caller_line_time: task.create_datetime,
      time_range: [groupRow(task.group)],
    },
  };
}

export function sendTaskCallback(sender: WebhookSender, state: YunfuSimState, type: 1 | 2, task: SimTask, userId: string): void {
  if (!state.webhookUrl) return;
  const headers: Record<string, string> = {};
  if (state.callbackSecret) headers["x-dialboard-token"] = state.callbackSecret;
  sender.send({ url: state.webhookUrl, headers, body: JSON.stringify(taskCallbackBody(type, task, userId)) });
}
