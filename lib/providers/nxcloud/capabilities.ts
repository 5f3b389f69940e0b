// What NXCloud Callbot v3 can do, its parameters and rules (providers.md §3). The console builds the
// task form from this record and validates with it before anything is sent.
import type { TaskStatus } from "../../domain/task";
import type { ParamIssue, ParamSpec, ProviderCapabilities } from "../types";
import { NXCLOUD_TASK_TYPE } from "./mapping";

/** Numbers per addBatchCall. NOT FOUND in the docs (addendum §3); we use listOrderDetail's documented 500. */
export const NXCLOUD_CONTACTS_BATCH = 500;
/** listTask page size: the docs' example uses 100; the maximum is NOT FOUND. */
export const NXCLOUD_PAGE_SIZE = 100;

const params: ParamSpec[] = [
  {
    key: "sceneID",
    label: { en: "Script template", zh: "话术模板" },
    help: {
      en: "Script template id (NXCloud backend → Script management). Empty = the account's default template.",
      zh: "话术模板 ID（牛信云后台 → 话术管理）。留空使用账号默认模板。",
    },
    type: "string",
    maxLength: 64,
    default: null,
  },
  {
    key: "strategyName",
    label: { en: "Dialing strategy", zh: "拨打策略" },
    help: {
      en: "Name of a dialing strategy of the script (Script → Dialing strategy). Empty = the default strategy.",
      zh: "话术中的拨打策略名称（话术 → 拨打策略）。留空使用默认策略。",
    },
    type: "string",
    maxLength: 64,
    default: "",
  },
  {
    key: "startupType",
    label: { en: "Start", zh: "启动方式" },
    type: "enum",
    default: "1",
    required: true,
    options: [
      { value: "1", label: { en: "Manually", zh: "手动启动" } },
      { value: "2", label: { en: "At a set time", zh: "定时启动" } },
      { value: "3", label: { en: "Immediately", zh: "立即启动" } },
    ],
  },
  {
    key: "startupAt",
    label: { en: "Start at", zh: "定时启动时间" },
    help: { en: "Only for \"At a set time\".", zh: "仅用于“定时启动”。" },
    type: "datetime",
    default: null,
  },
  {
    key: "maxCall",
    label: { en: "Concurrent calls", zh: "最大并发数" },
    type: "int",
    min: 1,
    max: 1000,
    default: 10,
    required: true,
  },
  {
    key: "maxRingTime",
    label: { en: "Max ring time (s)", zh: "最长振铃时间（秒）" },
    help: {
      en: "Its documentation is truncated; empty = NXCloud's default.",
      zh: "官方文档此项说明缺失；留空使用牛信云默认值。",
    },
    type: "int",
    min: 1,
    max: 120,
    default: null,
  },
  {
    key: "routeID",
    label: { en: "Route", zh: "线路" },
    help: { en: "Route id from NXCloud's route list. Empty = the account's default route.", zh: "线路 ID（线路列表）。留空使用账号默认线路。" },
    type: "string",
    maxLength: 64,
    default: null,
  },
  {
    key: "taskKeep",
    label: { en: "Keep task open when empty", zh: "无号码时保持任务" },
    help: { en: "The task does not end by itself when it has no numbers left.", zh: "任务中没有待呼号码时不自动结束。" },
    type: "boolean",
    default: false,
  },
  {
    key: "wholeTTS",
    label: { en: "Synthesise sentences with variables as a whole", zh: "变量整句合成" },
    help: { en: "Required when the script uses variables.", zh: "话术使用变量时必须开启。" },
    type: "boolean",
    default: false,
  },
  {
    key: "phoneEncrypt",
    label: { en: "Mask numbers in the NXCloud backend", zh: "号码加密显示" },
    type: "boolean",
    default: false,
  },
  {
    key: "dispatchType",
    label: { en: "Agent transfer", zh: "人工外呼方式" },
    help: { en: "AICC script templates only.", zh: "仅用于 AICC 话术模板。" },
    type: "enum",
    default: "0",
    options: [
      { value: "0", label: { en: "None", zh: "无" } },
      { value: "1", label: { en: "Ratio-based", zh: "按比例外呼" } },
      { value: "3", label: { en: "Predictive 2.0", zh: "预测外呼 2.0" } },
    ],
  },
  {
    key: "agentGroup",
    label: { en: "Agent group", zh: "坐席组" },
    type: "string",
    maxLength: 64,
    default: null,
  },
  {
    key: "ratioCallRate",
    label: { en: "Calls per agent", zh: "坐席外呼比例" },
    help: { en: "Used by ratio-based transfer.", zh: "按比例外呼时使用。" },
    type: "decimal",
    min: 0,
    minExclusive: true,
    max: 100,
    decimals: 2,
    default: null,
  },
  {
    key: "predictCallRate",
    label: { en: "Predictive call rate", zh: "预测外呼比例" },
    help: { en: "Used by predictive 2.0.", zh: "预测外呼 2.0 时使用。" },
    type: "decimal",
    min: 0,
    minExclusive: true,
    max: 100,
    decimals: 2,
    default: null,
  },
];

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

