// What the NXCloud simulator keeps (JSON-safe: it lives in the state file) and the taskStat it derives.
import type { DialOrder } from "../core/types";
import type { SimFuncFlag, SimTaskSetting } from "./requests";

/** One order (number) of a task. The dialing engine updates the DialOrder fields. */
export interface NxSimOrder extends DialOrder {
  userPhone: string;
  userName: string;
  customerName: string;
  other: string;
  params: { name: string | null; value: string | null }[];
  orderCallbackUrl: string;
  callCallbackUrl: string;
  /** stopOrder is irreversible. */
  stopped: boolean;
  lastCallStatus: number | null;
}

export interface NxSimTask {
  taskID: string;
  userTaskID: string;
  sceneID: string;
  taskStatus: number;
  /** Unix seconds (simulated clock). */
  createTs: number;
  setting: SimTaskSetting;
  funcFlag: SimFuncFlag;
  orders: NxSimOrder[];
  totalCall: number;
  totalAnswerCall: number;
  /** A seeded demo task: its callbacks go to the embedding app's URL (docs/providers/nxcloud.md §2.1). */
  demo?: boolean;
}

export interface NxSimCall {
  callID: string;
  taskID: string;
  userTaskID: string;
  orderID: string;
  userPhone: string;
  callStatus: number;
  callStartTs: number;
  callAnswerTs: number;
  callEndTs: number;
  callDuration: number;
  hangupCause: string;
}

export interface NxSimState {
  tasks: NxSimTask[];
  calls: NxSimCall[];
  /** createTask requests that reached the handler (tests check a create is not sent twice). */
  createRequests: number;
}

export const emptyState = (): NxSimState => ({ tasks: [], calls: [], createRequests: 0 });

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** taskStat: finishRate and answerRate "rounded to two decimal places". */
export function taskStatOf(task: NxSimTask) {
  const totalOrderCount = task.orders.length;
  const finishOrderCount = task.orders.filter((o) => o.finished).length;
  const answerOrderCount = task.orders.filter((o) => o.answered).length;
  return {
    answerOrderCount,
    finishOrderCount,
    totalOrderCount,
    finishRate: totalOrderCount > 0 ? round2(finishOrderCount / totalOrderCount) : 0,
    totalAnswerCall: task.totalAnswerCall,
    totalCall: task.totalCall,
    answerRate: task.totalCall > 0 ? round2(task.totalAnswerCall / task.totalCall) : 0,
  };
}

export function pageOf<T>(items: T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}

/** The documents' {gt, lt, enable} filters: a disabled or absent range matches everything. */
export function inRange(value: number, r: { gt?: number; lt?: number; enable?: boolean } | null | undefined): boolean {
  if (!r || r.enable === false) return true;
  return (r.gt === undefined || value > r.gt) && (r.lt === undefined || value < r.lt);
}
