// What Dialboard can do on Yunfu AI (云蝠智能) 2.0 tasks, with every documented create parameter
// (help.ccgpt.net 2.0任务创建 and docs.longlonglong.cn 任务创建, summarised in providers.md §1).
import type { LocalizedText } from "../../domain/call-time-group";
import type { ParamIssue, ParamSpec, ProviderCapabilities } from "../types";
import { parseTaskDateTime } from "./mapping";

/** Sync number import takes at most 100 rows per request (providers.md §1 "Numbers"). */
export const YUNFU_CONTACTS_BATCH = 100;

const yesNo = (no: LocalizedText, yes: LocalizedText) => [
  { value: "0", label: no },
  { value: "1", label: yes },
];

export const YUNFU_PARAMS: ParamSpec[] = [
  {
    key: "destination_extension",
    label: { en: "Script group id", zh: "话术分组 ID" },
    help: { en: "The script group the AI agent speaks (from the task-init data).", zh: "机器人使用的话术分组（见任务初始化接口）。" },
    type: "int",
    min: 1,
    required: true,
  },
  {
    key: "maximumcall",
    label: { en: "Concurrent calls", zh: "线路并发数" },
    type: "int",
    min: 1,
    default: 1,
    required: true,
  },
  {
    key: "start_time",
    label: { en: "Task starts", zh: "任务开始时间" },
    help: { en: "China time.", zh: "北京时间。" },
    type: "datetime",
    required: true,
  },
  {
    key: "stop_time",
    label: { en: "Task stops", zh: "任务结束时间" },
    help: { en: "China time; after it the task no longer dials.", zh: "北京时间；之后任务不再拨打。" },
    type: "datetime",
    required: true,
  },
  {
    key: "line",
    label: { en: "Line ids", zh: "线路 ID" },
    help: { en: "Comma-separated; empty uses the account's lines.", zh: "多个用英文逗号分隔；留空使用账号线路。" },
    type: "string",
    maxLength: 2000,
    default: "",
  },
  {
    key: "interval_time",
    label: { en: "Pause between calls", zh: "呼叫时间间隔" },
    help: { en: "Seconds between two calls of one line (0 = none).", zh: "同一线路两通电话之间的间隔秒数（0 为不间隔）。" },
    type: "int",
    min: 0,
    default: 0,
  },
  {
    key: "end_action",
    label: { en: "When the task ends", zh: "任务结束动作" },
    type: "enum",
    options: yesNo({ en: "Do nothing", zh: "无操作" }, { en: "Pause and release the lines", zh: "暂停任务并释放并发" }),
    default: "0",
  },
  {
    key: "pop_mode",
    label: { en: "Dialling order", zh: "号码拨打顺序" },
    type: "enum",
    options: [
      { value: "0", label: { en: "Random", zh: "随机" } },
      { value: "1", label: { en: "In import order", zh: "顺序" } },
      { value: "2", label: { en: "Newest first", zh: "倒序" } },
    ],
    default: null,
  },
  {
    key: "auto_recycle_rule_id",
    label: { en: "Redial rule id", zh: "重呼规则 ID" },
    help: {
      en: "A redial rule kept on Yunfu; leave empty to use this task's retry strategy.",
      zh: "云蝠上已有的重呼规则；留空则使用本任务的重试策略。",
    },
    type: "int",
    min: 1,
    default: null,
  },
  {
    key: "enable_type",
    label: { en: "Agent type", zh: "任务类型" },
    type: "enum",
    options: yesNo({ en: "2.0 outbound", zh: "2.0 外呼" }, { en: "LLM outbound", zh: "大模型外呼" }),
    default: "0",
  },
  {
    key: "is_call_in",
    label: { en: "Direction", zh: "呼入开关" },
    type: "enum",
    options: yesNo({ en: "Outbound", zh: "外呼" }, { en: "Inbound", zh: "呼入" }),
    default: "0",
  },
  { key: "bridge_group_id", label: { en: "Transfer group id", zh: "转接组 ID" }, type: "int", min: 1, default: null },
  { key: "background_id", label: { en: "Background sound id", zh: "背景音 ID" }, type: "int", min: 1, default: null },
  { key: "llm_intention_id", label: { en: "LLM QA config id", zh: "大模型质检配置 ID" }, type: "int", min: 1, default: null },
];

function validateYunfuParams(_taskType: string, params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const start = parseTaskDateTime(params.start_time);
  const stop = parseTaskDateTime(params.stop_time);
  if (start && stop && stop.getTime() <= start.getTime()) {
    issues.push({
      key: "stop_time",
      message: { en: "The task must stop after it starts.", zh: "任务结束时间必须晚于开始时间。" },
    });
  }
  if (typeof params.line === "string" && params.line.split(",").some((id) => id.trim() === "") && params.line.trim() !== "") {
    issues.push({ key: "line", message: { en: "Remove the empty line id between commas.", zh: "请删除逗号之间的空线路 ID。" } });
  }
  return issues;
}

export const yunfuCapabilities: ProviderCapabilities = {
  kind: "yunfu",
  label: { en: "Yunfu AI", zh: "云蝠智能" },
  operations: {
    create: true,
    update: true,
    // Start is NOT documented; we call PUT …/task_start/{id} by symmetry with task_stop (INFERENCE, providers.md §1).
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
  taskKinds: ["call"],
  taskTypes: [{ value: "2.0", label: { en: "2.0 AI outbound task", zh: "2.0 外呼任务" } }],
  credentialFields: [{ key: "token", label: { en: "API token (Bearer)", zh: "API 令牌（Bearer）" }, secret: true }],
  settingFields: [
    { key: "userId", label: { en: "User id (main account)", zh: "用户 ID（主账号）" }, secret: false },
    { key: "subUserId", label: { en: "Sub-account id (optional)", zh: "子账户 ID（可选）" }, secret: false },
    {
      key: "weekBase",
      label: { en: "Time-group week 0 is", zh: "时间组 week 0 表示" },
      secret: false,
      options: [
        { value: "monday", label: { en: "Monday (as the callback docs say)", zh: "周一（回调文档）" } },
        { value: "sunday", label: { en: "Sunday", zh: "周日" } },
      ],
      default: "monday",
    },
    {
      key: "callbackSecret",
      label: { en: "Callback token (x-dialboard-token, optional)", zh: "回调令牌（x-dialboard-token，可选）" },
      secret: true,
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
  // Number-level operations are declared by each adapter as it implements them.
  numberOps: { list: false, calls: false, remove: false, batchSize: null },
  allowedIn: {
    create: ["draft"],
    // INFERENCE: like numbers (6007), a started 2.0 task is edited after stopping it.
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