const ALL_LIVE: TaskStatus[] = ["pending", "running", "paused"];

export const nxcloudCapabilities: ProviderCapabilities = {
  kind: "nxcloud",
  label: { en: "NXCloud Callbot", zh: "牛信云 AI 外呼" },
  operations: {
    create: true,
    update: true,
    start: true,
    pause: true,
    // mgrTaskStatus taskOperate 3 (完结).
    complete: true,
    // NXCloud has no delete endpoint (providers.md §3 "Endpoints"): a task can only be completed.
    delete: false,
    addContacts: true,
    timeGroups: false,
    webhooks: true,
    callEvents: true, // providers.md §3: by-call callbacks
  },
  taskKinds: ["call"],
  taskTypes: [{ value: NXCLOUD_TASK_TYPE, label: { en: "AI callbot", zh: "AI 外呼机器人" } }],
  credentialFields: [
    { key: "uuid", label: { en: "UUID", zh: "UUID" }, secret: false },
    { key: "secretKey", label: { en: "Secret key", zh: "密钥 (secretKey)" }, secret: true },
    {
      key: "algorithm",
      label: { en: "Signature algorithm", zh: "签名算法" },
      secret: false,
      default: "MD5",
      options: [
        { value: "MD5", label: { en: "MD5", zh: "MD5" } },
        { value: "SHA256", label: { en: "SHA256", zh: "SHA256" } },
      ],
    },
  ],
  settingFields: [
    { key: "sceneID", label: { en: "Default script template id", zh: "默认话术模板 ID" }, secret: false },
    { key: "routeID", label: { en: "Default route id", zh: "默认线路 ID" }, secret: false },
  ],
  params,
  limits: {
    // Not documented; 64 is our choice, long enough for real names and safe for NXCloud's UI.
    nameMaxLength: 64,
    // NXCloud has no description field; the description stays in the console's mirror.
    descriptionMaxLength: 500,
    contactsBatchSize: NXCLOUD_CONTACTS_BATCH,
    maxTasks: null,
    listPageSize: NXCLOUD_PAGE_SIZE,
  },
  // providers.md §3: updateTask only while paused or not yet started; mgrTaskStatus start/pause/complete.
  // Number-level operations are declared by each adapter as it implements them.
  numberOps: { list: false, calls: false, remove: false, batchSize: null },
  allowedIn: {
    create: ["draft"],
    update: ["pending", "paused"],
    start: ["pending", "paused"],
    pause: ["running"],
    complete: ALL_LIVE,
    delete: [],
    addContacts: ALL_LIVE,
  },
  validateParams(_taskType, p) {
    const issues: ParamIssue[] = [];
    if (String(p.startupType ?? "1") === "2" && isBlank(p.startupAt)) {
      issues.push({
        key: "startupAt",
        message: { en: "Choose when the task starts.", zh: "定时启动需要填写启动时间。" },
      });
    }
    const dispatch = String(p.dispatchType ?? "0");
    if (dispatch !== "0" && isBlank(p.agentGroup)) {
      issues.push({ key: "agentGroup", message: { en: "Agent transfer needs an agent group.", zh: "人工外呼需要填写坐席组。" } });
    }
    if (dispatch === "1" && isBlank(p.ratioCallRate)) {
      issues.push({
        key: "ratioCallRate",
        message: { en: "Ratio-based transfer needs calls per agent.", zh: "按比例外呼需要填写坐席外呼比例。" },
      });
    }
    if (dispatch === "3" && isBlank(p.predictCallRate)) {
      issues.push({
        key: "predictCallRate",
        message: { en: "Predictive 2.0 needs a predictive call rate.", zh: "预测外呼 2.0 需要填写预测外呼比例。" },
      });
    }
    return issues;
  },
};
