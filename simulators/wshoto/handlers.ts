// The simulator's answer to each WShoto API (docs/providers/wshoto.md), one handler per documented path.
// Tasks make no calls: an employee's followed targets grow in simulated time instead (see `followed`).
import { randomBytes } from "node:crypto";
import type { SimClock } from "../core/clock";
import type { SimRequest, SimResponse } from "../core/http";
import type { JsonStore } from "../core/store";
import {
  CODES,
  envelope,
  long,
  pageSizeOf,
  readBody,
  TOKEN_LIFETIME_SECONDS,
  WINDOW_MAX_SECONDS,
  WshotoFailure,
  ZExecutionListBody,
  ZMassTaskDetailBody,
  ZTaskDetailBody,
  ZTaskListBody,
} from "./protocol";
import type { SimExecution, SimMaterial, SimTask, WshotoSimState } from "./seed";

/** How long a task stays "creating" (status 1) before it is in progress. INFERENCE (docs/providers/wshoto.md §11). */
const CREATING_SECONDS = 600;

export interface WshotoSimContext {
  store: JsonStore<WshotoSimState>;
  clock: SimClock;
  credentials: Record<string, string>;
}

const nowSeconds = (sim: WshotoSimContext) => Math.floor(sim.clock.nowMs() / 1000);

/** followed = min(plan, baseFollowed + ⌊ratePerHour × hours in progress⌋). */
export function followed(task: SimTask, e: SimExecution, atMs: number): number {
  if (task.runningSinceMs === null) return e.baseFollowed;
  const hours = Math.max(0, atMs - task.runningSinceMs) / 3_600_000;
  return Math.min(e.plan, e.baseFollowed + Math.floor(e.ratePerHour * hours));
}

/** Moves tasks along simulated time: scheduled → in progress → ended, followed targets growing meanwhile. */
export function advance(sim: WshotoSimContext): void {
  const nowMs = sim.clock.nowMs();
  let changed = false;
  for (const task of sim.store.state.tasks) {
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
  if (changed) sim.store.save();
}

// ---- access_token (docs/providers/wshoto.md §2) ----------------------------------------------

export function accessToken(sim: WshotoSimContext, req: SimRequest): SimResponse {
  const appid = req.query.get("appid");
  const secret = req.query.get("app_secret");
  if (!appid || !secret) return envelope(CODES.missingParameter, "appid和app_secret不能为空");
  const state = sim.store.state;
  state.tokenRequests++;
  sim.store.save();
  if (appid !== sim.credentials.appid || secret !== sim.credentials.appSecret) return envelope(CODES.badCredentials, "appid或app_secret错误");
  const now = nowSeconds(sim);
  // While a token is valid, the endpoint returns the same token.
  let token = state.tokens.find((t) => t.appid === appid && t.expiresAt > now);
  if (!token) {
    // Expired tokens are remembered for a day, so a late caller is told "expired" rather than "unknown".
    state.tokens = state.tokens.filter((t) => t.expiresAt > now - 86_400);
    token = { appid, token: randomBytes(32).toString("hex"), createAt: now, expiresAt: now + TOKEN_LIFETIME_SECONDS };
    state.tokens.push(token);
  }
  return envelope(CODES.ok, "ok", { access_token: token.token, expires_in: TOKEN_LIFETIME_SECONDS, create_at: token.createAt });
}

/** Every other API takes ?access_token=; an expired token and an unknown one are refused with different codes. */
export function checkToken(sim: WshotoSimContext, req: SimRequest): void {
  const given = req.query.get("access_token");
  if (!given) throw new WshotoFailure(CODES.tokenMissingOrUnknown, "access_token不能为空");
  const token = sim.store.state.tokens.find((t) => t.token === given);
  if (!token) throw new WshotoFailure(CODES.tokenMissingOrUnknown, "access_token无效");
  if (token.expiresAt <= nowSeconds(sim)) throw new WshotoFailure(CODES.tokenExpired, "access_token已过期");
}

// ---- tasks (docs/providers/wshoto.md §3, §7) -------------------------------------------------

function findTask(sim: WshotoSimContext, templateId: string): SimTask {
  const task = sim.store.state.tasks.find((t) => t.template_id === templateId);
  if (!task) throw new WshotoFailure(CODES.taskNotFound, "任务不存在");
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
    end_time: task.end_time,
    send_time: task.send_time,
    status: task.status,
    task_mode: task.task_mode,
    source: task.source,
    error_info: task.error_info,
    filter_type: task.filter_type,
  };
}

