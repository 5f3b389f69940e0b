// Aliyun VMS simulator: the Dyvmsapi 2017-05-25 Cloud* actions over RPC (GET query or POST form), a small router
// over per-action handlers (actions/*), the gateway's own signature check (rpc.ts), the documented limits and
// state rules (docs/providers/aliyun-vms.md), and dialling through the shared engine inside each task's time
// conditions (time.ts). Aliyun pushes no per-task webhooks (CallbackUrl is deprecated), so this simulator sends none.
import { SimClock } from "../core/clock";
import { DEFAULT_DIALING, DialingEngine } from "../core/dialer";
import { FaultInjector, faultsFromEnv } from "../core/faults";
import { json, startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { JsonStore } from "../core/store";
import type { SimCall, Simulator, SimulatorOptions } from "../core/types";
import { CDR_PARAMS, queryPredictiveCdr } from "./actions/call-records";
import { DELETE_TELS_PARAMS, deleteTels, IMPORT_PARAMS, importTels, LIST_FILES_PARAMS, listTaskFiles } from "./actions/numbers";
import {
  createTask,
  deleteTask,
  getTask,
  monitorTask,
  pauseTask,
  QUERY_PARAMS,
  queryTasks,
  runSchedule,
  startTask,
  taskOf,
  updateTask,
} from "./actions/tasks";
import {
  CREATE_CONDITION_PARAMS,
  createCondition,
  DELETE_CONDITION_PARAMS,
  deleteCondition,
  LIST_CONDITION_PARAMS,
  listConditions,
} from "./actions/time-conditions";
import { ApiError, authenticate, readParams, refuseUnknown, requiredInt, type Gateway, type Params } from "./rpc";
import { seedDemo } from "./seed";
import {
  DOCUMENTED_LIMITS,
  normalizeState,
  type AliyunVmsLimits,
  type AliyunVmsSimState,
  type SimContext,
  type SimTask,
} from "./state";
import { CREATE_PARAMS, parseRetry, UPDATE_PARAMS } from "./task-fields";
import { dateTimeText, taskGroup } from "./time";

export type { AliyunVmsSimState, SimCondition, SimTask, SimTaskCall } from "./state";

export interface AliyunVmsSimulator extends Simulator {
  readonly clock: SimClock;
  readonly engine: DialingEngine;
  readonly faults: FaultInjector;
  state(): AliyunVmsSimState;
  /** Runs the AutoStart/AutoStop schedule and the dialing engine up to the clock's now. */
  tick(): SimCall[];
  /** Lowers (or restores) the documented limits, so a test can reach them without a million numbers. */
  setLimits(limits: Partial<AliyunVmsLimits>): void;
}

type Handler = (ctx: SimContext, entId: string, p: Params) => unknown;
interface Action {
  /** The action's parameters in its SDK request model; anything else is refused (rpc.ts refuseUnknown). */
  params: readonly string[];
  run: Handler;
}

const enterpriseOf = (ctx: SimContext, entId: string) => ctx.enterprise(entId);
const withTask = (run: (ctx: SimContext, entId: string, task: SimTask, p: Params) => unknown): Handler => (ctx, entId, p) =>
  run(ctx, entId, taskOf(enterpriseOf(ctx, entId), p), p);
const TASK_ID = ["EnterpriseId", "TaskId"];

/** The router: one handler per documented action, with the parameters its SDK request model defines. */
const ACTIONS: Record<string, Action> = {
  CloudCreateTask: { params: CREATE_PARAMS, run: (ctx, entId, p) => createTask(ctx, entId, p) },
  CloudUpdateTask: { params: UPDATE_PARAMS, run: withTask((ctx, entId, task, p) => updateTask(ctx, entId, task, p)) },
  CloudQueryTask: { params: QUERY_PARAMS, run: (ctx, entId, p) => queryTasks(enterpriseOf(ctx, entId), p) },
  CloudGetTask: { params: TASK_ID, run: withTask((_ctx, _entId, task) => getTask(task)) },
  CloudStartTask: { params: TASK_ID, run: withTask((ctx, entId, task) => startTask(ctx, enterpriseOf(ctx, entId), task)) },
  CloudPauseTask: { params: [...TASK_ID, "PauseDuration"], run: withTask((ctx, _entId, task, p) => pauseTask(ctx, task, p)) },
  CloudDeleteTask: { params: TASK_ID, run: withTask((ctx, entId, task) => deleteTask(ctx, enterpriseOf(ctx, entId), task)) },
  CloudImportTaskTel: { params: IMPORT_PARAMS, run: withTask((ctx, _entId, task, p) => importTels(ctx, task, p)) },
  CloudDeleteTaskTel: { params: DELETE_TELS_PARAMS, run: withTask((ctx, _entId, task, p) => deleteTels(ctx, task, p)) },
  CloudListTaskFile: { params: LIST_FILES_PARAMS, run: withTask((_ctx, _entId, task, p) => listTaskFiles(task, p)) },
  CloudMonitorTask: { params: TASK_ID, run: withTask((ctx, _entId, task) => monitorTask(ctx, task)) },
  CloudQueryPredictiveCallCdr: { params: CDR_PARAMS, run: (ctx, entId, p) => queryPredictiveCdr(ctx, enterpriseOf(ctx, entId), p) },
  CloudListEnterpriseTime: { params: LIST_CONDITION_PARAMS, run: (ctx, entId, p) => listConditions(enterpriseOf(ctx, entId).conditions, p) },
  CloudCreateEnterpriseTime: { params: CREATE_CONDITION_PARAMS, run: (ctx, entId, p) => createCondition(ctx, entId, p) },
  CloudDeleteEnterpriseTime: { params: DELETE_CONDITION_PARAMS, run: (ctx, entId, p) => deleteCondition(ctx, entId, p) },
};

export function createAliyunVmsSimulator(opts: SimulatorOptions): AliyunVmsSimulator {
  const faults = new FaultInjector({ ...faultsFromEnv("aliyun-vms"), ...opts.faults });
  const dialing = { ...DEFAULT_DIALING, ...opts.dialing };
  const clock = new SimClock({ startAt: opts.startAt, factor: dialing.factor });
  const store = new JsonStore<AliyunVmsSimState>(opts.stateFile, () => ({
    nextTaskId: 1,
    nextConditionId: 1,
    nextFileId: 1,
    createCount: 0,
    enterprises: {},
  }));
  normalizeState(store.state);
  const gateway: Gateway = { credentials: opts.credentials, nonces: new Map() };
  const limits: AliyunVmsLimits = { ...DOCUMENTED_LIMITS };
  let server: RunningSimServer | null = null;
  let scheduleTimer: NodeJS.Timeout | null = null;
  let requestId = 0;

  const findTask = (id: string): SimTask | undefined => {
    for (const e of Object.values(store.state.enterprises)) {
      const t = e.tasks.find((task) => String(task.props.Id) === id);
      if (t) return t;
    }
    return undefined;
  };

  const engine = new DialingEngine({
    clock,
    calendar: opts.calendar,
    config: dialing,
    onCall: (dialable, call) => {
      const task = findTask(dialable.id);
      if (!task) return;
      task.calls.push({
        callId: call.callId,
        phone: call.phone,
        outcome: call.outcome,
        startedAt: call.startedAt.getTime(),
        answeredAt: call.answeredAt?.getTime() ?? null,
        endedAt: call.endedAt.getTime(),
        durationSec: call.durationSec,
        attempt: call.attempt,
        fileId: Number(call.orderId.split("-")[0]) || 0,
      });
      if (task.calls.length > limits.callRecordsPerTask) task.calls.splice(0, task.calls.length - limits.callRecordsPerTask);
      store.save();
    },
    onTaskDrained: (dialable) => {
      const task = findTask(dialable.id);
      if (!task || task.props.Status !== 1) return;
      // Seed 001 AutoComplete: on → the task ends when every number is called; off → it pauses.
      if (task.props.AutoComplete === 1) ctx.endTask(task);
      else ctx.setStatus(task, 2, 0);
      store.save();
    },
  });

  const ctx: SimContext = {
    clock,
    engine,
    limits,
    state: () => store.state,
    enterprise(id) {
      const e = store.state.enterprises[id] ?? { tasks: [], conditions: [] };
      store.state.enterprises[id] = e;
      return e;
    },
    refresh(task) {
      const retry = parseRetry(task.props.RetryStrategy);
      const concurrency = Number(task.props.Concurrency ?? 0);
      engine.add({
        id: String(task.props.Id),
        isRunning: () => task.props.Status === 1,
        group: taskGroup(task, ctx.enterprise(String(task.props.EnterpriseId)).conditions),
        // Concurrency 0 means "unlimited" for predictive tasks; the simulated centre has 10 lines.
        concurrency: concurrency > 0 ? concurrency : 10,
        maxAttempts: 1 + (retry?.retry ?? 0),
        retryGapMinutes: retry?.firstGapMinutes ?? 30,
        orders: task.orders,
      });
    },
    setStatus(task, status, trigger) {
      task.props.Status = status;
      task.props.StatusTriggerType = trigger;
    },
    endTask(task) {
      ctx.setStatus(task, 3, 0);
      task.props.OverTime = dateTimeText(clock.nowMs());
    },
  };

  function handle(req: SimRequest): SimResponse {
    const rid = `SIM-${String(++requestId).padStart(8, "0")}`;
    if (req.path !== "/") return json(404, { RequestId: rid, Code: "InvalidAction.NotFound", Message: "Specified api is not found." });
    try {
      const p = readParams(req);
      authenticate(gateway, req.method, p);
      const action = p.get("Action") ?? "";
      const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
      if (!handler) throw new ApiError(404, "InvalidAction.NotFound", `Specified api "${action}" is not found.`);
      refuseUnknown(action, p, handler.params);
      const data = handler.run(ctx, String(requiredInt(p, "EnterpriseId")), p);
      store.save();
      return json(200, { AccessDeniedDetail: "None", RequestId: rid, Message: "OK", Data: data, Code: "OK" });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return json(err.status, { RequestId: rid, HostId: "dyvmsapi.aliyuncs.com", Code: err.code, Message: err.message });
    }
  }

  function tick(): SimCall[] {
    runSchedule(ctx);
    const calls = engine.tick();
    store.save();
    return calls;
  }

  const addAll = () => {
    for (const e of Object.values(store.state.enterprises)) for (const t of e.tasks) ctx.refresh(t);
  };
  if (opts.seedDemo && Object.keys(store.state.enterprises).length === 0) {
    seedDemo(ctx);
    store.saveNow();
  }
  addAll();

  return {
    kind: "aliyun-vms",
    clock,
    engine,
    faults,
    state: () => store.state,
    tick,
    setLimits: (next) => Object.assign(limits, next),
    get url() {
      if (!server) throw new Error("aliyun-vms simulator is not started");
      return server.url;
    },
    async start() {
      if (server) return server.url;
      server = await startSimServer({
        kind: "aliyun-vms",
        host: opts.host,
        port: opts.port,
        faults,
        handle,
        admin: {
          state: () => store.state,
          reset: () => {
            for (const e of Object.values(store.state.enterprises)) for (const t of e.tasks) engine.remove(String(t.props.Id));
            store.reset();
            gateway.nonces.clear();
            Object.assign(limits, DOCUMENTED_LIMITS);
            if (opts.seedDemo) seedDemo(ctx);
            addAll();
            store.saveNow();
          },
          config: (body) => {
            const b = body as { dialing?: Parameters<DialingEngine["setConfig"]>[0] };
            if (b.dialing && typeof b.dialing === "object") engine.setConfig(b.dialing);
          },
          tick: () => void tick(),
        },
      });
      scheduleTimer = setInterval(() => runSchedule(ctx), dialing.tickMs);
      scheduleTimer.unref();
      engine.start();
      return server.url;
    },
    async stop() {
      engine.stop();
      if (scheduleTimer) clearInterval(scheduleTimer);
      scheduleTimer = null;
      store.saveNow();
      await server?.close();
      server = null;
    },
  };
}
