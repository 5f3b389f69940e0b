// Wire shapes of the Dyvmsapi 2017-05-25 Cloud* actions (docs/providers/aliyun-vms.md, field names from the
// official SDK models). Responses are parsed leniently where the provider itself is inconsistent:
// CloudCreateTask returns its Data fields as strings ("Status":"3") except AutoComplete (a number),
// while CloudQueryTask returns the same fields as numbers (docs/providers/aliyun-vms.md §Responses).
import { z } from "zod";

/** A number the provider sends either as a JSON number or as a numeric string. */
export const ZIntLike = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
/** An id the provider sends as a number or a string; always a string for us. */
export const ZIdLike = z.union([z.number(), z.string()]).transform(String);
// A field we only show or pass through must not sink a whole answer: seed 001's own example sends
// "Concurrency": "example" (docs/providers/aliyun-vms.md §Responses). Unreadable → null.
const optInt = ZIntLike.nullish().catch(null);
const optStr = z.string().nullish();

/** Success and error bodies share this envelope; `Code` is "OK" on success. */
export const ZEnvelope = z.looseObject({
  RequestId: z.string().optional(),
  Code: z.string(),
  Message: z.string().nullish(),
  AccessDeniedDetail: z.string().nullish(),
  Data: z.unknown().optional(),
});
export type TEnvelope = z.infer<typeof ZEnvelope>;

/** CtiLinkTaskProperty as CloudQueryTask / CloudGetTask / CloudCreateTask return it. */
export const ZTaskProperty = z.looseObject({
  Id: ZIdLike,
  Name: z.string(),
  Description: optStr,
  Type: ZIntLike,
  Status: ZIntLike,
  StatusTriggerType: optInt,
  EnterpriseId: ZIdLike.nullish(),
  CreateTime: optStr,
  StartTime: optStr,
  OverTime: optStr,
  PauseTime: optStr,
  PauseDuration: optInt,
  Concurrency: optInt,
  AutoStart: optInt,
  AutoStartDay: optStr,
  AutoStartTime: optStr,
  AutoStop: optInt,
  AutoStopDay: optStr,
  AutoStopTime: optStr,
  ForceEndFlag: optInt,
  AutoTaskType: optInt,
  AutoTriggerTimeStrategy: optStr,
  TimeStrategy: optStr,
  AutoComplete: optInt,
  RetryStrategy: optStr,
  RetryStrategyTimeType: optInt,
  RetryStrategyOnlyToday: optInt,
  CallGroupType: optInt,
  Cnos: optStr,
  AgentGroup: optStr,
  IvrId: ZIdLike.nullish(),
  Quotiety: optInt,
});
export type TTaskProperty = z.infer<typeof ZTaskProperty>;

export const ZQueryTaskData = z.object({ TaskProperties: z.array(ZTaskProperty).nullish() });
export const ZGetTaskData = z.object({ TaskProperty: ZTaskProperty });
/** CloudStartTask / CloudPauseTask / CloudDeleteTask: Result 0 = success, 1 = failure. */
export const ZResultData = z.object({ Result: ZIntLike });

export const ZImportTaskTelData = z.object({
  FileId: ZIdLike.nullish(),
  TaskId: ZIdLike.nullish(),
  ImportTotal: optInt,
  InvalidTotal: optInt,
  SuccessTotal: optInt,
});

export const ZMonitorStatistic = z.looseObject({
  AgentCount: optInt,
  AnswerCount: optInt,
  CallAgentCount: optInt,
  CalledCount: optInt,
  UncalledCount: optInt,
  CtiLinkTaskProperty: z.looseObject({ Id: ZIdLike.nullish(), Name: optStr, Status: optInt }).nullish(),
});
export type TMonitorStatistic = z.infer<typeof ZMonitorStatistic>;
export const ZMonitorTaskData = z.looseObject({
  Statistic: ZMonitorStatistic.nullish(),
  TodayStatistic: ZMonitorStatistic.nullish(),
});

/** A time condition (时间条件): Type 1 weekly (DayOfWeek Sun = 1 … Sat = 7), Type 2 fixed dates FromDay..ToDay. */
export const ZEnterpriseTime = z.looseObject({
  Id: ZIdLike,
  Name: z.string(),
  Type: ZIntLike,
  TimeType: optInt,
  DayOfWeek: optStr,
  FromDay: optStr,
  ToDay: optStr,
  StartTime: z.string(),
  EndTime: z.string(),
  Priority: ZIntLike,
  CreateTime: optStr,
  EnterpriseId: ZIdLike.nullish(),
});
export type TEnterpriseTime = z.infer<typeof ZEnterpriseTime>;
export const ZCreateEnterpriseTimeData = ZEnterpriseTime;
export const ZListEnterpriseTimeData = z.object({ List: z.array(ZEnterpriseTime).nullish() });

/** One number for CloudImportTaskTel's TaskTelList (JSON array). */
export const ZTaskTel = z.object({
  Tel: z.string(),
  Clid: z.string().optional(),
  ClidGroup: z.string().optional(),
  Priority: z.number().int().min(0).max(999_999).optional(),
  /** JSON object string of per-number fields. */
  Property: z.string().optional(),
  /** ≤ 8 numbers, comma-separated. */
  BackupTels: z.string().optional(),
});
export type TTaskTel = z.infer<typeof ZTaskTel>;

/** RetryStrategy basic mode: `{"retry":N,"strategy":[{"round":1,"time":"d-h-m"}…]}`. */
export const ZRetryStrategyBasic = z.object({
  retry: z.number().int().min(0),
  strategy: z.array(z.object({ round: z.number().int().min(1), time: z.string().regex(/^\d+-\d+-\d+$/) })),
});
export type TRetryStrategyBasic = z.infer<typeof ZRetryStrategyBasic>;

/** Time condition row as CloudCreateEnterpriseTime takes it (TimeType 1 = continuous). */
export interface TimeConditionInput {
  Name: string;
  Type: 1 | 2;
  TimeType: 1;
  DayOfWeek?: string;
  FromDay?: string;
  ToDay?: string;
  StartTime: string;
  EndTime: string;
}

/** CloudListTaskFile: a task's import batches (SDK model; every field a string). */
export const ZTaskFile = z.looseObject({
  Id: ZIdLike,
  Name: optStr,
  CreateTime: optStr,
  ImportCount: optInt,
  RepeatCount: optInt,
  RestrictCount: optInt,
  Status: optInt,
});
export type TTaskFile = z.infer<typeof ZTaskFile>;
export const ZListTaskFileData = z.object({ TaskFileList: z.array(ZTaskFile).nullish(), TotalCount: optInt });

/** One CloudQueryPredictiveCallCdr record (SDK model; times are epoch seconds as strings). */
export const ZPredictiveCdr = z.looseObject({
  CallId: optStr,
  UniqueId: optStr,
  CustomerNumber: optStr,
  StartTime: optInt,
  AnswerTime: optInt,
  EndTime: optInt,
  TotalDuration: optInt,
  BridgeDuration: optInt,
  StatusCode: optInt,
  TaskFileId: ZIdLike.nullish(),
});
export type TPredictiveCdr = z.infer<typeof ZPredictiveCdr>;
export const ZPredictiveCdrData = z.object({ List: z.array(ZPredictiveCdr).nullish() });
