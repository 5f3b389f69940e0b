// WShoto open API simulator (docs/providers/wshoto.md): a small router over the per-API handlers of
// handlers.ts, with the access_token endpoint (same token while valid), ?access_token on every API,
// page_size ≤ 100, list windows ≤ 90 days, and ids served as BARE 19-digit JSON numbers so a client that uses
// JSON.parse loses digits. It is a second reading of the documents: nothing of the client is imported.
import { SimClock } from "../core/clock";
import { DEFAULT_DIALING } from "../core/dialer";
import { FaultInjector, faultsFromEnv } from "../core/faults";
import { startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { JsonStore } from "../core/store";
import type { Simulator, SimulatorOptions } from "../core/types";
import {
  accessToken,
  advance,
  checkToken,
  executionList,
  followed,
  massTaskDetail,
  taskDetail,
  taskList,
  type WshotoSimContext,
} from "./handlers";
import { envelope, PATHS, WshotoFailure } from "./protocol";
import { demoTasks, type WshotoSimState } from "./seed";

const RECEIVED_BODIES_KEPT = 200;

/** POST routes, all behind ?access_token. */
const ROUTES: Record<string, (sim: WshotoSimContext, req: SimRequest) => SimResponse> = {
  [PATHS.taskList]: taskList,
  [PATHS.taskDetail]: taskDetail,
  [PATHS.executionList]: executionList,
  [PATHS.massTaskDetail]: massTaskDetail,
};

export function createWshotoSimulator(opts: SimulatorOptions): Simulator {
  const clock = new SimClock({ factor: opts.dialing?.factor ?? DEFAULT_DIALING.factor, startAt: opts.startAt });
  const faults = new FaultInjector({ ...faultsFromEnv("wshoto"), ...opts.faults });
  const store = new JsonStore<WshotoSimState>(opts.stateFile, () => ({
    tasks: opts.seedDemo ? demoTasks(clock.nowMs()) : [],
    tokens: [],
    tokenRequests: 0,
    receivedBodies: [],
  }));
  const sim: WshotoSimContext = { store, clock, credentials: opts.credentials };
  let server: RunningSimServer | null = null;

  function handle(req: SimRequest): SimResponse {
    if (req.path === PATHS.accessToken) {
      return req.method === "GET" ? accessToken(sim, req) : { status: 405, body: "Method Not Allowed" };
    }
    const route = ROUTES[req.path];
    if (!route) return { status: 404, body: "Not Found" };
    if (req.method !== "POST") return { status: 405, body: "Method Not Allowed" };
    store.state.receivedBodies.push({ path: req.path, body: req.rawBody });
    if (store.state.receivedBodies.length > RECEIVED_BODIES_KEPT) store.state.receivedBodies.shift();
    store.save();
    try {
      checkToken(sim, req);
      advance(sim);
      return route(sim, req);
    } catch (err) {
      if (err instanceof WshotoFailure) return envelope(err.code, err.message);
      throw err;
    }
  }

  function adminState() {
    advance(sim);
    const now = clock.nowMs();
    return {
      now: new Date(now).toISOString(),
      tokenRequests: store.state.tokenRequests,
      validTokens: store.state.tokens.filter((t) => t.expiresAt > Math.floor(now / 1000)).length,
      receivedBodies: store.state.receivedBodies,
      tasks: store.state.tasks.map((task) => ({
        ...task,
        executions: task.executions.map((e) => ({ ...e, followed: followed(task, e, now) })),
      })),
    };
  }

  /**
   * {"expireTokens": true} ends every token now (docs/providers/wshoto.md §2: the platform "may invalidate a
   * token early"); {"advanceSeconds": n} moves simulated time; {"dialing": {"factor": f}} changes its speed.
   */
  function adminConfig(body: unknown): void {
    if (typeof body !== "object" || body === null) return;
    const config = body as { expireTokens?: unknown; advanceSeconds?: unknown; dialing?: { factor?: unknown } };
    if (config.expireTokens === true) {
      const now = Math.floor(clock.nowMs() / 1000);
      for (const t of store.state.tokens) t.expiresAt = Math.min(t.expiresAt, now);
    }
    if (typeof config.advanceSeconds === "number" && config.advanceSeconds > 0) clock.advance(config.advanceSeconds * 1000);
    if (typeof config.dialing?.factor === "number") clock.setFactor(config.dialing.factor);
    advance(sim);
    store.save();
  }

  return {
    kind: "wshoto",
    get url() {
      if (!server) throw new Error("WShoto simulator is not started");
      return server.url;
    },
    async start() {
      server = await startSimServer({
        kind: "wshoto",
        host: opts.host,
        port: opts.port,
        faults,
        handle,
        admin: { state: adminState, reset: () => store.reset(), config: adminConfig, tick: () => advance(sim) },
      });
      return server.url;
    },
    async stop() {
      await server?.close();
      server = null;
      store.saveNow();
    },
  };
}
