// What the Aliyun VMS Cloud* API can do, its documented parameters with ranges and defaults, and
// the cross-field rules (seed 001, SDK models; docs/providers/aliyun-vms.md §Task parameters).
import type { ParamGroup, ParamIssue, ParamJsonField, ParamSpec, ProviderCapabilities } from "../types";
import { aliyunText as t, type AliyunTextKey } from "./text";

// A parameter's texts live in the catalog under params.<wire name>: label, help, options.<value>.
const paramText = (key: string, part: string) => t(`params.${key}.${part}` as AliyunTextKey);
const labelled = (key: string, help = false): Pick<ParamSpec, "key" | "label" | "help"> => ({
  key,
  label: paramText(key, "label"),
  ...(help ? { help: paramText(key, "help") } : {}),
});
const int = (key: string, min: number, max: number | undefined, def: number | undefined, opts: { help?: boolean } = {}): ParamSpec => ({
  ...labelled(key, opts.help),
  type: "int",
  min,
  ...(max === undefined ? {} : { max }),
  ...(def === undefined ? {} : { default: def }),
});
const flag = (key: string, def: boolean, opts: { help?: boolean } = {}): ParamSpec => ({ ...labelled(key, opts.help), type: "boolean", default: def });
// Every string has a bound (TEAM.md): JSON fields 10,000 characters, other texts 1,000.
const text = (key: string, opts: { maxLength: number; help?: boolean }): ParamSpec => ({ ...labelled(key, opts.help), type: "string", maxLength: opts.maxLength });
const choice = (key: string, values: string[], def: string | undefined, opts: { help?: boolean } = {}): ParamSpec => ({
  ...labelled(key, opts.help),
  type: "enum",
  ...(def === undefined ? {} : { default: def }),
  options: values.map((value) => ({ value, label: paramText(key, `options.${value}`) })),
});

export const TASK_TYPE_PREDICTIVE = "1";
export const TASK_TYPE_AUTOMATIC = "2";

const fieldLabel = (key: string, field: string) => paramText(key, `fields.${field}`);
const jsonField = (key: string, field: string, type: ParamJsonField["type"]): ParamJsonField => ({ key: field, label: fieldLabel(key, field), type, maxLength: 1000 });
const inGroup = (group: ParamGroup, specs: ParamSpec[]): ParamSpec[] => specs.map((spec) => ({ ...spec, group }));

/**
 * Documented parameters of CloudCreateTask / CloudUpdateTask (seed 001, SDK models); keys are the wire names.
 * Grouped for the form; the JSON ones carry their documented shapes (docs/providers/aliyun-vms.md §JSON parameters).
 */
