// WShoto open API simulator (providers.md §4 and §7 "WShoto simulator"): the access_token endpoint
// (same token while valid), ?access_token on every API, page_size ≤ 100, list windows ≤ 90 days,
// and ids served as BARE 19-digit JSON numbers so a client that uses JSON.parse loses digits.
// Follow-up tasks make no calls: employees' followed targets grow in simulated time instead.
import { randomBytes } from "node:crypto";
import { LosslessNumber } from "lossless-json";
import type { z } from "zod";
import {
  LIST_WINDOW_MAX_SECONDS,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  parseWshotoRequest,
  stringifyWshoto,
  WSHOTO_PATHS as PATHS,
  WSHOTO_CODES,
  ZExecutionListRequest,
  ZMassTaskDetailRequest,
  ZTaskDetailRequest,
  ZTaskListRequest,
} from "../../lib/providers/wshoto/wire";
import { SimClock } from "../core/clock";
import { DEFAULT_DIALING } from "../core/dialer";
import { FaultInjector, faultsFromEnv } from "../core/faults";
import { startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { JsonStore } from "../core/store";
import type { Simulator, SimulatorOptions } from "../core/types";
import { demoTasks, type SimExecution, type SimMaterial, type SimTask, type WshotoSimState } from "./seed";

const TOKEN_LIFETIME_SECONDS = 7200;
/** How long a task stays "creating" (status 1) before it is in progress. INFERENCE: not documented. */
const CREATING_SECONDS = 600;
const RECEIVED_BODIES_KEPT = 200;

class WshotoFailure extends Error {
  constructor(
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

function envelope(code: number, msg: string, data?: unknown): SimResponse {
  // WShoto answers failures with HTTP 200 and a non-zero code (providers.md §4 envelope).
  return {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: stringifyWshoto(data === undefined ? { code, msg } : { code, msg, data }),
  };
}

const long = (id: string) => new LosslessNumber(id);

function materialOut(m: SimMaterial) {
  return { ...m, id: long(m.id) };
}

export function createWshotoSimulator(opts: SimulatorOptions): Simulator {
  const clock = new SimClock({ factor: opts.dialing?.factor ?? DEFAULT_DIALING.factor, startAt: opts.startAt });
  const faults = new FaultInjector({ ...faultsFromEnv("wshoto"), ...opts.faults });
  const store = new JsonStore<WshotoSimState>(opts.stateFile, () => ({
    tasks: opts.seedDemo ? demoTasks(clock.nowMs()) : [],
    tokens: [],
    tokenRequests: 0,
    receivedBodies: [],
  }));
  let server: RunningSimServer | null = null;

  const nowSeconds = () => Math.floor(clock.nowMs() / 1000);

  function followed(task: SimTask, e: SimExecution, atMs: number): number {
    if (task.runningSinceMs === null) return e.baseFollowed;
    const hours = Math.max(0, atMs - task.runningSinceMs) / 3_600_000;
    return Math.min(e.plan, e.baseFollowed + Math.floor(e.ratePerHour * hours));
  }

  /** Moves tasks along simulated time: scheduled → in progress → ended, followed targets growing meanwhile. */
  function advance(): void {
    const nowMs = clock.nowMs();
    let changed = false;
    for (const task of store.state.tasks) {
      const startsAt = task.status === 1 ? task.create_time + CREATING_SECONDS : task.status === 0 ? task.send_time : null;
      if (startsAt !== null && nowMs >= startsAt * 1000) {
        task.status = 2;
        task.runningSinceMs = startsAt * 1000;
        task.update_time = startsAt;
        changed = true;
      }
      if (task.status === 2 && nowMs >= task.end_time * 1000) {
        const endMs = task.end_time * 1000;
        for (const e of task.executions) e.baseFollowed = followed(task, e, endMs);
        task.status = 3;
        task.runningSinceMs = null;
        task.update_time = task.end_time;
        changed = true;
      }
    }
    if (changed) store.save();
  }

  // ---- access_token -----------------------------------------------------------------------

  function accessToken(req: SimRequest): SimResponse {
    const appid = req.query.get("appid");
    const secret = req.query.get("app_secret");
    if (!appid || !secret) return envelope(WSHOTO_CODES.missingParameter, "appid和app_secret不能为空");
    store.state.tokenRequests++;
    store.save();
    if (appid !== opts.credentials.appid || secret !== opts.credentials.appSecret) {
      return envelope(WSHOTO_CODES.badCredentials, "appid或app_secret错误");
    }
    const now = nowSeconds();
    // providers.md §4: while a token is valid, the endpoint returns the same token.
    let token = store.state.tokens.find((t) => t.appid === appid && t.expiresAt > now);
    if (!token) {
      store.state.tokens = store.state.tokens.filter((t) => t.expiresAt > now);
      token = { appid, token: randomBytes(32).toString("hex"), createAt: now, expiresAt: now + TOKEN_LIFETIME_SECONDS };
      store.state.tokens.push(token);
    }
    return envelope(0, "ok", { access_token: token.token, expires_in: TOKEN_LIFETIME_SECONDS, create_at: token.createAt });
  }

  function checkToken(req: SimRequest): void {
    const given = req.query.get("access_token");
    const now = nowSeconds();
    // addendum §4 (THIRD-PARTY): 10001 is among the token-invalid codes clients refresh on.
    if (!given) throw new WshotoFailure(WSHOTO_CODES.tokenInvalid, "access_token不能为空");
    if (!store.state.tokens.some((t) => t.token === given && t.expiresAt > now)) {
      throw new WshotoFailure(WSHOTO_CODES.tokenInvalid, "access_token无效或已过期");
    }
  }

  // ---- task APIs --------------------------------------------------------------------------

  function readBody<S extends z.ZodType>(req: SimRequest, schema: S): z.output<S> {
    let body: unknown;
    try {
      body = req.rawBody.trim() === "" ? {} : parseWshotoRequest(req.rawBody);
    } catch {
      throw new WshotoFailure(WSHOTO_CODES.invalidParameter, "请求体不是合法的JSON");
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join(".");
      const absent = typeof body === "object" && body !== null && !(String(issue.path[0]) in body);
      if (absent) throw new WshotoFailure(WSHOTO_CODES.missingParameter, `${field}不能为空`);
      throw new WshotoFailure(WSHOTO_CODES.invalidParameter, `${field}参数格式错误`);
    }
    return parsed.data;
  }

  function pageSizeOf(pageSize: number | undefined): number {
    const size = pageSize ?? PAGE_SIZE_DEFAULT;
    if (size > PAGE_SIZE_MAX) throw new WshotoFailure(WSHOTO_CODES.pageSizeTooLarge, `page_size不能超过${PAGE_SIZE_MAX}`);
    return size;
  }

  function findTask(templateId: string): SimTask {
    const task = store.state.tasks.find((t) => t.template_id === templateId);
    if (!task) throw new WshotoFailure(WSHOTO_CODES.taskNotFound, "任务不存在");
    return task;
  }

  function taskRecord(task: SimTask) {
    return {
      template_id: long(task.template_id),
      template_name: task.template_name,
      template_type: task.template_type,
      priority: task.priority,
      create_user_id: task.create_user_id,
      delay_type: task.delay_type,
      create_time: task.create_time,
      update_time: task.update_time,
      send_time: task.send_time,
      end_time: task.end_time,
      status: task.status,
      source: task.source,
      error_info: task.error_info,
    };
  }

  function taskList(req: SimRequest): SimResponse {
    const q = readBody(req, ZTaskListRequest);
    if ((q.start_time === undefined) !== (q.end_time === undefined)) {
      throw new WshotoFailure(WSHOTO_CODES.missingParameter, "start_time和end_time需同时传入");
    }
    if (q.start_time !== undefined && q.end_time !== undefined) {
      if (q.end_time < q.start_time) throw new WshotoFailure(WSHOTO_CODES.invalidParameter, "end_time不能早于start_time");
      if (q.end_time - q.start_time > LIST_WINDOW_MAX_SECONDS) {
        throw new WshotoFailure(WSHOTO_CODES.timeWindowTooLong, "start_time和end_time间隔不能超过90天");
      }
    }
    const size = pageSizeOf(q.page_size);
    const index = q.current_index ?? 1;
    const matching = store.state.tasks
      .filter((t) => q.start_time === undefined || (t.create_time >= q.start_time && t.create_time <= (q.end_time ?? 0)))
      .filter((t) => !q.status_list || q.status_list.length === 0 || q.status_list.includes(t.status))
      .filter((t) => q.task_type === undefined || t.template_type === q.task_type)
      .filter((t) => !q.template_name || t.template_name.includes(q.template_name))
      .filter((t) => !q.create_user_ids || q.create_user_ids.length === 0 || q.create_user_ids.includes(t.create_user_id))
      .sort((a, b) => b.create_time - a.create_time || a.template_id.localeCompare(b.template_id));
    const records = matching.slice((index - 1) * size, index * size).map(taskRecord);
    return envelope(0, "请求成功", { total: matching.length, records });
  }

  function taskDetail(req: SimRequest): SimResponse {
    const task = findTask(readBody(req, ZTaskDetailRequest).template_id);
    return envelope(0, "请求成功", {
      ...taskRecord(task),
      task_mode: task.task_mode,
      filter_type: task.filter_type,
      explain: { content: task.explain.content, materials: task.explain.materials.map(materialOut) },
      verbal_wrap: { verbal_title: task.verbal_wrap.verbal_title, materials: task.verbal_wrap.materials.map(materialOut) },
      filter_range_info: task.filter_range_info,
    });
  }

  function executionRecord(task: SimTask, e: SimExecution) {
    const done = followed(task, e, clock.nowMs());
    return {
      id: long(e.id),
      template_id: long(task.template_id),
      // 1 not executed, 2 executing, 3 done
      status: done >= e.plan ? 3 : done > 0 ? 2 : 1,
      user_id: e.user_id,
      plan_target_qty: e.plan,
      followed_target_qty: done,
      no_follow_target_qty: e.plan - done,
      complete_rate: e.plan > 0 ? Math.round((done / e.plan) * 10000) / 100 : 0,
    };
  }

  function executionList(req: SimRequest): SimResponse {
    const q = readBody(req, ZExecutionListRequest);
    const size = pageSizeOf(q.page_size);
    const index = q.current_index ?? 1;
    const task = findTask(q.template_id);
    const records = task.executions.slice((index - 1) * size, index * size).map((e) => executionRecord(task, e));
    return envelope(0, "请求成功", { total: task.executions.length, records });
  }

  // INFERENCE: the 群发 detail's fields are not documented (providers.md §4); these mirror the task.
  function massTaskDetail(req: SimRequest): SimResponse {
    const task = findTask(readBody(req, ZMassTaskDetailRequest).task_id);
    if (task.template_type !== 3) throw new WshotoFailure(WSHOTO_CODES.taskNotFound, "群发任务不存在");
    const now = clock.nowMs();
    return envelope(0, "请求成功", {
      task_id: long(task.template_id),
      task_name: task.template_name,
      status: task.status,
      delay_type: task.delay_type,
      send_time: task.send_time,
      create_time: task.create_time,
      explain: { content: task.explain.content, materials: task.explain.materials.map(materialOut) },
      user_count: task.executions.length,
      target_group_count: task.executions.reduce((sum, e) => sum + e.plan, 0),
      sent_group_count: task.executions.reduce((sum, e) => sum + followed(task, e, now), 0),
    });
  }

  const routes: Record<string, (req: SimRequest) => SimResponse> = {
    [PATHS.taskList]: taskList,
    [PATHS.taskDetail]: taskDetail,
    [PATHS.executionList]: executionList,
    [PATHS.massTaskDetail]: massTaskDetail,
  };

  function handle(req: SimRequest): SimResponse {
    if (req.path === PATHS.accessToken) {
      if (req.method !== "GET") return { status: 405, body: "Method Not Allowed" };
      return accessToken(req);
    }
    const route = routes[req.path];
    if (!route) return { status: 404, body: "Not Found" };
    if (req.method !== "POST") return { status: 405, body: "Method Not Allowed" };
    store.state.receivedBodies.push({ path: req.path, body: req.rawBody });
    if (store.state.receivedBodies.length > RECEIVED_BODIES_KEPT) store.state.receivedBodies.shift();
    store.save();
    try {
      checkToken(req);
      advance();
      return route(req);
    } catch (err) {
      if (err instanceof WshotoFailure) return envelope(err.code, err.message);
      throw err;
    }
  }

  function adminState() {
    advance();
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

  /** {"expireTokens": true} invalidates every token early (providers.md §4 "may invalidate a token early"); {"advanceSeconds": n} moves simulated time. */
  function adminConfig(body: unknown): void {
    if (typeof body !== "object" || body === null) return;
    const config = body as { expireTokens?: unknown; advanceSeconds?: unknown; dialing?: { factor?: unknown } };
    if (config.expireTokens === true) store.state.tokens = [];
    if (typeof config.advanceSeconds === "number" && config.advanceSeconds > 0) clock.advance(config.advanceSeconds * 1000);
    if (typeof config.dialing?.factor === "number") clock.setFactor(config.dialing.factor);
    advance();
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
        admin: { state: adminState, reset: () => store.reset(), config: adminConfig, tick: advance },
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
