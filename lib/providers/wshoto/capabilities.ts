// What Dialboard can do with a WShoto account (docs/providers/wshoto.md). WShoto tasks are WeCom follow-up
// and super mass-send tasks that employees carry out; Dialboard mirrors them READ-ONLY: it lists
// them, shows their detail and their employees' execution, and never creates or changes them.
import type { TaskOperation, TaskStatus } from "../../domain/task";
import type { ParamSpec, ProviderCapabilities } from "../types";
import { WSHOTO_PRIORITY_LABELS, WSHOTO_TEMPLATE_TYPE_LABELS } from "./mapping";
import { wshotoText } from "./text";
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

// The documented parameters of a follow-up task (创建客户跟进任务2.0, docs/providers/wshoto.md §3). Dialboard
// does not create WShoto tasks; these describe the fields shown on a mirrored task's page.
const params: ParamSpec[] = [
  {
    key: "priority",
    label: wshotoText("param.priority"),
    help: wshotoText("param.priorityHelp"),
    type: "enum",
    default: "2",
    options: Object.entries(WSHOTO_PRIORITY_LABELS).map(([value, label]) => ({ value, label })),
  },
  {
    key: "delay_type",
    label: wshotoText("param.delayType"),
    type: "enum",
    options: [
      { value: "1", label: wshotoText("param.delayImmediate") },
      { value: "2", label: wshotoText("param.delayScheduled") },
    ],
  },
  {
    key: "send_time",
    label: wshotoText("param.sendTime"),
    type: "datetime",
  },
  {
    key: "end_time",
    label: wshotoText("param.endTime"),
    help: wshotoText("param.endTimeHelp"),
    type: "datetime",
  },
  {
    key: "explain_content",
    label: wshotoText("param.explain"),
    help: wshotoText("param.explainHelp"),
    type: "string",
    maxLength: 1300,
  },
  {
    key: "task_mode",
    label: wshotoText("param.taskMode"),
    type: "enum",
    options: [
      { value: "1", label: wshotoText("param.modeNormal") },
      { value: "2", label: wshotoText("param.modeDataSync") },
    ],
  },
];

export const wshotoCapabilities: ProviderCapabilities = {
  kind: "wshoto",
  label: wshotoText("label"),
  operations: {
    create: false,
    update: false,
    start: false,
    pause: false,
    complete: false,
    delete: false,
    addContacts: false,
    timeGroups: false,
    // No webhook is documented for these tasks (docs/providers/wshoto.md §6).
    webhooks: false,
    callEvents: false,
  },
  taskKinds: ["follow-up"],
  taskTypes: Object.entries(WSHOTO_TEMPLATE_TYPE_LABELS).map(([value, label]) => ({ value, label })),
  credentialFields: [
    { key: "appid", label: wshotoText("credential.appid"), secret: false },
    { key: "appSecret", label: wshotoText("credential.appSecret"), secret: true },
  ],
  settingFields: [],
  params,
  limits: {
    // NOT FOUND: WShoto documents no task-name length.
    nameMaxLength: 100,
    // The old create API: content ≤ 1300 characters (docs/providers/wshoto.md §3).
    descriptionMaxLength: 1300,
    // Staff ids + customer/group ids per task ≤ 10000 (docs/providers/wshoto.md §3, 创建客户跟进任务2.0).
    contactsBatchSize: 10000,
    maxTasks: null,
    listPageSize: PAGE_SIZE_MAX,
  },
  // Number-level operations are declared by each adapter as it implements them.
  numberOps: { list: false, calls: false, remove: false, batchSize: null },
  // docs/providers/wshoto.md §1 and §9: follow-up and mass-send tasks dial nobody; only targets followed are reported.
  unreportedFigures: ["totalCalls", "answeredCalls", "answerRate"],
  allowedIn: NONE_ALLOWED,
  // Nothing is sent to WShoto, so there is no cross-field rule to check.
  validateParams: () => [],
};