export const ALIYUN_VMS_PARAMS: ParamSpec[] = [
  ...inGroup("essential", [
    int("Concurrency", 0, undefined, undefined, { help: true }),
    { ...int("IvrId", 0, undefined, undefined, { help: true }), choices: true },
    text("IvrName", { maxLength: 1000 }),
    flag("AutoStart", false, { help: true }),
    { ...text("AutoStartDay", { maxLength: 10 }), format: { kind: "date" } },
    { ...text("AutoStartTime", { maxLength: 8 }), format: { kind: "time" } },
    flag("AutoStop", false, { help: true }),
    { ...text("AutoStopDay", { maxLength: 10 }), format: { kind: "date" } },
    { ...text("AutoStopTime", { maxLength: 8 }), format: { kind: "time" } },
    flag("ForceEndFlag", false, { help: true }),
    choice("AutoTaskType", ["0", "1"], "0", { help: true }),
    flag("AutoComplete", true, { help: true }),
  ]),
  ...inGroup("pacing", [
    int("CustomerTimeout", 5, 60, 30),
    int("AgentTimeout", 5, 60, 10),
    int("Wrapup", 1, 10800, 30),
    int("MaxWaitTime", 10, 600, 40),
    int("MinAvailableAgentCount", 1, 10, 10, { help: true }),
    { ...labelled("Quotiety", true), type: "decimal", min: 0, minExclusive: true, max: 20, decimals: 2, default: 1 },
    int("PredictAdjust", 50, 400, 100),
    int("AnswerRate", 1, 100, 50),
    int("WarmUpDuration", 60, 600, 300),
    flag("IsRewarm", true),
  ]),
  ...inGroup("agents", [
    choice("CallGroupType", ["1", "2"], "1", { help: true }),
    { ...text("Cnos", { maxLength: 1000, help: true }), format: { kind: "list" }, choices: true },
    text("AgentGroup", { maxLength: 1000 }),
    choice("CallStrategy", ["1", "2", "3", "4"], "1"),
    choice("CallRouteStrategy", ["1", "2"], undefined),
    // Seed 001: [{"cnos":["2000","2001"],"limit":"5"}].
    {
      ...text("CallLimitStrategy", { maxLength: 10000 }),
      format: { kind: "records", fields: [jsonField("CallLimitStrategy", "cnos", "list"), jsonField("CallLimitStrategy", "limit", "text")] },
    },
  ]),
  ...inGroup("callerId", [
    choice("CustomerClidsCategory", ["1", "2", "4", "5"], undefined),
    { ...text("CustomerClids", { maxLength: 1000, help: true }), format: { kind: "list" } },
    text("CustomerClidsGroup", { maxLength: 1000, help: true }),
    choice("CustomerClidType", ["1", "2"], "1"),
    // Seed 001: {"defaultAreaCode":"010", "isMatchCapital":"1"}.
    {
      ...text("ClidProperty", { maxLength: 10000 }),
      format: { kind: "object", fields: [jsonField("ClidProperty", "defaultAreaCode", "text"), jsonField("ClidProperty", "isMatchCapital", "flag")] },
    },
    flag("CustomerClidWeightFlag", false),
    // Seed 001: [{"number":"123,345","weight":"5"}] (the numbers are one comma-separated string).
    {
      ...text("CustomerClidWeight", { maxLength: 10000 }),
      format: { kind: "records", fields: [jsonField("CustomerClidWeight", "number", "text"), jsonField("CustomerClidWeight", "weight", "text")] },
    },
  ]),
  ...inGroup("advanced", [
    text("CallPriorityStrategy", { maxLength: 10000 }),
    // Seed 001: [{"name":"abcdefg","value":"${cdr_enterprise_id}"}], at most 5.
    {
      ...text("CallVariables", { maxLength: 10000 }),
      format: { kind: "records", maxItems: 5, fields: [jsonField("CallVariables", "name", "text"), jsonField("CallVariables", "value", "text")] },
    },
    // Seed 001: [{"name":"1234"},{"name1":"12345"}], one pair per element.
    {
      ...text("UserFields", { maxLength: 10000 }),
      format: { kind: "pairs", keyLabel: fieldLabel("UserFields", "key"), valueLabel: fieldLabel("UserFields", "value") },
    },
    text("CustomerMoh", { maxLength: 1000 }),
    text("CustomerVoice", { maxLength: 1000 }),
    text("TemplateName", { maxLength: 1000 }),
    flag("AutoDelete", false, { help: true }),
  ]),
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
    return { key, message: t("issues.jsonArray") };
  }
  if (!Array.isArray(parsed)) return { key, message: t("issues.jsonArray") };
  if (maxItems !== null && parsed.length > maxItems) {
    return { key, message: t("issues.jsonArrayMax", { max: maxItems }) };
  }
  // Seed 001: a single field value may not exceed 1000 characters.
  const tooLong = parsed.some(
    (item) => typeof item === "object" && item !== null && Object.values(item).some((v) => String(v).length > 1000),
  );
  return tooLong ? { key, message: t("issues.valueTooLong") } : null;
}

