// NXCloud Callbot API v3 simulator (providers.md §3 and §7 "NXTele simulator"): strict MD5/SHA256 signature
// checks, signed answers, the documented retCodes and state rules, dialling of running tasks through the
// DialingEngine inside their half-hour slots, taskStat that follows, and signed task/order/call callbacks.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { decodeCallTimeGroup } from "../../lib/providers/nxcloud/mapping";
import { callStatusToNxcloud } from "../../lib/providers/nxcloud/mapping";
import { nxcloudSign, nxcloudSignMatches, parseNxcloudAlgorithm, type NxcloudAlgorithm } from "../../lib/providers/nxcloud/sign";
import {
  NXCLOUD_ORDER_DETAIL_MAX,
  NXCLOUD_PATHS,
  NXCLOUD_RET,
  NXCLOUD_STARTUP_TYPE,
  NXCLOUD_TASK_OPERATE,
  NXCLOUD_TASK_STATUS,
  ZNxAddBatchCallRequest,
  ZNxCreateTaskRequest,
  ZNxListCallRequest,
  ZNxListOrderDetailRequest,
  ZNxListOrderRequest,
  ZNxListTaskRequest,
  ZNxMgrTaskStatusRequest,
  ZNxPingRequest,
  ZNxStopOrderRequest,
  ZNxUpdateTaskRequest,
  type TNxFuncFlag,
  type TNxTaskCreateSetting,
} from "../../lib/providers/nxcloud/wire";
import { SimClock } from "../core/clock";
import { DialingEngine } from "../core/dialer";
import { FaultInjector, faultsFromEnv, mulberry32 } from "../core/faults";
import { startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { bigId } from "../core/ids";
import { JsonStore } from "../core/store";
import type { DialableTask, DialingConfig, DialOrder, SimCall, Simulator, SimulatorOptions } from "../core/types";
import { WebhookSender } from "../core/webhooks";
import { seedNxcloudDemo } from "./seed";

/** One order (number) of a task. JSON-safe: it lives in the state file. The engine updates the DialOrder fields. */
export interface NxSimOrder extends DialOrder {
  userPhone: string;
  userName: string;
  customerName: string;
  other: string;
  params: { name: string; value: string }[];
  orderCallbackUrl: string;
  callCallbackUrl: string;
  /** stopOrder is irreversible (providers.md §3). */
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
  setting: TNxTaskCreateSetting;
  funcFlag: TNxFuncFlag;
  orders: NxSimOrder[];
  totalCall: number;
  totalAnswerCall: number;
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

/** Simulated minutes before a roundRedial retry. INFERENCE: NXCloud does not document when the redial happens. */
const REDIAL_GAP_MINUTES = 10;
/** INFERENCE: the maximum page size is NOT FOUND; the simulator refuses absurd pages. */
const MAX_PAGE_SIZE = 1000;
/** addBatchCall limit is NOT FOUND; listOrderDetail's documented 500 is used (providers.md addendum §3). */
const MAX_BATCH = 500;

const emptyState = (): NxSimState => ({ tasks: [], calls: [], createRequests: 0 });

class NxRefusal extends Error {
  constructor(
    readonly retCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Hands zod's first problem back the way NXCloud would: missing → 2, wrong type → 3, bad value → 4. */
function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.join(".");
  let value: unknown = body;
  for (const key of issue.path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  if (value === undefined) throw new NxRefusal(NXCLOUD_RET.missingParameter, `missing parameter: ${where}`);
  if (issue.code === "invalid_type") throw new NxRefusal(NXCLOUD_RET.badFormat, `parameter format error: ${where}`);
  throw new NxRefusal(NXCLOUD_RET.badValue, `invalid parameter value: ${where} (${issue.message})`);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function taskStatOf(task: NxSimTask) {
  const totalOrderCount = task.orders.length;
  const finishOrderCount = task.orders.filter((o) => o.finished).length;
  const answerOrderCount = task.orders.filter((o) => o.answered).length;
  return {
    answerOrderCount,
    finishOrderCount,
    totalOrderCount,
    // providers.md §3: both rounded to 2 dp.
    finishRate: totalOrderCount > 0 ? round2(finishOrderCount / totalOrderCount) : 0,
    totalAnswerCall: task.totalAnswerCall,
    totalCall: task.totalCall,
    answerRate: task.totalCall > 0 ? round2(task.totalAnswerCall / task.totalCall) : 0,
  };
}

function page<T>(items: T[], pageNo: number, size: number): T[] {
  return items.slice((pageNo - 1) * size, pageNo * size);
}

function rangeMatches(value: number, r: { gt?: number; lt?: number; enable?: boolean } | undefined): boolean {
  if (!r || r.enable === false) return true;
  return (r.gt === undefined || value > r.gt) && (r.lt === undefined || value < r.lt);
}

/** The Simulator contract plus handles tests use instead of sleeping: the simulated clock, a tick, the state. */
export interface NxcloudSimulator extends Simulator {
  readonly clock: SimClock;
  readonly state: NxSimState;
  /** Starts scheduled tasks that are due, then replays simulated time up to clock.now(). */
  tick(): void;
  /** Resolves when every queued callback has been delivered or given up. */
  flushWebhooks(): Promise<void>;
}

export function createNxcloudSimulator(opts: SimulatorOptions): NxcloudSimulator {
  const accountUuid = opts.credentials.uuid;
  const accountSecret = opts.credentials.secretKey;
  // Callbacks carry no algorithm header: the account's configured one applies (providers.md §3).
  const accountAlgorithm: NxcloudAlgorithm = parseNxcloudAlgorithm(opts.credentials.algorithm) ?? "MD5";
  const faults = new FaultInjector({ ...faultsFromEnv("nxcloud"), ...opts.faults });
  const random = mulberry32(faults.config.seed);
  const clock = new SimClock({ factor: opts.dialing?.factor ?? 60, startAt: opts.startAt });
  const store = new JsonStore<NxSimState>(opts.stateFile, emptyState);
  const webhooks = new WebhookSender({ faults });
  let fallbackCallbackUrl = opts.webhookUrl ?? "";
  let server: RunningSimServer | null = null;
  let timer: NodeJS.Timeout | null = null;

  const nowSec = () => Math.floor(clock.nowMs() / 1000);
  const findTask = (userTaskID: string) => store.state.tasks.find((t) => t.userTaskID === userTaskID);
  const orderIndex = new Map<string, { task: NxSimTask; order: NxSimOrder }>();

  const engine = new DialingEngine({
    clock,
    calendar: opts.calendar,
    config: opts.dialing,
    random,
    onCall: (dialable, call) => recordCall(dialable.id, call),
    onTaskDrained: (dialable) => {
      const task = store.state.tasks.find((t) => t.taskID === dialable.id);
      // funcFlag.taskKeep: "the task does not automatically end" when it has no orders left (providers.md §3).
      if (task && task.taskStatus === NXCLOUD_TASK_STATUS.running && !task.funcFlag.taskKeep) {
        setStatus(task, NXCLOUD_TASK_STATUS.completed);
      }
    },
  });

  function dialableOf(task: NxSimTask): DialableTask {
    const s = task.setting;
    return {
      id: task.taskID,
      isRunning: () => task.taskStatus === NXCLOUD_TASK_STATUS.running,
      group: decodeCallTimeGroup(
        { zoneSecond: s.zoneSecond, dialAtWeekDay: s.dialAtWeekDay, dialAtUpHour: s.dialAtUpHour, dialAtDownHour: s.dialAtDownHour },
        s.taskName,
      ),
      concurrency: s.maxCall,
      // roundRedial: "unanswered calls within a round are redialled once".
      maxAttempts: task.funcFlag.roundRedial ? 2 : 1,
      retryGapMinutes: REDIAL_GAP_MINUTES,
      orders: task.orders,
    };
  }

  function indexAndDial(): void {
    orderIndex.clear();
    for (const task of store.state.tasks) {
      for (const order of task.orders) orderIndex.set(order.id, { task, order });
      engine.add(dialableOf(task));
    }
  }

  // ---- signing and callbacks ----

  function signedHeaders(body: string, requestID: string, algorithm: NxcloudAlgorithm): Record<string, string> {
    const createTs = String(Math.floor(Date.now() / 1000));
    return {
      requestID,
      uuid: accountUuid,
      createTs,
      sign: nxcloudSign({ secretKey: accountSecret, body, createTs, requestID, uuid: accountUuid, algorithm }),
    };
  }

  function sendCallback(url: string, payload: unknown): void {
    if (!url) return;
    const body = JSON.stringify(payload);
    webhooks.send({ url, body, headers: signedHeaders(body, randomUUID().replace(/-/g, ""), accountAlgorithm) });
  }

  function setStatus(task: NxSimTask, status: number): void {
    if (task.taskStatus === status) return;
    task.taskStatus = status;
    store.save();
    sendCallback(task.setting.taskCallbackUrl || fallbackCallbackUrl, {
      callbackType: 1,
      userTaskID: task.userTaskID,
      taskID: task.taskID,
      sceneID: task.sceneID,
      taskStatus: task.taskStatus,
      // INFERENCE: the callback's createTs is the time of the change.
      createTs: nowSec(),
      taskStat: taskStatOf(task),
    });
  }

  function callDetail(call: NxSimCall, order: NxSimOrder | undefined) {
    return {
      callID: call.callID,
      callStatus: call.callStatus,
      callStartTs: call.callStartTs,
      callAnswerTs: call.callAnswerTs,
      callEndTs: call.callEndTs,
      callDuration: call.callDuration,
      callAudioUrl: call.callAnswerTs > 0 ? `https://nxbot.example.invalid/audio/${call.callID}.wav` : "",
      hangupCause: call.hangupCause,
      termSipCode: call.callAnswerTs > 0 ? "200" : "480",
      intents: [],
      sms: [],
      agent: {},
      params: order?.params ?? [],
    };
  }

  function recordCall(taskID: string, sim: SimCall): void {
    const task = store.state.tasks.find((t) => t.taskID === taskID);
    const order = orderIndex.get(sim.orderId)?.order;
    if (!task || !order) return;
    const answered = sim.outcome === "answered";
    const call: NxSimCall = {
      callID: sim.callId,
      taskID,
      userTaskID: task.userTaskID,
      orderID: order.id,
      userPhone: order.userPhone,
      callStatus: callStatusToNxcloud(sim.outcome),
      callStartTs: Math.floor(sim.startedAt.getTime() / 1000),
      callAnswerTs: sim.answeredAt ? Math.floor(sim.answeredAt.getTime() / 1000) : 0,
      callEndTs: Math.floor(sim.endedAt.getTime() / 1000),
      callDuration: sim.durationSec,
      hangupCause: answered ? "NORMAL_CLEARING" : sim.outcome.toUpperCase().replace("-", "_"),
    };
    store.state.calls.push(call);
    task.totalCall++;
    if (answered) task.totalAnswerCall++;
    order.lastCallStatus = call.callStatus;
    store.save();
    const common = {
      orderID: order.id,
      userPhone: order.userPhone,
      userName: order.userName,
      sceneID: task.sceneID,
      userTaskID: task.userTaskID,
      taskID: task.taskID,
      finish: order.finished,
      other: order.other,
    };
    // By order: callbackType is a string in the doc example; by call: an integer, plus callingNumber/lineAddress.
    sendCallback(order.orderCallbackUrl || fallbackCallbackUrl, { callbackType: "1", ...common, callInfoDetail: callDetail(call, order) });
    sendCallback(order.callCallbackUrl, {
      callbackType: 2,
      ...common,
      callInfoDetail: { ...callDetail(call, order), callingNumber: "862160000000", lineAddress: "sim-line-01" },
    });
  }

  /** Scheduled tasks start at startupAt; then the engine replays simulated time. */
  function tick(): void {
    const now = nowSec();
    for (const task of store.state.tasks) {
      const s = task.setting;
      if (
        task.taskStatus === NXCLOUD_TASK_STATUS.pending &&
        s.startupType === NXCLOUD_STARTUP_TYPE.scheduled &&
        s.startupAt !== undefined &&
        s.startupAt <= now
      ) {
        setStatus(task, NXCLOUD_TASK_STATUS.running);
      }
    }
    engine.tick();
  }

  // ---- endpoints ----

  function taskData(task: NxSimTask) {
    return {
      userTaskID: task.userTaskID,
      taskID: task.taskID,
      sceneID: task.sceneID,
      taskStatus: task.taskStatus,
      createTs: task.createTs,
      taskStat: taskStatOf(task),
      taskSetting: { taskCreateSetting: task.setting, funcFlag: task.funcFlag },
    };
  }

  function requireTask(userTaskID: string): NxSimTask {
    const task = findTask(userTaskID);
    if (!task) throw new NxRefusal(NXCLOUD_RET.badValue, `userTaskID does not exist: ${userTaskID}`);
    return task;
  }

  function createTask(body: unknown) {
    store.state.createRequests++;
    const req = validate(ZNxCreateTaskRequest, body);
    // INFERENCE: userTaskID is documented as the caller's unique task id, so a repeated createTask with the
    // same userTaskID answers with the existing task instead of making a second one.
    const existing = findTask(req.userTaskID);
    if (existing) return { taskID: existing.taskID, userTaskID: existing.userTaskID };
    const s = req.taskCreateSetting;
    if (s.startupType === NXCLOUD_STARTUP_TYPE.scheduled && s.startupAt === undefined) {
      throw new NxRefusal(NXCLOUD_RET.missingParameter, "missing parameter: taskCreateSetting.startupAt (startupType 2)");
    }
    const task: NxSimTask = {
      taskID: bigId(random),
      userTaskID: req.userTaskID,
      sceneID: req.sceneID,
      taskStatus: NXCLOUD_TASK_STATUS.pending,
      createTs: nowSec(),
      setting: { ...s, taskCallbackUrl: s.taskCallbackUrl || req.taskCallbackUrl },
      funcFlag: req.funcFlag,
      orders: [],
      totalCall: 0,
      totalAnswerCall: 0,
    };
    store.state.tasks.push(task);
    engine.add(dialableOf(task));
    store.save();
    if (s.startupType === NXCLOUD_STARTUP_TYPE.immediate) setStatus(task, NXCLOUD_TASK_STATUS.running);
    return { taskID: task.taskID, userTaskID: task.userTaskID };
  }

  function updateTask(body: unknown) {
    const req = validate(ZNxUpdateTaskRequest, body);
    const task = requireTask(req.userTaskID);
    // providers.md §3: "only for tasks that are paused or not yet started".
    if (task.taskStatus !== NXCLOUD_TASK_STATUS.pending && task.taskStatus !== NXCLOUD_TASK_STATUS.paused) {
      throw new NxRefusal(NXCLOUD_RET.badValue, `task status ${task.taskStatus} does not allow updateTask (only 1 pending or 5 paused)`);
    }
    const setting = { ...task.setting, ...req.taskCreateSetting };
    if (setting.startupType === NXCLOUD_STARTUP_TYPE.scheduled && setting.startupAt === undefined) {
      throw new NxRefusal(NXCLOUD_RET.missingParameter, "missing parameter: taskCreateSetting.startupAt (startupType 2)");
    }
    // The real platform applies changes "after about 5 minutes"; the simulator applies them at once.
    task.setting = setting;
    task.funcFlag = { ...task.funcFlag, ...req.funcFlag };
    engine.add(dialableOf(task));
    store.save();
    return {};
  }

  function mgrTaskStatus(body: unknown) {
    const req = validate(ZNxMgrTaskStatusRequest, body);
    const task = requireTask(req.userTaskID);
    const from = task.taskStatus;
    const { pending, running, paused, completed } = NXCLOUD_TASK_STATUS;
    const rules: Record<number, { from: number[]; to: number; name: string }> = {
      [NXCLOUD_TASK_OPERATE.start]: { from: [pending, paused], to: running, name: "start" },
      [NXCLOUD_TASK_OPERATE.pause]: { from: [running], to: paused, name: "pause" },
      [NXCLOUD_TASK_OPERATE.complete]: { from: [pending, running, paused], to: completed, name: "complete" },
    };
    const rule = rules[req.taskOperate];
    if (!rule.from.includes(from)) {
      throw new NxRefusal(NXCLOUD_RET.badValue, `cannot ${rule.name} a task in status ${from}`);
    }
    if (req.delCall === 1) {
      // "delete undialled data": numbers never dialled leave the task.
      task.orders = task.orders.filter((o) => o.attempts > 0 || o.finished);
      indexAndDial();
    }
    setStatus(task, rule.to);
    return { taskID: task.taskID, taskStatus: task.taskStatus };
  }

  function addBatchCall(body: unknown) {
    const req = validate(ZNxAddBatchCallRequest, body);
    const task = requireTask(req.userTaskID);
    if (task.taskStatus === NXCLOUD_TASK_STATUS.completed || task.taskStatus === NXCLOUD_TASK_STATUS.failed) {
      throw new NxRefusal(NXCLOUD_RET.badValue, `task ${task.userTaskID} is completed; numbers cannot be added`);
    }
    const { callList, orderCallbackUrl = "", callCallbackUrl = "" } = req.callInfoList;
    if (callList.length > MAX_BATCH) {
      throw new NxRefusal(NXCLOUD_RET.tooManyElements, `callList has ${callList.length} elements, at most ${MAX_BATCH}`);
    }
    const errList: { orderID: string; errMsg: string }[] = [];
    for (const item of callList) {
      // orderID is "caller-generated, globally unique" (providers.md §3).
      if (orderIndex.has(item.orderID)) {
        errList.push({ orderID: item.orderID, errMsg: "orderID already exists" });
        continue;
      }
      const order: NxSimOrder = {
        id: item.orderID,
        phone: item.userPhone,
        attempts: 0,
        finished: false,
        answered: false,
        notBefore: null,
        userPhone: item.userPhone,
        userName: item.userName ?? "",
        customerName: item.customerName ?? "",
        other: item.other ?? "",
        params: item.params,
        orderCallbackUrl,
        callCallbackUrl,
        stopped: false,
        lastCallStatus: null,
      };
      task.orders.push(order);
      orderIndex.set(order.id, { task, order });
    }
    engine.add(dialableOf(task));
    store.save();
    return { totalCount: callList.length, successCount: callList.length - errList.length, errList };
  }

  function listTask(body: unknown) {
    const req = validate(ZNxListTaskRequest, body);
    if (req.size > MAX_PAGE_SIZE) throw new NxRefusal(NXCLOUD_RET.badValue, `size must be at most ${MAX_PAGE_SIZE}`);
    const q = req.queryConditions;
    const matches = store.state.tasks
      .filter(
        (t) =>
          (!q.taskStatus?.length || q.taskStatus.includes(t.taskStatus)) &&
          (!q.taskName?.length || q.taskName.includes(t.setting.taskName)) &&
          (!q.sceneID || q.sceneID === t.sceneID) &&
          (!q.userTaskID?.length || q.userTaskID.includes(t.userTaskID)) &&
          (!q.startTs || t.createTs >= q.startTs) &&
          (!q.endTs || t.createTs <= q.endTs),
      )
      .sort((a, b) => b.createTs - a.createTs || a.userTaskID.localeCompare(b.userTaskID));
    return { taskData: page(matches, req.page, req.size).map(taskData), totalCount: matches.length };
  }

  function listOrder(body: unknown) {
    const req = validate(ZNxListOrderRequest, body);
    const task = requireTask(req.userTaskID);
    const o = req.options;
    const matches = task.orders.filter(
      (order) =>
        (!o.orderID?.length || o.orderID.includes(order.id)) &&
        (o.finish === undefined || o.finish === null || (o.finish === 1) === order.finished) &&
        (!o.callStatus?.length || (order.lastCallStatus !== null && o.callStatus.includes(order.lastCallStatus))),
    );
    return {
      orderData: page(matches, req.page, req.size).map((order) => ({
        orderID: order.id,
        userPhone: order.userPhone,
        userName: order.userName,
        customerName: order.customerName,
        other: order.other,
        finish: order.finished,
        callStatus: order.lastCallStatus,
        callCount: order.attempts,
      })),
      totalCount: matches.length,
    };
  }

  function listCall(body: unknown) {
    const req = validate(ZNxListCallRequest, body);
    const task = requireTask(req.userTaskID);
    const o = req.options;
    const matches = store.state.calls.filter(
      (c) =>
        c.taskID === task.taskID &&
        (!o.callID?.length || o.callID.includes(c.callID)) &&
        (!o.callStatus?.length || o.callStatus.includes(c.callStatus)) &&
        (!o.startTs || c.callStartTs >= o.startTs) &&
        (!o.endTs || c.callStartTs <= o.endTs) &&
        rangeMatches(c.callDuration, o.callDuration),
    );
    return {
      callData: page(matches, req.page, req.size).map((c) => ({
        ...callDetail(c, orderIndex.get(c.orderID)?.order),
        orderID: c.orderID,
        userPhone: c.userPhone,
        userTaskID: c.userTaskID,
        taskID: c.taskID,
      })),
      totalCount: matches.length,
    };
  }

  function stopOrder(body: unknown) {
    const req = validate(ZNxStopOrderRequest, body);
    const errList: { orderID: string; errMsg: string }[] = [];
    for (const orderID of req.orderIDs) {
      const found = orderIndex.get(orderID);
      if (!found || (req.userTaskID && found.task.userTaskID !== req.userTaskID)) {
        errList.push({ orderID, errMsg: "order does not exist" });
      } else if (found.order.finished) {
        errList.push({ orderID, errMsg: found.order.stopped ? "order already stopped" : "order already finished" });
      } else {
        found.order.stopped = true;
        found.order.finished = true;
      }
    }
    store.save();
    return { totalCount: req.orderIDs.length, successCount: req.orderIDs.length - errList.length, errList };
  }

  function listOrderDetail(body: unknown) {
    const req = validate(ZNxListOrderDetailRequest, body);
    // providers.md addendum §3: "限制最多500个订单id".
    if (req.orderList.length > NXCLOUD_ORDER_DETAIL_MAX) {
      throw new NxRefusal(NXCLOUD_RET.tooManyElements, `orderList has ${req.orderList.length} ids, at most ${NXCLOUD_ORDER_DETAIL_MAX}`);
    }
    const wanted = new Set(req.orderList);
    const callsByOrder = new Map<string, NxSimCall[]>();
    for (const c of store.state.calls) {
      if (!wanted.has(c.orderID)) continue;
      const list = callsByOrder.get(c.orderID) ?? [];
      list.push(c);
      callsByOrder.set(c.orderID, list);
    }
    const orderDetailList = req.orderList.flatMap((orderID) => {
      const found = orderIndex.get(orderID);
      if (!found) return [];
      const { task, order } = found;
      return [
        {
          orderID,
          userPhone: order.userPhone,
          userName: order.userName,
          sceneID: task.sceneID,
          userTaskID: task.userTaskID,
          taskID: task.taskID,
          finish: order.finished,
          other: order.other,
          callInfoDetailList: (callsByOrder.get(orderID) ?? []).map((c) => callDetail(c, order)),
        },
      ];
    });
    return { orderDetailList };
  }

  const routes: Record<string, (body: unknown) => Record<string, unknown>> = {
    [NXCLOUD_PATHS.createTask]: createTask,
    [NXCLOUD_PATHS.updateTask]: updateTask,
    [NXCLOUD_PATHS.mgrTaskStatus]: mgrTaskStatus,
    [NXCLOUD_PATHS.addBatchCall]: addBatchCall,
    [NXCLOUD_PATHS.listTask]: listTask,
    [NXCLOUD_PATHS.listOrder]: listOrder,
    [NXCLOUD_PATHS.listCall]: listCall,
    [NXCLOUD_PATHS.stopOrder]: stopOrder,
    [NXCLOUD_PATHS.listOrderDetail]: listOrderDetail,
  };

  function handle(req: SimRequest): SimResponse {
    const isPing = req.path === NXCLOUD_PATHS.ping;
    if (!isPing && !routes[req.path]) return { status: 404, body: "Not Found" };
    if (req.method !== "POST") return { status: 405, headers: { allow: "POST" }, body: "Method Not Allowed" };
    const requestID = req.headers.requestid ?? "";
    const responseID = randomUUID();

    const answer = (retCode: number, retMsg: string, data: Record<string, unknown>, signWith: NxcloudAlgorithm | null): SimResponse => {
      const payload = isPing
        ? { data: typeof data.data === "string" ? data.data : "", timestamp: clock.nowMs(), code: retCode, msg: retMsg, reqId: responseID }
        : { retCode, retMsg, responseID, ...data };
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
      // An unknown uuid gets an unsigned answer: there is no account key to sign it with.
      if (signWith) Object.assign(headers, signedHeaders(body, requestID, signWith), { algorithm: signWith });
      else if (requestID) headers.requestID = requestID;
      return { status: 200, headers, body };
    };

    const sign = req.headers.sign;
    const createTs = req.headers.createts;
    const uuid = req.headers.uuid;
    // INFERENCE (providers.md §7): 6001 also covers a missing createTs/requestID.
    if (!sign || !createTs || !requestID || !uuid) return answer(NXCLOUD_RET.missingSign, "missing signature", {}, null);
    if (uuid !== accountUuid) return answer(NXCLOUD_RET.noAccount, "account does not exist", {}, null);
    const algorithm = parseNxcloudAlgorithm(req.headers.algorithm);
    if (!algorithm) return answer(NXCLOUD_RET.badSign, "unsupported signature algorithm", {}, accountAlgorithm);
    if (!nxcloudSignMatches({ secretKey: accountSecret, body: req.rawBody, createTs, requestID, uuid, algorithm }, sign)) {
      return answer(NXCLOUD_RET.badSign, "signature error", {}, algorithm);
    }

    let body: unknown;
    try {
      body = JSON.parse(req.rawBody);
    } catch {
      return answer(NXCLOUD_RET.badFormat, "body is not JSON", {}, algorithm);
    }
    try {
      if (isPing) return answer(NXCLOUD_RET.ok, "success", { data: validate(ZNxPingRequest, body).data }, algorithm);
      const data = routes[req.path](body);
      return answer(NXCLOUD_RET.ok, "success", data, algorithm);
    } catch (e) {
      if (e instanceof NxRefusal) return answer(e.retCode, e.message, {}, algorithm);
      throw e;
    }
  }

  function seedIfEmpty(): void {
    if (!opts.seedDemo || store.state.tasks.length > 0) return;
    seedNxcloudDemo(store.state, { now: clock.now(), random });
    store.saveNow();
  }

  seedIfEmpty();
  indexAndDial();

  return {
    kind: "nxcloud",
    clock,
    get state() {
      return store.state;
    },
    tick,
    flushWebhooks: () => webhooks.flush(),
    get url() {
      return server?.url ?? "";
    },
    async start() {
      if (server) return server.url;
      server = await startSimServer({
        kind: "nxcloud",
        host: opts.host,
        port: opts.port,
        faults,
        handle,
        admin: {
          state: () => ({ ...store.state, simNow: clock.now().toISOString(), webhooks: { delivered: webhooks.delivered, failed: webhooks.failed } }),
          reset: () => {
            store.reset();
            seedIfEmpty();
            indexAndDial();
          },
          config: (raw) => {
            const c = (raw ?? {}) as { dialing?: Partial<DialingConfig>; webhookUrl?: string };
            if (c.dialing) engine.setConfig(c.dialing);
            if (typeof c.webhookUrl === "string") fallbackCallbackUrl = c.webhookUrl;
          },
          tick,
        },
      });
      timer = setInterval(() => {
        try {
          tick();
        } catch (err) {
          console.error(`[sim:nxcloud] tick failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }, engine.config.tickMs);
      timer.unref();
      return server.url;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      engine.stop();
      webhooks.stop();
      store.saveNow();
      await server?.close();
      server = null;
    },
  };
}
