// What the Aliyun VMS Cloud* API can do, its documented parameters with ranges and defaults, and
// the cross-field rules (providers.md §2 "Enumerations missing from the seed", seed 001).
import type { LocalizedText } from "../../domain/call-time-group";
import type { ParamIssue, ParamSpec, ProviderCapabilities } from "../types";

const t = (en: string, zh: string): LocalizedText => ({ en, zh });
const flag = (key: string, label: LocalizedText, def: boolean, help?: LocalizedText, taskTypes?: string[]): ParamSpec => ({
  key,
  label,
  type: "boolean",
  default: def,
  ...(help ? { help } : {}),
  ...(taskTypes ? { taskTypes } : {}),
});
const int = (key: string, label: LocalizedText, min: number, max: number | undefined, def: number | undefined, help?: LocalizedText): ParamSpec => ({
  key,
  label,
  type: "int",
  min,
  ...(max === undefined ? {} : { max }),
  ...(def === undefined ? {} : { default: def }),
  ...(help ? { help } : {}),
});
const text = (key: string, label: LocalizedText, help?: LocalizedText, maxLength?: number): ParamSpec => ({
  key,
  label,
  type: "string",
  ...(help ? { help } : {}),
  ...(maxLength ? { maxLength } : {}),
});

export const TASK_TYPE_PREDICTIVE = "1";
export const TASK_TYPE_AUTOMATIC = "2";