export function validateAliyunParams(taskType: string, params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const need = (key: string, message: ParamIssue["message"]) => {
    if (!filled(params[key])) issues.push({ key, message });
  };
  if (taskType === TASK_TYPE_AUTOMATIC && !filled(params.IvrId) && !filled(params.IvrName)) {
    issues.push({ key: "IvrId", message: t("issues.ivrNeeded") });
  }
  const groupType = String(params.CallGroupType ?? "1");
  if (groupType === "1") need("Cnos", t("issues.cnosNeeded"));
  if (groupType === "2") need("AgentGroup", t("issues.agentGroupNeeded"));

  const category = filled(params.CustomerClidsCategory) ? String(params.CustomerClidsCategory) : null;
  if (category === "1" || category === "2") need("CustomerClids", t("issues.clidsNeeded"));
  if (category === "4" || category === "5") {
    need("CustomerClidsGroup", t("issues.clidsGroupNeeded"));
  }
  if (on(params.CustomerClidWeightFlag)) {
    if (category !== "1") issues.push({ key: "CustomerClidWeightFlag", message: t("issues.weightsLandlineOnly") });
    need("CustomerClidWeight", t("issues.weightsNeeded"));
  }
  if (String(params.CustomerClidType ?? "1") === "2" && category !== "1" && category !== "2" && category !== null) {
    issues.push({ key: "CustomerClidType", message: t("issues.areaCodeRule") });
  }

  for (const side of ["Start", "Stop"] as const) {
    const day = params[`Auto${side}Day`];
    const time = params[`Auto${side}Time`];
    if (on(params[`Auto${side}`]) && !filled(day) && !filled(time)) {
      issues.push({
        key: `Auto${side}Day`,
        message: side === "Start"
          ? t("issues.startNeedsDayOrTime")
          : t("issues.stopNeedsDayOrTime"),
      });
    }
    if (filled(day) && !DAY_RE.test(String(day))) issues.push({ key: `Auto${side}Day`, message: t("issues.dayFormat") });
    if (filled(time) && !TIME_RE.test(String(time))) issues.push({ key: `Auto${side}Time`, message: t("issues.timeFormat") });
  }
  // SDK model: interval calling is "配合定时开始（autoStart）和定时结束（autoStop）参数使用" (docs/providers/aliyun-vms.md §Interval calling).
  if (String(params.AutoTaskType ?? "0") === "1") {
    if (!on(params.AutoStart)) {
      issues.push({ key: "AutoStart", message: t("issues.intervalNeedsStart") });
    }
    if (!on(params.AutoStop)) {
      issues.push({ key: "AutoStop", message: t("issues.intervalNeedsStop") });
    }
  }
  if (on(params.ForceEndFlag) && !on(params.AutoStop)) {
    issues.push({ key: "ForceEndFlag", message: t("issues.forceEndNeedsStop") });
  }
  for (const [key, max] of [["CallVariables", 5], ["UserFields", null], ["CallLimitStrategy", null], ["CustomerClidWeight", null]] as const) {
    const issue = jsonArrayIssue(key, params[key], max);
    if (issue) issues.push(issue);
  }
  return issues;
}

export const aliyunVmsCapabilities: ProviderCapabilities = {
  kind: "aliyun-vms",
  label: t("label"),
  operations: {
    create: true,
    update: true,
    start: true,
    pause: true,
    // docs/providers/aliyun-vms.md §Status: there is no stop/finish action. A task ends by itself when all
    // numbers are called (AutoComplete) or at a scheduled finish with ForceEndFlag + AutoStop.
    complete: false,
    delete: true,
    addContacts: true,
    timeGroups: true,
    // docs/providers/aliyun-vms.md §Webhooks: CallbackUrl is deprecated; the Cloud* actions push nothing per task.
    webhooks: false,
    callEvents: false,
  },
  taskKinds: ["call"],
  taskTypes: [
    { value: TASK_TYPE_PREDICTIVE, label: t("taskTypes.predictive") },
    { value: TASK_TYPE_AUTOMATIC, label: t("taskTypes.automatic") },
  ],
  credentialFields: [
    { key: "accessKeyId", label: t("credentials.accessKeyId"), secret: false },
    { key: "accessKeySecret", label: t("credentials.accessKeySecret"), secret: true },
  ],
  settingFields: [
    { key: "enterpriseId", label: t("settings.enterpriseId"), secret: false },
    { key: "regionId", label: t("settings.regionId"), secret: false },
    // No Cloud* action lists a call centre's agents or IVRs (docs/providers/aliyun-vms.md §Choices): the account
    // declares the ones the wizard offers (param-choices.ts).
    { key: "agentNumbers", label: t("settings.agentNumbers"), secret: false, optional: true },
    { key: "ivrIds", label: t("settings.ivrIds"), secret: false, optional: true },
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
    // INFERENCE (docs/providers/aliyun-vms.md §Status): no documented rule for CloudUpdateTask; allowed where the task is not dialling and not ended.
    update: ["pending", "paused"],
    start: ["pending", "paused"],
    pause: ["running"],
    complete: [],
    // docs/providers/aliyun-vms.md §Status: only initial or completed tasks can be deleted.
    delete: ["pending", "completed"],
    addContacts: ["pending", "running", "paused"],
  },
  validateParams: validateAliyunParams,
};