/** A material as seed 003's example prints it; act_child_type has a value only for activities (type 12). */
function material(m: SimMaterial) {
  return {
    id: long(m.id),
    type: m.type,
    act_child_type: m.type === 12 ? 1 : null,
    send_type: m.send_type,
    combination_id: m.combination_id,
    package_config_id: m.package_config_id,
    is_poster: m.is_poster,
  };
}

export function taskList(sim: WshotoSimContext, req: SimRequest): SimResponse {
  const q = readBody(req.rawBody, ZTaskListBody);
  if ((q.start_time === undefined) !== (q.end_time === undefined)) {
    throw new WshotoFailure(CODES.missingParameter, "start_time和end_time需同时传入");
  }
  const window = q.start_time !== undefined && q.end_time !== undefined ? { start: q.start_time, end: q.end_time } : null;
  if (window && window.end < window.start) throw new WshotoFailure(CODES.invalidParameter, "end_time不能早于start_time");
  if (window && window.end - window.start > WINDOW_MAX_SECONDS) throw new WshotoFailure(CODES.windowTooLong, "start_time和end_time间隔不能超过90天");
  const size = pageSizeOf(q.page_size);
  const index = q.current_index ?? 1;
  // INFERENCE (docs/providers/wshoto.md §7): the window filters on create_time, both ends included; without
  // one, the list is not filtered by time.
  const matching = sim.store.state.tasks
    .filter((t) => !window || (t.create_time >= window.start && t.create_time <= window.end))
    .filter((t) => !q.status_list || q.status_list.length === 0 || (q.status_list as number[]).includes(t.status))
    .filter((t) => q.task_type === undefined || t.template_type === q.task_type)
    .filter((t) => !q.template_name || t.template_name.includes(q.template_name))
    .filter((t) => !q.create_user_ids || q.create_user_ids.length === 0 || q.create_user_ids.includes(t.create_user_id))
    .sort((a, b) => b.create_time - a.create_time || a.template_id.localeCompare(b.template_id));
  const records = matching.slice((index - 1) * size, index * size).map(taskRecord);
  return envelope(CODES.ok, "请求成功", { total: matching.length, records });
}

/** 获取任务详情, in the shape of seed 003's example (fixtures/seed-003-task-detail.jsonc). */
export function taskDetail(sim: WshotoSimContext, req: SimRequest): SimResponse {
  const task = findTask(sim, readBody(req.rawBody, ZTaskDetailBody).template_id);
  return envelope(CODES.ok, "请求成功", {
    ...taskRecord(task),
    explain: { content: task.explain.content, materials: task.explain.materials.map(material) },
    // The example prints verbal_type, the field table names verbal_title: both are answered.
    verbal_wrap: { verbal_type: 1, verbal_title: task.verbal_wrap.verbal_title, materials: task.verbal_wrap.materials.map(material) },
    filter_range_info: task.filter_range_info,
  });
}

function executionRecord(sim: WshotoSimContext, task: SimTask, e: SimExecution) {
  const done = followed(task, e, sim.clock.nowMs());
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

export function executionList(sim: WshotoSimContext, req: SimRequest): SimResponse {
  const q = readBody(req.rawBody, ZExecutionListBody);
  const size = pageSizeOf(q.page_size);
  const index = q.current_index ?? 1;
  const task = findTask(sim, q.template_id);
  const records = task.executions.slice((index - 1) * size, index * size).map((e) => executionRecord(sim, task, e));
  return envelope(CODES.ok, "请求成功", { total: task.executions.length, records });
}

/**
 * INFERENCE (docs/providers/wshoto.md §8): the 群发 detail's fields are not documented; these mirror the
 * task. A mass send that was never created (status −1) has no detail, as a task of another type has none.
 */
export function massTaskDetail(sim: WshotoSimContext, req: SimRequest): SimResponse {
  const task = findTask(sim, readBody(req.rawBody, ZMassTaskDetailBody).task_id);
  if (task.template_type !== 3 || task.status === -1) throw new WshotoFailure(CODES.taskNotFound, "群发任务不存在");
  const now = sim.clock.nowMs();
  return envelope(CODES.ok, "请求成功", {
    task_id: long(task.template_id),
    task_name: task.template_name,
    status: task.status,
    delay_type: task.delay_type,
    send_time: task.send_time,
    create_time: task.create_time,
    explain: { content: task.explain.content, materials: task.explain.materials.map(material) },
    user_count: task.executions.length,
    target_group_count: task.executions.reduce((sum, e) => sum + e.plan, 0),
    sent_group_count: task.executions.reduce((sum, e) => sum + followed(task, e, now), 0),
  });
}
