// What the Yunfu simulator keeps (JSON-safe, persisted by JsonStore) and the context its handlers share.
import type { SimClock } from "../core/clock";
import type { DialingEngine } from "../core/dialer";
import type { JsonStore } from "../core/store";
import type { DialOrder, SimulatorOptions } from "../core/types";
import type { DayContent, TaskBody } from "./protocol";

export interface SimGroup {
  id: number;
  name: string;
  content: DayContent[];
  is_default: boolean;
  skip_holiday: boolean;
}

export interface SimOrder extends DialOrder {
  name?: string;
  /** The 13-code status of the number's last call; 0 until it is called (批量重置号码状态). */
  status: number;
  created_at: string;
}

export interface SimTask {
  uuid: string;
  body: TaskBody;
  /** Copy of the group at create/update time: later group edits do not reach a 2.0 task (docs/providers/yunfu.md §5). */
  group: SimGroup;
  enable: boolean;
  create_datetime: string;
  alter_datetime: string;
  orders: SimOrder[];
  /** Async imports accepted but not yet run (批量添加号码(异步接口)). */
  pendingImports: { phone: string; name?: string }[][];
}

export interface SimRecord {
  callid: string;
  task_uuid: string;
  number: string;
  name: string | null;
  status: number;
  calldate: string;
  answerdate: string | null;
  hangupdate: string;
  bill: number;
}

export interface YunfuSimState {
  tasks: SimTask[];
  groups: SimGroup[];
  records: SimRecord[];
  nextGroupId: number;
  /** Successful task creates, so tests can prove a create was never sent twice. */
  createCount: number;
  webhookUrl: string | null;
  callbackSecret: string | null;
}

/** What every handler needs: the state, the clock, dialling, and the callback sender. */
export interface YunfuSim {
  store: JsonStore<YunfuSimState>;
  clock: SimClock;
  engine: DialingEngine;
  calendar: SimulatorOptions["calendar"];
  userId: string;
  findTask(uuid: string): SimTask | undefined;
  /** Re-registers a task with the dialing engine after its body, group or numbers changed. */
  redial(task: SimTask): void;
  /** Sends the 创建/删除任务回调 of seed 000 (type 1 created, 2 deleted). */
  taskCallback(type: 1 | 2, task: SimTask): void;
}
