// Yunfu AI (云蝠智能) agent-api simulator (docs/providers/yunfu.md): a small router (router.ts) over
// per-action handlers (handlers/), Bearer auth, the documented limits and error codes, dialling through the
// shared DialingEngine, and the task create/delete callback of seed 000. It is a second reading of the
// documents: its own validation (protocol.ts) and schedule decoding (encoding.ts), nothing of the client.
import { SimClock } from "../core/clock";
import { DEFAULT_DIALING, DialingEngine } from "../core/dialer";
import { FaultInjector, faultsFromEnv, mulberry32 } from "../core/faults";
import { startSimServer, type RunningSimServer } from "../core/http";
import { JsonStore } from "../core/store";
import type { DialableTask, DialingConfig, SimCall, Simulator, SimulatorOptions } from "../core/types";
import { WebhookSender } from "../core/webhooks";
import { sendTaskCallback } from "./callbacks";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";
import { groupSchedule } from "./encoding";
import { runPendingImports } from "./handlers/numbers";
import { withinPeriod } from "./handlers/tasks";
import { chinaText } from "./protocol";
import { route } from "./router";
import { CALL_STATUS_BY_OUTCOME, seedDemo } from "./seed";
import type { SimTask, YunfuSim, YunfuSimState } from "./state";

export type { YunfuSimState } from "./state";

export interface YunfuSimulator extends Simulator {
  readonly clock: SimClock;
  /** Runs queued imports and the dialing engine up to the clock's now. */
  tick(): SimCall[];
  state(): YunfuSimState;
  /** Resolves when every queued callback was delivered or given up. */
  flushWebhooks(): Promise<void>;
}

export function createYunfuSimulator(opts: SimulatorOptions): YunfuSimulator {
  const token = opts.credentials.token ?? DEMO_CREDENTIALS.token;
  const faults = new FaultInjector({ ...opts.faults, ...faultsFromEnv("yunfu") });
  const dialing: Partial<DialingConfig> = { ...opts.dialing };
  const clock = new SimClock({ startAt: opts.startAt, factor: dialing.factor ?? DEFAULT_DIALING.factor });
  const random = mulberry32(faults.config.seed);
  const sender = new WebhookSender({ faults, retries: 3, backoffMs: 200 });
  const initial = (): YunfuSimState => ({
    tasks: [],
    groups: [],
    records: [],
    nextGroupId: 1,
    createCount: 0,
    webhookUrl: opts.webhookUrl ?? null,
    callbackSecret: opts.credentials.callbackSecret ?? DEMO_SETTINGS.callbackSecret ?? null,
  });
  const store = new JsonStore<YunfuSimState>(opts.stateFile, initial);
  const findTask = (uuid: string) => store.state.tasks.find((t) => t.uuid === uuid);

  /** redial_max_times when redial is on, else recycle_limit ("呼叫失败最大重拨次数", seed 000). */
  const redials = (t: SimTask) => (t.body.task_extras.redial_enabled === 1 ? (t.body.task_extras.redial_max_times ?? 0) : (t.body.recycle_limit ?? 0));

  const dialable = (t: SimTask): DialableTask => ({
    id: t.uuid,
    isRunning: () => t.enable && withinPeriod(t, clock.nowMs()),
    group: groupSchedule(t.group),
    concurrency: t.body.maximumcall,
    maxAttempts: 1 + redials(t),
    retryGapMinutes: t.body.task_extras.redial_interval ?? 0,
    orders: t.orders,
  });

  const engine = new DialingEngine({
    clock,
    calendar: opts.calendar,
    config: dialing,
    random,
    onCall: (task, call) => {
      const order = findTask(task.id)?.orders.find((o) => o.id === call.orderId);
      const status = CALL_STATUS_BY_OUTCOME[call.outcome];
      if (order) order.status = status;
      store.state.records.push({
        callid: call.callId,
        task_uuid: task.id,
        number: call.phone,
        name: order?.name ?? null,
        status,
        calldate: chinaText(call.startedAt),
        answerdate: call.answeredAt ? chinaText(call.answeredAt) : null,
        hangupdate: chinaText(call.endedAt),
        bill: call.durationSec,
      });
      store.save();
    },
    onTaskDrained: (task) => {
      // end_action 1 = "暂停任务释放并发" once the task has nothing left to dial.
      const t = findTask(task.id);
      if (t && t.body.end_action === 1) {
        t.enable = false;
        t.alter_datetime = chinaText(clock.now());
        store.save();
      }
    },
  });

  const sim: YunfuSim = {
    store,
    clock,
    engine,
    calendar: opts.calendar,
    userId: opts.credentials.userId ?? DEMO_SETTINGS.userId,
    findTask,
    redial: (task) => engine.add(dialable(task)),
    taskCallback: (type, task) => sendTaskCallback(sender, store.state, type, task, sim.userId),
  };

  const tick = () => {
    runPendingImports(sim);
    return engine.tick();
  };
  const loadEngine = () => {
    for (const t of store.state.tasks) {
      // State files written before async imports existed have no queue.
      t.pendingImports ??= [];
      engine.add(dialable(t));
    }
  };

  let server: RunningSimServer | null = null;

  return {
    kind: "yunfu",
    clock,
    get url() {
      if (!server) throw new Error("yunfu simulator is not started");
      return server.url;
    },
    tick,
    state: () => store.state,
    flushWebhooks: () => sender.flush(),
    async start() {
      if (opts.seedDemo && store.state.tasks.length === 0 && store.state.groups.length === 0) {
        seedDemo(store.state, clock.nowMs(), random);
        store.saveNow();
      }
      loadEngine();
      server = await startSimServer({
        kind: "yunfu",
        host: opts.host,
        port: opts.port,
        faults,
        handle: (req) => route(sim, token, req),
        admin: {
          state: () => store.state,
          reset: () => {
            for (const t of store.state.tasks) engine.remove(t.uuid);
            const { webhookUrl, callbackSecret } = store.state;
            store.reset();
            Object.assign(store.state, { webhookUrl, callbackSecret });
            if (opts.seedDemo) seedDemo(store.state, clock.nowMs(), random);
            store.saveNow();
            loadEngine();
          },
          config: (body) => {
            const b = (body ?? {}) as { webhookUrl?: unknown; callbackSecret?: unknown; dialing?: Partial<DialingConfig> };
            if (typeof b.webhookUrl === "string" || b.webhookUrl === null) store.state.webhookUrl = b.webhookUrl || null;
            if (typeof b.callbackSecret === "string" || b.callbackSecret === null) store.state.callbackSecret = b.callbackSecret || null;
            if (b.dialing && typeof b.dialing === "object") engine.setConfig(b.dialing);
            store.save();
          },
          tick: () => void tick(),
        },
      });
      engine.start();
      return server.url;
    },
    async stop() {
      engine.stop();
      sender.stop();
      store.saveNow();
      await server?.close();
      server = null;
    },
  };
}
