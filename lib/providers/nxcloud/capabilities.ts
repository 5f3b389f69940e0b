// What NXCloud Callbot v3 can do, its parameters and rules (docs/providers/nxcloud.md §1.4, §1.5). The console builds the
// task form from this record and validates with it before anything is sent.
import type { TaskStatus } from "../../domain/task";
import { sameText } from "../../domain/text";
import type { ParamIssue, ParamSpec, ProviderCapabilities } from "../types";
import { NXCLOUD_TASK_TYPE } from "./mapping";
import { nxText } from "./text";
import { NXCLOUD_ORDER_DETAIL_MAX } from "./wire";

/** Numbers per addBatchCall. INFERENCE (docs/providers/nxcloud.md §4.5): not published; listOrderDetail's documented 500. */
export const NXCLOUD_CONTACTS_BATCH = 500;
/** Account setting: "strict" refuses answers whose sign does not verify; anything else only warns. */
export const NXCLOUD_RESPONSE_SIGN_SETTING = "responseSign";
/** listTask page size: the documents' example uses 100; the maximum is not published (docs/providers/nxcloud.md §4.5). */
export const NXCLOUD_PAGE_SIZE = 100;

const params: ParamSpec[] = [
  {
    key: "sceneID",
    label: nxText("params.sceneID.label"),
    help: nxText("params.sceneID.help"),
    type: "string",
    maxLength: 64,
    default: null,
  },
  {
    key: "strategyName",
    label: nxText("params.strategyName.label"),
    help: nxText("params.strategyName.help"),
    type: "string",
    maxLength: 64,
    default: "",
  },
  {
    key: "startupType",
    label: nxText("params.startupType.label"),
    type: "enum",
    default: "1",
    required: true,
    options: [
      { value: "1", label: nxText("params.startupType.manual") },
      { value: "2", label: nxText("params.startupType.scheduled") },
      { value: "3", label: nxText("params.startupType.immediate") },
    ],
  },
  {
    key: "startupAt",
    label: nxText("params.startupAt.label"),
    help: nxText("params.startupAt.help"),
    type: "datetime",
    default: null,
  },
  {
    key: "maxCall",
    label: nxText("params.maxCall.label"),
    type: "int",
    min: 1,
    max: 1000,
    default: 10,
    required: true,
  },
  {
    // INFERENCE (docs/providers/nxcloud.md §4): the description of maxRingTime is not published; read by its name, in seconds.
    key: "maxRingTime",
    label: nxText("params.maxRingTime.label"),
    help: nxText("params.maxRingTime.help"),
    type: "int",
    min: 1,
    max: 120,
    default: null,
  },
  {
    key: "routeID",
    label: nxText("params.routeID.label"),
    help: nxText("params.routeID.help"),
    type: "string",
    maxLength: 64,
    default: null,
  },
  {
    key: "taskKeep",
    label: nxText("params.taskKeep.label"),
    help: nxText("params.taskKeep.help"),
    type: "boolean",
    default: false,
  },
  {
    key: "wholeTTS",
    label: nxText("params.wholeTTS.label"),
    help: nxText("params.wholeTTS.help"),
    type: "boolean",
    default: false,
  },
  {
    key: "phoneEncrypt",
    label: nxText("params.phoneEncrypt.label"),
    type: "boolean",
    default: false,
  },
  {
    key: "dispatchType",
    label: nxText("params.dispatchType.label"),
    help: nxText("params.dispatchType.help"),
    type: "enum",
    default: "0",
    options: [
      { value: "0", label: nxText("params.dispatchType.none") },
      { value: "1", label: nxText("params.dispatchType.ratio") },
      { value: "3", label: nxText("params.dispatchType.predictive") },
    ],
  },
  {
    key: "agentGroup",
    label: nxText("params.agentGroup.label"),
    type: "string",
    maxLength: 64,
    default: null,
  },
  {
    key: "ratioCallRate",
    label: nxText("params.ratioCallRate.label"),
    help: nxText("params.ratioCallRate.help"),
    type: "decimal",
    min: 0,
    minExclusive: true,
    max: 100,
    decimals: 2,
    default: null,
  },
  {
    key: "predictCallRate",
    label: nxText("params.predictCallRate.label"),
    help: nxText("params.predictCallRate.help"),
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
  label: nxText("label"),
  accountHint: nxText("accountHint"),
  operations: {
    create: true,
    update: true,
    start: true,
    pause: true,
    // mgrTaskStatus taskOperate 3 (完结).
    complete: true,
    // NXCloud has no delete endpoint (docs/providers/nxcloud.md §1.4): a task can only be completed.
    delete: false,
    addContacts: true,
    timeGroups: false,
    webhooks: true,
    callEvents: true, // docs/providers/nxcloud.md §1.6: by-call callbacks
  },
  taskKinds: ["call"],
  taskTypes: [{ value: NXCLOUD_TASK_TYPE, label: nxText("taskType") }],
  credentialFields: [
    { key: "uuid", label: nxText("credentials.uuid"), secret: false },
    { key: "secretKey", label: nxText("credentials.secretKey"), secret: true },
    {
      key: "algorithm",
      label: nxText("credentials.algorithm"),
      secret: false,
      default: "MD5",
      options: [
        { value: "MD5", label: sameText("MD5") },
        { value: "SHA256", label: sameText("SHA256") },
      ],
    },
  ],
  settingFields: [
    { key: "sceneID", label: nxText("settings.sceneID"), secret: false },
    { key: "routeID", label: nxText("settings.routeID"), secret: false },
    {
      // docs/providers/nxcloud.md §2.3: what an answer's sign covers is not documented, so a mismatch is only
      // reported unless the account asks for strict checking.
      key: NXCLOUD_RESPONSE_SIGN_SETTING,
      label: nxText("settings.responseSign"),
      secret: false,
      default: "warn",
      options: [
        { value: "warn", label: nxText("settings.responseSignWarn") },
        { value: "strict", label: nxText("settings.responseSignStrict") },
      ],
    },
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
  // docs/providers/nxcloud.md §1.4: updateTask only while paused or not yet started; mgrTaskStatus start/pause/complete.
  // docs/providers/nxcloud.md §3: listOrder + listOrderDetail, listCall, stopOrder (≤ 500 ids per request).
  numberOps: { list: true, calls: true, remove: true, batchSize: NXCLOUD_ORDER_DETAIL_MAX },
  // docs/providers/nxcloud.md §1.5: taskStat counts orders, finished and answered orders and calls, but not the
  // numbers dialled, so neither that count nor the connect rate built on it can be shown.
  unreportedFigures: ["attemptedOrders", "penetrationRate"],
  // docs/providers/nxcloud.md §1.5 funcFlag.roundRedial: unanswered calls are "automatically redialed once".
  maxRedials: 1,
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
        message: nxText("validation.startupAt"),
      });
    }
    const dispatch = String(p.dispatchType ?? "0");
    if (dispatch !== "0" && isBlank(p.agentGroup)) {
      issues.push({ key: "agentGroup", message: nxText("validation.agentGroup") });
    }
    if (dispatch === "1" && isBlank(p.ratioCallRate)) {
      issues.push({
        key: "ratioCallRate",
        message: nxText("validation.ratioCallRate"),
      });
    }
    if (dispatch === "3" && isBlank(p.predictCallRate)) {
      issues.push({
        key: "predictCallRate",
        message: nxText("validation.predictCallRate"),
      });
    }
    return issues;
  },
};
