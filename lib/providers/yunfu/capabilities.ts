// What Dialboard can do on Yunfu AI (云蝠智能) 2.0 tasks, with every documented create parameter
// (2.0任务创建 and 任务创建; docs/providers/yunfu.md §3).
import type { LocalizedText } from "../../domain/call-time-group";
import type { ParamIssue, ParamSpec, ProviderCapabilities } from "../types";
import { parseTaskDateTime, YUNFU_TIME_ZONE } from "./mapping";
import { yunfuText } from "./text";

/** Sync number import takes at most 100 rows per request (批量添加号码(同步接口); docs/providers/yunfu.md §7). */
export const YUNFU_CONTACTS_BATCH = 100;
/** The async import takes at most 200 (批量添加号码(异步接口) "每次最多导入200条数据"; docs/providers/yunfu.md §7). */
export const YUNFU_ASYNC_IMPORT_BATCH = 200;
/** INFERENCE (docs/providers/yunfu.md §7): batch delete states no limit; 100, as the customer-pool delete. */
export const YUNFU_REMOVE_BATCH = 100;

const yesNo = (no: LocalizedText, yes: LocalizedText) => [
  { value: "0", label: no },
  { value: "1", label: yes },
];

export const YUNFU_PARAMS: ParamSpec[] = [
  {
    key: "destination_extension",
    label: yunfuText("param.destinationExtension"),
    help: yunfuText("param.destinationExtensionHelp"),
    type: "int",
    min: 1,
    required: true,
  },
  { key: "maximumcall", label: yunfuText("param.maximumcall"), type: "int", min: 1, default: 1, required: true },
  // docs/providers/yunfu.md §10: datetimes are China time, so the form's value is sent as typed.
  { key: "start_time", label: yunfuText("param.startTime"), help: yunfuText("param.startTimeHelp"), type: "datetime", timeZone: YUNFU_TIME_ZONE, required: true },
  { key: "stop_time", label: yunfuText("param.stopTime"), help: yunfuText("param.stopTimeHelp"), type: "datetime", timeZone: YUNFU_TIME_ZONE, required: true },
  { key: "line", label: yunfuText("param.line"), help: yunfuText("param.lineHelp"), type: "string", maxLength: 2000, default: "" },
  { key: "interval_time", label: yunfuText("param.intervalTime"), help: yunfuText("param.intervalTimeHelp"), type: "int", min: 0, default: 0 },
  {
    key: "end_action",
    label: yunfuText("param.endAction"),
    type: "enum",
    options: yesNo(yunfuText("param.endActionNone"), yunfuText("param.endActionPause")),
    default: "0",
  },
  {
    key: "pop_mode",
    label: yunfuText("param.popMode"),
    type: "enum",
    options: [
      { value: "0", label: yunfuText("param.popRandom") },
      { value: "1", label: yunfuText("param.popInOrder") },
      { value: "2", label: yunfuText("param.popNewestFirst") },
    ],
    default: null,
  },
  {
    key: "auto_recycle_rule_id",
    label: yunfuText("param.recycleRule"),
    help: yunfuText("param.recycleRuleHelp"),
    type: "int",
    min: 1,
    default: null,
  },
  {
    key: "enable_type",
    label: yunfuText("param.enableType"),
    type: "enum",
    options: yesNo(yunfuText("param.enableTypeClassic"), yunfuText("param.enableTypeLlm")),
    default: "0",
  },
  {
    key: "is_call_in",
    label: yunfuText("param.isCallIn"),
    type: "enum",
    options: yesNo(yunfuText("param.outbound"), yunfuText("param.inbound")),
    default: "0",
  },
  { key: "bridge_group_id", label: yunfuText("param.bridgeGroup"), type: "int", min: 1, default: null },
  { key: "background_id", label: yunfuText("param.background"), type: "int", min: 1, default: null },
  { key: "llm_intention_id", label: yunfuText("param.llmIntention"), type: "int", min: 1, default: null },
];

function validateYunfuParams(_taskType: string, params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const start = parseTaskDateTime(params.start_time);
  const stop = parseTaskDateTime(params.stop_time);
  if (start && stop && stop.getTime() <= start.getTime()) issues.push({ key: "stop_time", message: yunfuText("param.stopAfterStart") });
  if (typeof params.line === "string" && params.line.split(",").some((id) => id.trim() === "") && params.line.trim() !== "") {
    issues.push({ key: "line", message: yunfuText("param.emptyLineId") });
  }
  return issues;
}

export const yunfuCapabilities: ProviderCapabilities = {
  kind: "yunfu",
  label: yunfuText("label"),
  operations: {
    create: true,
    update: true,
    start: true,
    pause: true,
    // Yunfu has no finish operation; a task ends at its stop_time.
    complete: false,
    delete: true,
    addContacts: true,
    timeGroups: true,
    webhooks: true,
    callEvents: false, // only task create/delete callbacks (seed 000)
  },
  // Start is NOT documented: Dialboard calls PUT …/task_start/{id}, the counterpart of the documented
  // task_stop (INFERENCE, docs/providers/yunfu.md §3); the task page says so beside Start.
  unverified: { start: yunfuText("unverified.start") },
  taskKinds: ["call"],
  taskTypes: [{ value: "2.0", label: yunfuText("taskType") }],
  credentialFields: [
    { key: "token", label: yunfuText("credential.token"), secret: true },
    // Yunfu does not sign its callbacks: our callback URL carries this token (…?token=<token>). Without one,
    // callbacks are refused, since anyone could otherwise post a "task deleted" (yunfu/sign.ts).
    { key: "callbackSecret", label: yunfuText("credential.callbackSecret"), secret: true, optional: true },
  ],
  settingFields: [
    { key: "userId", label: yunfuText("setting.userId"), secret: false },
    { key: "subUserId", label: yunfuText("setting.subUserId"), secret: false },
    {
      key: "weekBase",
      label: yunfuText("setting.weekBase"),
      secret: false,
      options: [
        { value: "monday", label: yunfuText("setting.weekMonday") },
        { value: "sunday", label: yunfuText("setting.weekSunday") },
      ],
      default: "monday",
    },
  ],
  params: YUNFU_PARAMS,
  limits: {
    // Not documented: a conservative length the console enforces.
    nameMaxLength: 50,
    descriptionMaxLength: 255,
    contactsBatchSize: YUNFU_CONTACTS_BATCH,
    maxTasks: null,
    listPageSize: 50,
  },
  numberOps: { list: true, calls: true, remove: true, batchSize: YUNFU_REMOVE_BATCH, asyncImportBatchSize: YUNFU_ASYNC_IMPORT_BATCH },
  allowedIn: {
    create: ["draft"],
    // INFERENCE (docs/providers/yunfu.md §3): like numbers (6007), a started 2.0 task is edited after stopping it.
    update: ["paused"],
    start: ["paused"],
    pause: ["pending", "running"],
    complete: [],
    delete: ["pending", "running", "paused", "completed", "failed"],
    // 6007 "2.0任务启动中,请先停止任务": an enabled task (waiting or dialling) takes no numbers.
    addContacts: ["paused"],
  },
  validateParams: validateYunfuParams,
};