/** Documented parameters of CloudCreateTask / CloudUpdateTask; keys are the wire names. */
export const ALIYUN_VMS_PARAMS: ParamSpec[] = [
  int("Concurrency", t("Max concurrent calls", "最大并发数"), 0, undefined, undefined,
    t("Predictive tasks: 0 = unlimited; recommended when fewer than 10 agents.", "预测外呼：0 表示不限制；座席少于 10 个时建议配置。")),
  int("CustomerTimeout", t("Customer ring timeout (s)", "客户超时时间（秒）"), 5, 60, 30),
  int("AgentTimeout", t("Agent ring timeout (s)", "座席超时时间（秒）"), 5, 60, 10),
  int("Wrapup", t("Agent wrap-up time (s)", "座席整理时间（秒）"), 1, 10800, 30),
  int("MaxWaitTime", t("Agent max idle wait (s)", "座席最长等待时间（秒）"), 10, 600, 40),
  int("MinAvailableAgentCount", t("Minimum available agents", "最小可用座席数"), 1, 10, 10,
    t("The task pauses itself when fewer agents are available.", "可用座席数低于该值时任务自动暂停。")),
  {
    key: "Quotiety",
    label: t("Nuisance ratio", "骚扰率"),
    type: "decimal",
    min: 0,
    minExclusive: true,
    max: 20,
    decimals: 2,
    default: 1,
    help: t("Higher dials more numbers per agent.", "值越大呼叫号码越多，座席利用率越高。"),
  },
  int("PredictAdjust", t("Over-dial rate (%)", "超呼率"), 50, 400, 100),
  int("AnswerRate", t("Expected answer rate during warm-up (%)", "初始化预计客户接通率"), 1, 100, 50),
  int("WarmUpDuration", t("Warm-up time (s)", "任务预热时间（秒）"), 60, 600, 300),
  flag("IsRewarm", t("Warm up again after a pause", "暂停后重新预热"), true),
  flag("AutoStart", t("Scheduled start", "定时开始"), false,
    t("Needs a start day or a start time (day defaults to today, time to 00:00:00).", "需填写开始日期或开始时间（日期默认当天，时间默认 00:00:00）。")),
  text("AutoStartDay", t("Start day (yyyy-MM-dd)", "定时开始日期（yyyy-MM-dd）")),
  text("AutoStartTime", t("Start time (HH:mm:ss)", "定时开始时间（HH:mm:ss）")),
  flag("AutoStop", t("Scheduled finish", "定时完成"), false,
    t("Needs a finish day or a finish time (day defaults to today, time to 23:59:59).", "需填写完成日期或完成时间（日期默认当天，时间默认 23:59:59）。")),
  text("AutoStopDay", t("Finish day (yyyy-MM-dd)", "定时完成日期（yyyy-MM-dd）")),
  text("AutoStopTime", t("Finish time (HH:mm:ss)", "定时完成时间（HH:mm:ss）")),
  flag("ForceEndFlag", t("End the task at the finish time", "定时完成时强制结束任务"), false,
    t("With a scheduled finish: the task ends even if numbers remain. An ended task cannot be started again.", "配合定时完成：到时无论号码是否呼完均结束任务，结束后无法再次启动。")),
  {
    key: "AutoTaskType",
    label: t("Calling mode", "呼叫方式"),
    type: "enum",
    default: "0",
    options: [
      { value: "0", label: t("Continuous (closed hours sent as forbidden times)", "连续呼叫（禁呼时段按禁呼时间发送）") },
      { value: "1", label: t("Interval (only inside the call-time group's hours)", "间隔呼叫（仅在时间组的时段内呼叫）") },
    ],
    help: t(
      "Interval calling dials every day inside the call-time group's hours, between a scheduled start and a scheduled finish (both needed). Dialboard creates the time conditions from the group.",
      "间隔呼叫在定时开始与定时完成之间（两者都须开启），每天只在时间组的时段内呼叫；Dialboard 会根据时间组自动创建时间条件。",
    ),
  },
  flag("AutoComplete", t("End automatically when all numbers are called", "号码呼完自动完成"), true,
    t("Off: the task pauses instead. This is the only way a task ends besides a forced scheduled finish.", "关闭时任务改为自动暂停。除定时强制结束外，这是任务结束的唯一方式。")),
  {
    key: "CallGroupType",
    label: t("Agents", "指定座席方式"),
    type: "enum",
    default: "1",
    options: [
      { value: "1", label: t("Agent numbers (Cnos)", "座席工号列表") },
      { value: "2", label: t("Outbound group (AgentGroup)", "外呼组") },
    ],
    help: t("Cannot be changed after the task is created.", "创建后不可修改。"),
  },
  text("Cnos", t("Agent numbers, comma-separated", "座席工号列表（英文逗号分隔）"),
    t("An agent can be in only one running task.", "一个座席只能在一个运行中的任务中。")),
  text("AgentGroup", t("Outbound group number", "外呼组号")),
  {
    key: "CallStrategy",
    label: t("Agent assignment", "座席分配规则"),
    type: "enum",
    default: "1",
    options: [
      { value: "1", label: t("Random", "随机") },
      { value: "2", label: t("Sequential", "顺序") },
      { value: "3", label: t("Longest since last call", "座席未进线最大时") },
      { value: "4", label: t("Longest idle", "空闲最长时长") },
    ],
  },
  {
    key: "CallRouteStrategy",
    label: t("Call flow", "呼叫流转模式"),
    type: "enum",
    options: [
      { value: "1", label: t("Direct to agent", "直连座席") },
      { value: "2", label: t("AI first, then agent", "AI转人工") },
    ],
  },
  int("IvrId", t("IVR id", "语音导航 Id"), 0, undefined, undefined,
    t("Automatic tasks need an IVR id or name; the id wins when both are given.", "自动外呼任务必须填写语音导航 Id 或名称，同时填写时以 Id 为准。")),
  text("IvrName", t("IVR name", "语音导航名称")),
  {
    key: "CustomerClidsCategory",
    label: t("Caller ID type", "客户侧外显号码类型"),
    type: "enum",
    options: [
      { value: "1", label: t("Landline", "外显固话") },
      { value: "2", label: t("Mobile", "外显手机号") },
      { value: "4", label: t("Number pool", "外显号码池") },
      { value: "5", label: t("Caller-ID navigation (recommended)", "外显导航（推荐）") },
    ],
  },
  text("CustomerClids", t("Caller IDs, comma-separated", "客户侧外显号码列表"), t("Required for landline and mobile types.", "外显固话或外显手机号时必填。")),
  text("CustomerClidsGroup", t("Number pool name or navigation id", "外显号码池名称或外显导航标识"), t("Required for pool and navigation types.", "号码池或外显导航时必填。")),
  {
    key: "CustomerClidType",
    label: t("Caller ID rule", "客户侧外显规则"),
    type: "enum",
    default: "1",
    options: [
      { value: "1", label: t("Random", "随机") },
      { value: "2", label: t("By area code", "按区号") },
    ],
  },
  text("ClidProperty", t("Caller ID rule settings (JSON)", "外显规则（JSON）")),
  flag("CustomerClidWeightFlag", t("Weighted caller IDs", "外显号码比例配置"), false),
  text("CustomerClidWeight", t("Caller ID weights (JSON array)", "外显号码比例配置内容（JSON 数组）")),
  text("CallPriorityStrategy", t("Call order (JSON)", "呼叫顺序（JSON）")),
  text("CallLimitStrategy", t("Daily answer limit per agent (JSON array)", "座席当日接听上限（JSON 数组）")),
  text("CallVariables", t("Agent channel variables (JSON array, ≤ 5)", "座席通道变量（JSON 数组，最多 5 个）")),
  text("UserFields", t("Custom fields (JSON array)", "任务自定义字段（JSON 数组）")),
  text("CustomerMoh", t("Customer hold music (voice path)", "客户侧等待音")),
  text("CustomerVoice", t("Customer prompt (voice path)", "客户侧提示音")),
  text("TemplateName", t("Task template name", "任务模板名称")),
  flag("AutoDelete", t("Delete the oldest ended task when at the 100-task limit", "超出任务数上限时自动删除最早完成的任务"), false,
    t("Only applies to this request; not stored on the task.", "仅本次请求生效，不是任务属性。")),
];

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const on = (v: unknown) => v === true || v === 1 || v === "1";
const filled = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== "";

