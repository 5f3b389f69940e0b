// CloudCreateTask / CloudUpdateTask parameters as the SDK models define them, their documented ranges, enums,
// defaults and cross-field rules (seed 001, docs/providers/aliyun-vms.md §Task parameters), read and checked by
// the simulator on its own.
import { invalid, jsonArray, missing, optionalInt, type Params } from "./rpc";
import type { SimContext, SimTask, Value } from "./state";
import { YMD } from "./time";

const STRING_FIELDS = [
  "Name", "Description", "TemplateName", "AutoStartDay", "AutoStartTime", "AutoStopDay", "AutoStopTime",
  "AutoTriggerTimeStrategy", "RetryStrategy", "CallPriorityStrategy", "CustomerClids", "ClidProperty",
  "CustomerClidWeight", "CustomerClidsGroup", "IvrName", "UserFields", "CallVariables", "TimeStrategy", "Cnos",
  "AgentGroup", "CallLimitStrategy", "CustomerMoh", "CustomerVoice",
];
const RANGES: Record<string, [number, number]> = {
  CustomerTimeout: [5, 60],
  AgentTimeout: [5, 60],
  Wrapup: [1, 10800],
  MaxWaitTime: [10, 600],
  MinAvailableAgentCount: [1, 10],
  PredictAdjust: [50, 400],
  AnswerRate: [1, 100],
  WarmUpDuration: [60, 600],
  Concurrency: [0, 100_000],
  IvrId: [0, Number.MAX_SAFE_INTEGER],
};
const ENUMS: Record<string, number[]> = {
  Type: [1, 2],
  AutoStart: [0, 1],
  AutoStop: [0, 1],
  ForceEndFlag: [0, 1],
  AutoTaskType: [0, 1],
  AutoComplete: [0, 1],
  IsRewarm: [0, 1],
  AutoDelete: [0, 1],
  CustomerClidWeightFlag: [0, 1],
  CallGroupType: [1, 2],
  CallStrategy: [1, 2, 3, 4],
  CallRouteStrategy: [1, 2],
  CustomerClidsCategory: [1, 2, 4, 5],
  CustomerClidType: [1, 2],
  RetryStrategyTimeType: [1, 2],
  RetryStrategyOnlyToday: [0, 1, 2, 3],
};
export const TASK_DEFAULTS: Record<string, Value> = {
  AutoStart: 0,
  AutoStop: 0,
  ForceEndFlag: 0,
  AutoTaskType: 0,
  AutoComplete: 1,
  IsRewarm: 1,
  CallGroupType: 1,
  CallStrategy: 1,
  CustomerTimeout: 30,
  AgentTimeout: 10,
  Wrapup: 30,
  MaxWaitTime: 40,
  MinAvailableAgentCount: 10,
  Quotiety: 1,
  PredictAdjust: 100,
  AnswerRate: 50,
  WarmUpDuration: 300,
  RetryStrategyTimeType: 1,
  RetryStrategyOnlyToday: 0,
  CustomerClidType: 1,
  IsRandom: 0,
};

/** CloudCreateTaskRequest (SDK model) parameters. */
export const CREATE_PARAMS = [
  ...STRING_FIELDS, ...Object.keys(RANGES), ...Object.keys(ENUMS), "Quotiety", "EnterpriseId",
];
/** CloudUpdateTaskRequest has TaskId and no Type, CallGroupType, AutoDelete or TemplateName (SDK model). */
export const UPDATE_PARAMS = [
  ...CREATE_PARAMS.filter((k) => !["Type", "CallGroupType", "AutoDelete", "TemplateName"].includes(k)), "TaskId",
];

/** Basic-mode RetryStrategy `{"retry":N,"strategy":[{"round":1,"time":"d-h-m"}]}`: retries, the first gap and whether rounds increase. */
export function parseRetry(value: Value | undefined): { retry: number; firstGapMinutes: number; increasing: boolean } | null {
  if (value === undefined || value === "") return { retry: 0, firstGapMinutes: 30, increasing: true };
  let json: unknown;
  try {
    json = JSON.parse(String(value));
  } catch {
    return null;
  }
  const o = json as { retry?: unknown; strategy?: unknown };
  if (typeof o !== "object" || o === null || Array.isArray(o) || !Number.isInteger(o.retry) || (o.retry as number) < 0 || !Array.isArray(o.strategy)) return null;
  const rounds: { round: number; minutes: number }[] = [];
  for (const s of o.strategy as unknown[]) {
    const r = s as { round?: unknown; time?: unknown };
    const m = typeof r?.time === "string" ? /^(\d+)-(\d+)-(\d+)$/.exec(r.time) : null;
    if (!m || !Number.isInteger(r.round) || (r.round as number) < 1) return null;
    rounds.push({ round: r.round as number, minutes: Number(m[1]) * 1440 + Number(m[2]) * 60 + Number(m[3]) });
  }
  const minutes = rounds.sort((a, b) => a.round - b.round).map((r) => r.minutes);
  return {
    retry: o.retry as number,
    firstGapMinutes: minutes[0] ?? 30,
    increasing: minutes.every((m, i) => i === 0 || m > minutes[i - 1]),
  };
}

