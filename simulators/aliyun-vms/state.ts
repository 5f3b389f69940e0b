// The Aliyun VMS simulator's state (one JSON file through JsonStore) and the documented limits it enforces.
// The shapes are the simulator's own; only the field names follow the Dyvmsapi 2017-05-25 SDK models.
import type { SimClock } from "../core/clock";
import type { DialingEngine } from "../core/dialer";
import type { DialOrder } from "../core/types";

export type Value = string | number;

/** A time condition (时间条件) as CloudCreateEnterpriseTime stores it. */
export interface SimCondition {
  Id: number;
  Name: string;
  /** 1 = weekly (DayOfWeek), 2 = fixed dates (FromDay..ToDay). */
  Type: number;
  /** 1 = continuous (连续), 2 = interval (间隔); see time.ts for how each is read. */
  TimeType: number;
  DayOfWeek: string;
  FromDay: string;
  ToDay: string;
  StartTime: string;
  EndTime: string;
  Priority: number;
  CreateTime: string;
  EnterpriseId: string;
}

export interface SimTaskCall {
  callId: string;
  phone: string;
  outcome: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  durationSec: number;
  attempt: number;
  /** The import batch (CloudImportTaskTel FileId) the number came in with. */
  fileId: number;
}

/** An import batch (批次), as CloudListTaskFile reports it. */
export interface SimTaskFile {
  Id: number;
  Name: string;
  Priority: number;
  CreateTime: string;
  ImportCount: number;
  RepeatCount: number;
  RestrictCount: number;
}

export interface SimTask {
  /** Task fields as CloudQueryTask returns them (numbers for the SDK's long fields). */
  props: Record<string, Value>;
  orders: DialOrder[];
  calls: SimTaskCall[];
  /** Sim epoch ms, for AutoDelete's "earliest created". */
  createdAt: number;
  files: SimTaskFile[];
}

export interface SimEnterprise {
  tasks: SimTask[];
  conditions: SimCondition[];
}

export interface AliyunVmsSimState {
  nextTaskId: number;
  nextConditionId: number;
  nextFileId: number;
  /** CloudCreateTask calls that created a task, so tests can prove a create was never sent twice. */
  createCount: number;
  enterprises: Record<string, SimEnterprise>;
}

/**
 * Documented limits (docs/providers/aliyun-vms.md §Limits): seed 001 "可创建任务数 ≤ 100 个, 可导入号码数 ≤ 1000 万个";
 * the CloudImportTaskTel page "一个批次最多 10w 个号码, 一个任务最多 100w 个号码, 一个企业最多 1000w 个号码,
 * 可创建批次数 ≤ 10 万个"; the CloudStartTask page "1 个企业最多有 10 个在运行或暂停状态的任务".
 */
export interface AliyunVmsLimits {
  tasksPerEnterprise: number;
  activeTasksPerEnterprise: number;
  numbersPerBatch: number;
  numbersPerTask: number;
  numbersPerEnterprise: number;
  batchesPerTask: number;
  /** CloudDeleteTaskTel: "最多支持 10W 个号码". */
  numbersPerDelete: number;
  /** Call records kept per task (the simulator's own memory bound, not a provider rule). */
  callRecordsPerTask: number;
}

export const DOCUMENTED_LIMITS: AliyunVmsLimits = {
  tasksPerEnterprise: 100,
  activeTasksPerEnterprise: 10,
  numbersPerBatch: 100_000,
  numbersPerTask: 1_000_000,
  numbersPerEnterprise: 10_000_000,
  batchesPerTask: 100_000,
  numbersPerDelete: 100_000,
  callRecordsPerTask: 2_000,
};

/** What every action handler works with. */
export interface SimContext {
  readonly clock: SimClock;
  readonly engine: DialingEngine;
  readonly limits: AliyunVmsLimits;
  state(): AliyunVmsSimState;
  enterprise(id: string): SimEnterprise;
  /** Hands the task (again) to the dialing engine, so new numbers, windows or retries apply. */
  refresh(task: SimTask): void;
  /** Status change with its trigger (0 system, 1 manual). */
  setStatus(task: SimTask, status: number, trigger: 0 | 1): void;
  endTask(task: SimTask): void;
}

/** A state file written before import batches were kept has `fileIds` only. */
export function normalizeState(state: AliyunVmsSimState): AliyunVmsSimState {
  for (const e of Object.values(state.enterprises)) {
    for (const t of e.tasks) {
      t.files ??= [];
      for (const c of t.calls) {
        c.answeredAt ??= null;
        c.fileId ??= 0;
      }
    }
  }
  return state;
}