function jsonArrayIssue(key: string, value: unknown, maxItems: number | null): ParamIssue | null {
  if (!filled(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(value));
  } catch {
    return { key, message: t("Must be a JSON array.", "须为 JSON 数组。") };
  }
  if (!Array.isArray(parsed)) return { key, message: t("Must be a JSON array.", "须为 JSON 数组。") };
  if (maxItems !== null && parsed.length > maxItems) {
    return { key, message: t(`At most ${maxItems} entries.`, `最多 ${maxItems} 项。`) };
  }
  // Seed 001: a single field value may not exceed 1000 characters.
  const tooLong = parsed.some(
    (item) => typeof item === "object" && item !== null && Object.values(item).some((v) => String(v).length > 1000),
  );
  return tooLong ? { key, message: t("A value is longer than 1000 characters.", "单个字段值不能超过 1000 个字符。") } : null;
}

export function validateAliyunParams(taskType: string, params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const need = (key: string, message: LocalizedText) => {
    if (!filled(params[key])) issues.push({ key, message });
  };
  if (taskType === TASK_TYPE_AUTOMATIC && !filled(params.IvrId) && !filled(params.IvrName)) {
    issues.push({ key: "IvrId", message: t("Automatic tasks need an IVR id or an IVR name.", "自动外呼任务必须填写语音导航 Id 或语音导航名称。") });
  }
  const groupType = String(params.CallGroupType ?? "1");
  if (groupType === "1") need("Cnos", t("Enter the agent numbers, or choose an outbound group.", "请填写座席工号列表，或改为指定外呼组。"));
  if (groupType === "2") need("AgentGroup", t("Enter the outbound group number.", "请填写外呼组号。"));

  const category = filled(params.CustomerClidsCategory) ? String(params.CustomerClidsCategory) : null;
  if (category === "1" || category === "2") need("CustomerClids", t("Enter at least one caller ID for this caller ID type.", "该外显类型须填写客户侧外显号码。"));
  if (category === "4" || category === "5") {
    need("CustomerClidsGroup", t("Enter the number pool name or the navigation id.", "请填写外显号码池名称或外显导航标识。"));
  }
  if (on(params.CustomerClidWeightFlag)) {
    if (category !== "1") issues.push({ key: "CustomerClidWeightFlag", message: t("Weights only apply to landline caller IDs.", "外显号码比例仅在外显固话时生效。") });
    need("CustomerClidWeight", t("Enter the caller ID weights.", "请填写外显号码比例配置。"));
  }
  if (String(params.CustomerClidType ?? "1") === "2" && category !== "1" && category !== "2" && category !== null) {
    issues.push({ key: "CustomerClidType", message: t("The area-code rule only applies to landline or mobile caller IDs.", "按区号外显仅对外显固话或手机号生效。") });
  }

  for (const side of ["Start", "Stop"] as const) {
    const day = params[`Auto${side}Day`];
    const time = params[`Auto${side}Time`];
    if (on(params[`Auto${side}`]) && !filled(day) && !filled(time)) {
      issues.push({
        key: `Auto${side}Day`,
        message: side === "Start"
          ? t("A scheduled start needs a start day or a start time.", "定时开始须填写开始日期或开始时间。")
          : t("A scheduled finish needs a finish day or a finish time.", "定时完成须填写完成日期或完成时间。"),
      });
    }
    if (filled(day) && !DAY_RE.test(String(day))) issues.push({ key: `Auto${side}Day`, message: t("Use yyyy-MM-dd, e.g. 2026-01-01.", "格式为 yyyy-MM-dd，如 2026-01-01。") });
    if (filled(time) && !TIME_RE.test(String(time))) issues.push({ key: `Auto${side}Time`, message: t("Use HH:mm:ss, e.g. 08:00:00.", "格式为 HH:mm:ss，如 08:00:00。") });
  }
  // SDK model: interval calling is "配合定时开始（autoStart）和定时结束（autoStop）参数使用" (docs/providers/aliyun-vms.md §Interval calling).
  if (String(params.AutoTaskType ?? "0") === "1") {
    if (!on(params.AutoStart)) {
      issues.push({ key: "AutoStart", message: t("Interval calling runs between a scheduled start and finish: turn on Scheduled start.", "间隔呼叫需配合定时开始和定时完成使用：请开启定时开始。") });
    }
    if (!on(params.AutoStop)) {
      issues.push({ key: "AutoStop", message: t("Interval calling runs between a scheduled start and finish: turn on Scheduled finish.", "间隔呼叫需配合定时开始和定时完成使用：请开启定时完成。") });
    }
  }
  if (on(params.ForceEndFlag) && !on(params.AutoStop)) {
    issues.push({ key: "ForceEndFlag", message: t("Forced end only works with a scheduled finish.", "强制结束须配合定时完成使用。") });
  }
  for (const [key, max] of [["CallVariables", 5], ["UserFields", null], ["CallLimitStrategy", null], ["CustomerClidWeight", null]] as const) {
    const issue = jsonArrayIssue(key, params[key], max);
    if (issue) issues.push(issue);
  }
  return issues;
}

