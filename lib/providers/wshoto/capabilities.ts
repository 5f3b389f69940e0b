// What Dialboard can do with a WShoto account (providers.md §4). WShoto tasks are WeCom follow-up
// and super mass-send tasks that employees carry out; Dialboard mirrors them READ-ONLY: it lists
// them, shows their detail and their employees' execution, and never creates or changes them.
import type { TaskOperation, TaskStatus } from "../../domain/task";
import type { ParamSpec, ProviderCapabilities } from "../types";
import { WSHOTO_PRIORITY_LABELS, WSHOTO_TEMPLATE_TYPE_LABELS } from "./mapping";
import { PAGE_SIZE_MAX } from "./wire";

const NOTHING: TaskStatus[] = [];
const NONE_ALLOWED: Record<TaskOperation, TaskStatus[]> = {
  create: NOTHING,
  update: NOTHING,
  start: NOTHING,
  pause: NOTHING,
  complete: NOTHING,
  delete: NOTHING,
  addContacts: NOTHING,
};

// The documented parameters of a follow-up task (创建客户跟进任务2.0, providers.md §4). Dialboard
// does not create WShoto tasks; these describe the fields shown on a mirrored task's page.
const params: ParamSpec[] = [
  {
    key: "priority",
    label: { en: "Priority", zh: "优先级" },
    help: {
      en: "2.0 API: 1 low, 2 medium, 3 high (the retired create API had it reversed).",
      zh: "2.0 接口：1 低、2 中、3 高（旧版创建接口相反）。",
    },
    type: "enum",
    default: "2",
    options: Object.entries(WSHOTO_PRIORITY_LABELS).map(([value, label]) => ({ value, label })),
  },
  {
    key: "delay_type",
    label: { en: "Send type", zh: "发送类型" },
    type: "enum",
    options: [
      { value: "1", label: { en: "Immediately", zh: "立即发送" } },
      { value: "2", label: { en: "Scheduled", zh: "定时发送" } },
    ],
  },
  {
    key: "send_time",
    label: { en: "Send time", zh: "发送时间" },
    type: "datetime",
  },
  {
    key: "end_time",
    label: { en: "Ends at", zh: "任务结束时间" },
    help: {
      en: "Default: 00:00 on the third day after the start.",
      zh: "默认：开始后第 3 天 00:00。",
    },
    type: "datetime",
  },
  {
    key: "explain_content",
    label: { en: "Task explanation", zh: "任务说明" },
    help: { en: "Content or materials, at least one.", zh: "说明文字或素材，至少填写一项。" },
    type: "string",
    maxLength: 1300,
  },
  {
    key: "task_mode",
    label: { en: "Mode", zh: "任务模式" },
    type: "enum",
    options: [
      { value: "1", label: { en: "Normal", zh: "常规模式" } },
      { value: "2", label: { en: "Data sync", zh: "数据同步模式" } },
    ],
  },
];

export const wshotoCapabilities: ProviderCapabilities = {
  kind: "wshoto",
  label: { en: "WShoto (WeCom SCRM)", zh: "微盛·企微管家" },
  operations: {
    create: false,
    update: false,
    start: false,
    pause: false,
    complete: false,
    delete: false,
    addContacts: false,
    timeGroups: false,
    // No webhook is documented for these tasks (providers.md §4).
    webhooks: false,
    callEvents: false,
  },
  taskKinds: ["follow-up"],
  taskTypes: Object.entries(WSHOTO_TEMPLATE_TYPE_LABELS).map(([value, label]) => ({ value, label })),
  credentialFields: [
    { key: "appid", label: { en: "App ID", zh: "AppID" }, secret: false },
    { key: "appSecret", label: { en: "App secret", zh: "AppSecret" }, secret: true },
  ],
  settingFields: [],
  params,
  limits: {
    // NOT FOUND: WShoto documents no task-name length.
    nameMaxLength: 100,
    // The old create API: content ≤ 1300 characters (providers.md §4).
    descriptionMaxLength: 1300,
    // Staff ids + customer/group ids per task ≤ 10000 (providers.md §4, 创建客户跟进任务2.0).
    contactsBatchSize: 10000,
    maxTasks: null,
    listPageSize: PAGE_SIZE_MAX,
  },
  // Number-level operations are declared by each adapter as it implements them.
  numberOps: { list: false, calls: false, remove: false, batchSize: null },
  allowedIn: NONE_ALLOWED,
  // Nothing is sent to WShoto, so there is no cross-field rule to check.
  validateParams: () => [],
};
