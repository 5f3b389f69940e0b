// The task as each action's SDK response model shapes it (docs/providers/aliyun-vms.md §Responses): CloudCreateTask
// and CloudUpdateTask answer the same 30 fields as strings except AutoComplete (a long), exactly as seed 001's
// example; CloudGetTask answers every field as a string; CloudQueryTask answers the long fields as numbers.
import type { SimTask, Value } from "./state";

/** CloudCreateTaskResponseBodyData = CloudUpdateTaskResponseBodyData (SDK models). */
const WRITE_FIELDS = [
  "AgentTimeout", "AnswerRate", "AutoComplete", "AutoStart", "AutoStartDay", "AutoStartTime", "AutoStop", "AutoStopDay",
  "AutoStopTime", "Cnos", "Concurrency", "CreateTime", "CustomerClids", "CustomerMoh", "CustomerTimeout", "Description",
  "EnterpriseId", "Id", "IsRandom", "IvrId", "MaxWaitTime", "Name", "OverTime", "PredictAdjust", "Quotiety", "StartTime",
  "Status", "Type", "UserFields", "Wrapup",
];

/** CloudGetTaskResponseBodyDataTaskProperty (SDK model): no CallGroupType, AgentGroup or RetryStrategyTimeType. */
const GET_FIELDS = [
  "AdjustStep", "AgentTimeout", "AgentUtilization", "AnswerRate", "AutoComplete", "AutoStart", "AutoStartDay", "AutoStartTime",
  "AutoStop", "AutoStopDay", "AutoStopTime", "AutoTaskType", "AutoTriggerTimeStrategy", "CallLimitStrategy", "CallStrategy",
  "CallVariables", "CallbackUrl", "ClidGroup", "ClidProperty", "Cnos", "Concurrency", "CreateTime", "CurlRetryTimes",
  "CustomerClidType", "CustomerClidWeight", "CustomerClidWeightFlag", "CustomerClids", "CustomerClidsCategory", "CustomerMoh",
  "CustomerTimeout", "CustomerVoice", "Description", "EnterpriseId", "ForceEndFlag", "Id", "IsRandom", "IsRewarm", "IvrId",
  "MaxWaitTime", "MinAvailableAgentCount", "Name", "OverCallLimitCnos", "OverTime", "PauseDuration", "PauseTime",
  "PredictAdjust", "Quotiety", "RetryStrategy", "RetryStrategyOnlyToday", "StandbyCnos", "StartTime", "Status",
  "StatusDescription", "TaskFields", "TimeStrategy", "Type", "UserFields", "WarmUpDuration", "Wrapup",
];

/** CloudQueryTaskResponseBodyDataTaskProperties (SDK model). */
const QUERY_FIELDS = [
  "AgentGroup", "AgentTimeout", "AnswerRate", "AutoComplete", "AutoStart", "AutoStartDay", "AutoStartTime", "AutoStop",
  "AutoStopDay", "AutoStopTime", "AutoTaskType", "AutoTriggerTimeStrategy", "CallGroupType", "CallLimitStrategy",
  "CallPriorityStrategy", "CallRouteStrategy", "CallStrategy", "CallVariables", "ClidProperty", "Cnos", "Concurrency",
  "CreateTime", "CustomerClidType", "CustomerClidWeight", "CustomerClidWeightFlag", "CustomerClids", "CustomerClidsCategory",
  "CustomerMoh", "CustomerTimeout", "CustomerVoice", "Description", "EnterpriseId", "ForceEndFlag", "Id", "IsRewarm", "IvrId",
  "MaxWaitTime", "MinAvailableAgentCount", "Name", "OverCallLimitCnos", "OverTime", "PauseDuration", "PauseTime",
  "PredictAdjust", "Quotiety", "RetryStrategy", "RetryStrategyOnlyToday", "RetryStrategyTimeType", "StartTime", "Status",
  "StatusDescription", "StatusTriggerType", "TimeStrategy", "Type", "UserFields", "WarmUpDuration", "Wrapup",
];

const STATUS_DESCRIPTION: Record<number, string> = { 0: "初始", 1: "运行中", 2: "暂停", 3: "结束" };

function withDerived(task: SimTask): Record<string, Value> {
  return { ...task.props, StatusDescription: STATUS_DESCRIPTION[Number(task.props.Status)] ?? "" };
}

/** CloudCreateTask / CloudUpdateTask Data. */
export function writtenTask(task: SimTask): Record<string, Value> {
  const props = withDerived(task);
  return Object.fromEntries(WRITE_FIELDS.map((k) => [k, k === "AutoComplete" ? Number(props[k] ?? 1) : String(props[k] ?? "")]));
}

/** CloudGetTask Data.TaskProperty. */
export function gotTask(task: SimTask): Record<string, Value> {
  const props = withDerived(task);
  return Object.fromEntries(GET_FIELDS.map((k) => [k, String(props[k] ?? "")]));
}

/** One of CloudQueryTask's Data.TaskProperties: only the fields the task has, longs as numbers. */
export function listedTask(task: SimTask): Record<string, Value> {
  const props = withDerived(task);
  return Object.fromEntries(QUERY_FIELDS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
}