export const aliyunVmsCapabilities: ProviderCapabilities = {
  kind: "aliyun-vms",
  label: t("Alibaba Cloud VMS (call centre)", "阿里云语音服务（云呼叫中心）"),
  operations: {
    create: true,
    update: true,
    start: true,
    pause: true,
    // providers.md addendum §2: there is no stop/finish action. A task ends by itself when all
    // numbers are called (AutoComplete) or at a scheduled finish with ForceEndFlag + AutoStop.
    complete: false,
    delete: true,
    addContacts: true,
    timeGroups: true,
    // providers.md addendum §2: CallbackUrl is deprecated; the Cloud* actions push nothing per task.
    webhooks: false,
    callEvents: false,
  },
  taskKinds: ["call"],
  taskTypes: [
    { value: TASK_TYPE_PREDICTIVE, label: t("Predictive outbound", "预测外呼") },
    { value: TASK_TYPE_AUTOMATIC, label: t("Automatic outbound", "自动外呼") },
  ],
  credentialFields: [
    { key: "accessKeyId", label: t("AccessKey ID", "AccessKey ID"), secret: false },
    { key: "accessKeySecret", label: t("AccessKey secret", "AccessKey Secret"), secret: true },
  ],
  settingFields: [
    { key: "enterpriseId", label: t("Call centre id (EnterpriseId)", "呼叫中心 id（EnterpriseId）"), secret: false },
    { key: "regionId", label: t("Region id (optional)", "地域 id（可选）"), secret: false },
  ],
  params: ALIYUN_VMS_PARAMS,
  limits: {
    // Seed 001: Name "长度小于 50 字", Description "小于 200 字".
    nameMaxLength: 49,
    descriptionMaxLength: 199,
    // CloudImportTaskTel allows 100 000 numbers and 8 MB per batch; 10 000 keeps a request well under 8 MB.
    contactsBatchSize: 10_000,
    maxTasks: 100,
    listPageSize: 100,
  },
  // docs/providers/aliyun-vms.md §Numbers: no Cloud* action lists a task's numbers; CloudQueryPredictiveCallCdr lists
  // predictive tasks' calls; CloudDeleteTaskTel removes up to 100,000 numbers a request.
  numberOps: { list: false, calls: true, remove: true, batchSize: 100_000 },
  allowedIn: {
    create: ["draft"],
    // INFERENCE: no documented rule for CloudUpdateTask; we allow it where the task is not dialling and not ended.
    update: ["pending", "paused"],
    start: ["pending", "paused"],
    pause: ["running"],
    complete: [],
    // providers.md §2: only initial or completed tasks can be deleted.
    delete: ["pending", "completed"],
    addContacts: ["pending", "running", "paused"],
  },
  validateParams: validateAliyunParams,
};
