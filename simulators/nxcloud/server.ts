// NXCloud Callbot API v3 simulator (docs/providers/nxcloud.md): a second reading of the documents, independent
// of the client — its own signature check, request validation, slot decoding and answers. This file is the
// router: authentication, signed answers, callbacks and the dialing engine; the actions live in handlers/.
import { randomUUID } from "node:crypto";
import type { CallOutcome } from "../../lib/domain/retry-strategy";
import { SimClock } from "../core/clock";
import { DialingEngine } from "../core/dialer";
import { FaultInjector, faultsFromEnv, mulberry32 } from "../core/faults";
import { startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { JsonStore } from "../core/store";
import type { DialableTask, DialingConfig, SimCall, Simulator, SimulatorOptions } from "../core/types";
import { WebhookSender } from "../core/webhooks";
import type { Handler, NxSimContext } from "./context";
import { addBatchCall, listCall, listOrder, listOrderDetail, stopOrder } from "./handlers/orders";
import { createTask, listTask, mgrTaskStatus, updateTask } from "./handlers/tasks";
import { callCallback, orderCallback, taskCallback } from "./payloads";
import { CALL_STATUS, PATHS, REDIAL_GAP_MINUTES, RET, STARTUP_TYPE, TASK_STATUS } from "./protocol";
import { NxRefusal, validate, ZPing } from "./requests";
import { seedNxcloudDemo } from "./seed";
import { algorithmOf, signMatches, simSign, type SimAlgorithm } from "./sign";
import { groupOfDialTime } from "./slots";
import { emptyState, type NxSimCall, type NxSimOrder, type NxSimState, type NxSimTask } from "./state";

export type { NxSimCall, NxSimOrder, NxSimState, NxSimTask } from "./state";
export { taskStatOf } from "./state";

const ROUTES: Record<string, Handler> = {
  [PATHS.createTask]: createTask,
  [PATHS.updateTask]: updateTask,
  [PATHS.mgrTaskStatus]: mgrTaskStatus,
  [PATHS.listTask]: listTask,
  [PATHS.addBatchCall]: addBatchCall,
  [PATHS.listOrder]: listOrder,
  [PATHS.listOrderDetail]: listOrderDetail,
  [PATHS.stopOrder]: stopOrder,
  [PATHS.listCall]: listCall,
};

const OUTCOME_STATUS: Record<CallOutcome, number> = {
  answered: CALL_STATUS.answered,
  "no-answer": CALL_STATUS.noAnswer,
  busy: CALL_STATUS.busy,
  unreachable: CALL_STATUS.unreachable,
  rejected: CALL_STATUS.rejected,
  failed: CALL_STATUS.failed,
};

export function callStatusOf(outcome: CallOutcome): number {
  return OUTCOME_STATUS[outcome];
}

/**
 * How answers are signed: "body" as we read the documents (over the answer's own body), "none" without sign
 * headers, "other" over something else. The documents do not say which (docs/providers/nxcloud.md §2.3), so
 * tests can show the console working under each.
 */
export type AnswerSigning = "body" | "none" | "other";

/** The Simulator contract plus handles tests use instead of sleeping: the simulated clock, a tick, the state. */
export interface NxcloudSimulator extends Simulator {
  readonly clock: SimClock;
  readonly state: NxSimState;
  /** Starts scheduled tasks that are due, then replays simulated time up to clock.now(). */
  tick(): void;
  /** Resolves when every queued callback has been delivered or given up. */
  flushWebhooks(): Promise<void>;
}

/**
 * `opts.webhookUrl` is where the seeded demo tasks were created and filled with callbacks (the embedded demo
 * account's webhook URL). Every other task and number reports only to the URLs its requests carried:
 * NXCloud has no account-wide callback address (docs/providers/nxcloud.md §2.1).
 */
export function createNxcloudSimulator(opts: SimulatorOptions): NxcloudSimulator {
  const account = { uuid: opts.credentials.uuid, secretKey: opts.credentials.secretKey };
  // Callbacks carry no algorithm header: the account's configured one applies ("can be found in the backend").
  const callbackAlgorithm: SimAlgorithm = algorithmOf(opts.credentials.algorithm) ?? "MD5";
  const faults = new FaultInjector({ ...faultsFromEnv("nxcloud"), ...opts.faults });
  const random = mulberry32(faults.config.seed);
  const clock = new SimClock({ factor: opts.dialing?.factor ?? 60, startAt: opts.startAt });
  const store = new JsonStore<NxSimState>(opts.stateFile, emptyState);
  const webhooks = new WebhookSender({ faults });
  let answerSigning: AnswerSigning = "body";
  let server: RunningSimServer | null = null;
  let timer: NodeJS.Timeout | null = null;
  const orders = new Map<string, { task: NxSimTask; order: NxSimOrder }>();

  const engine = new DialingEngine({
    clock,
    calendar: opts.calendar,
    config: opts.dialing,
    random,
    onCall: (dialable, call) => recordCall(dialable.id, call),
    onTaskDrained: (dialable) => {
      const task = store.state.tasks.find((t) => t.taskID === dialable.id);
      // funcFlag.taskKeep: "even if there are no call orders in the task, the task will not automatically end".
      if (task && task.taskStatus === TASK_STATUS.running && !task.funcFlag.taskKeep) sim.setStatus(task, TASK_STATUS.completed);
    },
  });

  function dialableOf(task: NxSimTask): DialableTask {
    return {
      id: task.taskID,
      isRunning: () => task.taskStatus === TASK_STATUS.running,
      group: groupOfDialTime(task.setting, task.setting.taskName),
      concurrency: task.setting.maxCall,
      // roundRedial: "unanswered calls within a round will be automatically redialed once".
      maxAttempts: task.funcFlag.roundRedial ? 2 : 1,
      retryGapMinutes: REDIAL_GAP_MINUTES,
      orders: task.orders,
    };
  }

  /** Signs a message the way requests are signed; createTs is this machine's time in seconds. */
  function signedHeaders(body: string, requestID: string, algorithm: SimAlgorithm): Record<string, string> {
    const createTs = String(Math.floor(Date.now() / 1000));
    return { requestID, uuid: account.uuid, createTs, sign: simSign({ ...account, body, createTs, requestID }, algorithm) };
  }

  function sendCallback(url: string, payload: unknown): void {
    if (!url) return;
    const body = JSON.stringify(payload);
    webhooks.send({ url, body, headers: signedHeaders(body, randomUUID().replace(/-/g, ""), callbackAlgorithm) });
  }

  const sim: NxSimContext = {
    get state() {
      return store.state;
    },
    nowSec: () => Math.floor(clock.nowMs() / 1000),
    random,
    save: () => store.save(),
    orders,
    reindex() {
      orders.clear();
      for (const task of store.state.tasks) for (const order of task.orders) orders.set(order.id, { task, order });
    },
    dial: (task) => engine.add(dialableOf(task)),
    setStatus(task, status) {
      if (task.taskStatus === status) return;
      task.taskStatus = status;
      store.save();
      sendCallback(task.setting.taskCallbackUrl ?? "", taskCallback(task));
    },
  };

  function recordCall(taskID: string, made: SimCall): void {
    const found = orders.get(made.orderId);
    if (!found || found.task.taskID !== taskID) return;
    const { task, order } = found;
    const answered = made.outcome === "answered";
    const call: NxSimCall = {
      callID: made.callId,
      taskID,
      userTaskID: task.userTaskID,
      orderID: order.id,
      userPhone: order.userPhone,
      callStatus: callStatusOf(made.outcome),
      callStartTs: Math.floor(made.startedAt.getTime() / 1000),
      callAnswerTs: made.answeredAt ? Math.floor(made.answeredAt.getTime() / 1000) : 0,
      callEndTs: Math.floor(made.endedAt.getTime() / 1000),
      callDuration: made.durationSec,
      hangupCause: answered ? "NORMAL_CLEARING" : made.outcome.toUpperCase().replace("-", "_"),
    };
    store.state.calls.push(call);
    task.totalCall++;
    if (answered) task.totalAnswerCall++;
    order.lastCallStatus = call.callStatus;
    store.save();
    // callCallbackUrl: "Callback URL after the call is completed"; orderCallbackUrl: "after the call order is
    // completed" — only once the order is finished (docs/providers/nxcloud.md §2.8).
    sendCallback(order.callCallbackUrl, callCallback(task, order, call));
    if (order.finished) sendCallback(order.orderCallbackUrl, orderCallback(task, order, call));
  }

  /** The seeded demo tasks report to the embedding app's webhook URL, wherever it is this time. */
  function pointDemoTasks(url: string): void {
    for (const task of store.state.tasks.filter((t) => t.demo)) {
      task.setting.taskCallbackUrl = url;
      for (const order of task.orders) Object.assign(order, { orderCallbackUrl: url, callCallbackUrl: url });
    }
    store.save();
  }

  function tick(): void {
    const now = sim.nowSec();
    for (const task of store.state.tasks) {
      const s = task.setting;
      const due = s.startupType === STARTUP_TYPE.scheduled && s.startupAt !== undefined && s.startupAt <= now;
      if (task.taskStatus === TASK_STATUS.pending && due) sim.setStatus(task, TASK_STATUS.running);
    }
    engine.tick();
  }

  function answer(req: SimRequest, payload: Record<string, unknown>, signWith: SimAlgorithm | null): SimResponse {
    const body = JSON.stringify(payload);
    const requestID = req.headers.requestid ?? "";
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    // An unknown account gets an unsigned answer: there is no key to sign it with.
    if (signWith && answerSigning !== "none") {
      const signed = answerSigning === "body" ? body : req.rawBody;
      Object.assign(headers, signedHeaders(signed, requestID, signWith), { algorithm: signWith });
    } else if (requestID) headers.requestID = requestID;
    return { status: 200, headers, body };
  }

  function handle(req: SimRequest): SimResponse {
    const isPing = req.path === PATHS.ping;
    const route = ROUTES[req.path];
    if (!isPing && !route) return { status: 404, body: "Not Found" };
    if (req.method !== "POST") return { status: 405, headers: { allow: "POST" }, body: "Method Not Allowed" };
    const responseID = randomUUID();
    const reply = (retCode: number, retMsg: string, data: Record<string, unknown>, signWith: SimAlgorithm | null) =>
      answer(
        req,
        // Ping has its own envelope; its timestamp is "Current second level timestamp" (docs/providers/nxcloud.md §2.6).
        isPing ? { data: typeof data.data === "string" ? data.data : "", timestamp: sim.nowSec(), code: retCode, msg: retMsg, reqId: responseID } : { retCode, retMsg, responseID, ...data },
        signWith,
      );

    const { sign, createts: createTs, requestid: requestID, uuid } = req.headers;
    // INFERENCE (docs/providers/nxcloud.md §4.13): 6001 also covers a missing createTs, requestID or uuid.
    if (!sign || !createTs || !requestID || !uuid) return reply(RET.missingSign, "missing signature", {}, null);
    if (uuid !== account.uuid) return reply(RET.noAccount, "account does not exist", {}, null);
    const algorithm = algorithmOf(req.headers.algorithm);
    if (!algorithm) return reply(RET.badSign, "unsupported signature algorithm", {}, callbackAlgorithm);
    if (!signMatches({ ...account, body: req.rawBody, createTs, requestID, uuid }, algorithm, sign)) return reply(RET.badSign, "signature error", {}, algorithm);
    // "Request timestamp (in seconds)": a millisecond value is a format error.
    if (!/^\d{1,11}$/.test(createTs)) return reply(RET.badFormat, "parameter format error: createTs must be Unix seconds", {}, algorithm);

    let body: unknown;
    try {
      body = JSON.parse(req.rawBody);
    } catch {
      return reply(RET.badFormat, "body is not JSON", {}, algorithm);
    }
    try {
      if (isPing) return reply(RET.ok, "success", { data: validate(ZPing, body).data }, algorithm);
      return reply(RET.ok, "success", route(sim, body), algorithm);
    } catch (e) {
      if (e instanceof NxRefusal) return reply(e.retCode, e.message, {}, algorithm);
      throw e;
    }
  }

  function load(): void {
    if (opts.seedDemo && store.state.tasks.length === 0) {
      seedNxcloudDemo(store.state, { now: clock.now(), random, callStatusOf });
      store.saveNow();
    }
    if (opts.webhookUrl) pointDemoTasks(opts.webhookUrl);
    sim.reindex();
    for (const task of store.state.tasks) sim.dial(task);
  }

  load();

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
          state: () => ({ ...store.state, simNow: clock.now().toISOString(), webhooks: { delivered: webhooks.delivered, failed: webhooks.failed }, answerSigning }),
          reset: () => {
            store.reset();
            answerSigning = "body";
            load();
          },
          config: (raw) => {
            const c = (raw ?? {}) as { dialing?: Partial<DialingConfig>; webhookUrl?: unknown; answerSigning?: unknown };
            if (c.dialing) engine.setConfig(c.dialing);
            if (typeof c.webhookUrl === "string" && c.webhookUrl) pointDemoTasks(c.webhookUrl);
            if (c.answerSigning === "body" || c.answerSigning === "none" || c.answerSigning === "other") answerSigning = c.answerSigning;
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