/** Parses and checks create/update fields. `current` = the task being updated (its values fill the gaps for cross-field rules). */
export function readTaskFields(ctx: SimContext, entId: string, p: Params, current: SimTask | null): Record<string, Value> {
  const fields: Record<string, Value> = {};
  for (const key of STRING_FIELDS) if (p.has(key)) fields[key] = p.get(key) ?? "";
  for (const key of [...Object.keys(RANGES), ...Object.keys(ENUMS)]) {
    const v = optionalInt(p, key);
    if (v !== undefined) fields[key] = v;
  }
  for (const [key, [min, max]] of Object.entries(RANGES)) {
    const v = fields[key];
    if (v !== undefined && (Number(v) < min || Number(v) > max)) throw invalid(key, `must be between ${min} and ${max}`);
  }
  for (const [key, allowed] of Object.entries(ENUMS)) {
    const v = fields[key];
    if (v !== undefined && !allowed.includes(Number(v))) throw invalid(key, `must be one of ${allowed.join(", ")}`);
  }
  // Seed 001: AutoDelete "只在接口调用时生效", not a task property.
  delete fields.AutoDelete;
  if (p.has("Quotiety")) {
    const q = Number(p.get("Quotiety"));
    // Seed 001: greater than 0, at most 20, two decimals.
    if (!/^\d+(\.\d{1,2})?$/.test(p.get("Quotiety") ?? "") || q <= 0 || q > 20) throw invalid("Quotiety", "must be in (0, 20] with at most 2 decimals");
    fields.Quotiety = q;
  }
  // Seed 001: Name shorter than 50 characters, Description shorter than 200.
  if (fields.Name !== undefined && [...String(fields.Name)].length >= 50) throw invalid("Name", "must be shorter than 50 characters");
  if (fields.Description !== undefined && [...String(fields.Description)].length >= 200) throw invalid("Description", "must be shorter than 200 characters");

  const merged: Record<string, Value | undefined> = { ...TASK_DEFAULTS, ...current?.props, ...fields };
  const has = (k: string) => merged[k] !== undefined && String(merged[k]) !== "";
  if (Number(merged.Type) === 2 && !has("IvrId") && !has("IvrName")) throw missing("IvrId");
  if (Number(merged.CallGroupType) === 1 && !has("Cnos")) throw missing("Cnos");
  if (Number(merged.CallGroupType) === 2 && !has("AgentGroup")) throw missing("AgentGroup");
  const category = merged.CustomerClidsCategory === undefined ? null : Number(merged.CustomerClidsCategory);
  if ((category === 1 || category === 2) && !has("CustomerClids")) throw missing("CustomerClids");
  if ((category === 4 || category === 5) && !has("CustomerClidsGroup")) throw missing("CustomerClidsGroup");
  checkSchedule(fields, merged, has);
  for (const key of ["AutoTriggerTimeStrategy", "TimeStrategy"]) {
    const ids = String(fields[key] ?? "").split(",").filter(Boolean);
    const known = new Set(ctx.enterprise(entId).conditions.map((c) => String(c.Id)));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw invalid(key, `time condition ${unknown} does not exist`);
  }
  if (fields.CallVariables) {
    const vars = jsonArray("CallVariables", String(fields.CallVariables));
    if (vars.length > 5) throw invalid("CallVariables", "at most 5 variables");
  }
  if (fields.UserFields) jsonArray("UserFields", String(fields.UserFields));
  if (fields.RetryStrategy) {
    const retry = parseRetry(fields.RetryStrategy);
    if (!retry) throw invalid("RetryStrategy", "not a valid retry strategy");
    // SDK model: with time type 1 each round's time must be greater than the previous one's.
    if (Number(merged.RetryStrategyTimeType) === 1 && !retry.increasing) throw invalid("RetryStrategy", "each round must be later than the previous one");
  }
  return fields;
}

/** AutoStart / AutoStop need a day or a time (SDK model: "至少设置其中的一个"). */
function checkSchedule(fields: Record<string, Value>, merged: Record<string, Value | undefined>, has: (k: string) => boolean): void {
  if (Number(merged.AutoTaskType) === 1) {
    if (!has("AutoTriggerTimeStrategy")) throw missing("AutoTriggerTimeStrategy");
    // SDK model AutoTaskType: interval calling "配合定时开始（autoStart）和定时结束（autoStop）参数使用": the daily windows
    // run between a scheduled start and a scheduled finish (docs/providers/aliyun-vms.md §Interval calling).
    for (const side of ["Start", "Stop"]) {
      if (Number(merged[`Auto${side}`]) !== 1) throw invalid(`Auto${side}`, `interval calling (AutoTaskType=1) is used with Auto${side}=1`);
    }
  }
  for (const side of ["Start", "Stop"]) {
    if (Number(merged[`Auto${side}`]) === 1 && !has(`Auto${side}Day`) && !has(`Auto${side}Time`)) throw missing(`Auto${side}Day`);
    const day = fields[`Auto${side}Day`];
    const time = fields[`Auto${side}Time`];
    if (day && !YMD.test(String(day))) throw invalid(`Auto${side}Day`, "yyyy-MM-dd");
    if (time && !/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(String(time))) throw invalid(`Auto${side}Time`, "HH:mm:ss");
  }
}
