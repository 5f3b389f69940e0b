// 2.0 tasks (docs/providers/yunfu.md §3, docs/providers/yunfu.md §4): list, create, edit (read), update, start/stop, delete.
import { randomUUID } from "node:crypto";
import { isCallable } from "../../../lib/domain/schedule";
import type { SimRequest, SimResponse } from "../../core/http";
import { groupSchedule } from "../encoding";
import { chinaMs, chinaText, invalid, notFound, ok, paginate, readBody, taskRunning, ZTaskBody, type TaskBody } from "../protocol";
import type { SimGroup, SimTask, YunfuSim } from "../state";

/** Inside the task's own period (task_extras.start_time … stop_time). */
export function withinPeriod(task: SimTask, atMs: number): boolean {
  const start = chinaMs(task.body.task_extras.start_time) ?? -Infinity;
  const stop = chinaMs(task.body.task_extras.stop_time) ?? Infinity;
  return atMs >= start && atMs < stop;
}

/** call_status: dialling now (enabled, inside the period and the group's hours, numbers left). */
function calling(sim: YunfuSim, task: SimTask): boolean {
  const now = sim.clock.now();
  return task.enable && withinPeriod(task, now.getTime()) && task.orders.some((o) => !o.finished) && isCallable(groupSchedule(task.group), now, sim.calendar);
}

/** A row of subset_task (2.0任务列表). */
export function taskRow(sim: YunfuSim, task: SimTask) {
  const extras = task.body.task_extras;
  const days = task.group.content.filter((d) => d.times.length > 0);
  return {
    uuid: task.uuid,
    name: task.body.name,
    create_datetime: task.create_datetime,
    alter_datetime: task.alter_datetime,
    enable: task.enable,
    maximumcall: task.body.maximumcall,
    recycle_limit: task.body.recycle_limit ?? 0,
    dial_time_id: task.group.id,
    destination_extension: String(task.body.destination_extension),
    remark: task.body.remark ?? null,
    user_id: sim.userId,
    auto_recycle_rule_id: task.body.auto_recycle_rule_id ?? null,
    new_task_extra: {
      enable: task.enable,
      call_status: calling(sim, task),
      number_count: task.orders.length,
      start_time: extras.start_time,
      stop_time: extras.stop_time,
      limit: task.body.maximumcall,
      line: extras.line,
      holiday: extras.holiday,
      interval_time: extras.interval_time ?? 0,
      redial_enabled: extras.redial_enabled ?? 0,
      redial_max_times: extras.redial_max_times ?? 0,
      redial_interval: extras.redial_interval ?? 0,
      // work_week / work_hour count 0 = Sunday (docs/providers/yunfu.md §5), unlike the group's week (0 = Monday).
      work_week: days.map((d) => (d.week + 1) % 7),
      work_hour: days.flatMap((d) => d.times.map((x) => ({ wday: (d.week + 1) % 7, begin: x.begin_time, end: x.end_time }))),
    },
  };
}

function editRow(sim: YunfuSim, task: SimTask) {
  const row = taskRow(sim, task);
  // all_task's status: 1 paused, 2 running, 3 waiting (docs/providers/yunfu.md §4).
  const status = !task.enable ? 1 : row.new_task_extra.call_status ? 2 : 3;
  return { ...row, status, status_str: { 1: "暂停中", 2: "执行中", 3: "等待执行" }[status] };
}

function validTask(sim: YunfuSim, raw: string): { body: TaskBody; group: SimGroup } | SimResponse {
  const read = readBody(raw, ZTaskBody);
  if ("error" in read) return read.error;
  const extras = read.body.task_extras;
  const start = chinaMs(extras.start_time);
  const stop = chinaMs(extras.stop_time);
  if (start === null) return invalid("task_extras.start_time", "task_extras.start_time 格式错误");
  if (stop === null || stop <= start) return invalid("task_extras.stop_time", "task_extras.stop_time 必须晚于 task_extras.start_time");
  const group = sim.store.state.groups.find((g) => String(g.id) === String(read.body.dial_time_id));
  if (!group) return invalid("dial_time_id", "呼叫时间组不存在");
  return { body: read.body, group: structuredClone(group) };
}

export function listTasks(sim: YunfuSim, req: SimRequest): SimResponse {
  const name = req.query.get("name");
  const tasks = sim.store.state.tasks.filter((t) => !name || t.body.name.includes(name));
  const { page, meta } = paginate([...tasks].reverse(), req.query);
  return ok("返回任务列表信息成功", page.map((t) => taskRow(sim, t)), meta);
}

export function createTask(sim: YunfuSim, req: SimRequest): SimResponse {
  const valid = validTask(sim, req.rawBody);
  if ("status" in valid) return valid;
  const now = chinaText(sim.clock.now());
  const task: SimTask = {
    uuid: randomUUID(),
    body: valid.body,
    group: valid.group,
    enable: false,
    create_datetime: now,
    alter_datetime: now,
    orders: [],
    pendingImports: [],
  };
  const state = sim.store.state;
  state.tasks.push(task);
  state.createCount++;
  sim.redial(task);
  sim.store.save();
  sim.taskCallback(1, task);
  return ok("创建任务成功", taskRow(sim, task));
}

export function readTask(sim: YunfuSim, _req: SimRequest, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  return task ? ok("获取任务信息成功", editRow(sim, task)) : notFound("任务");
}

export function updateTask(sim: YunfuSim, req: SimRequest, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  if (!task) return notFound("任务");
  // INFERENCE (docs/providers/yunfu.md §3): like numbers (6007), a started 2.0 task is stopped before editing.
  if (task.enable) return taskRunning();
  const valid = validTask(sim, req.rawBody);
  if ("status" in valid) return valid;
  task.body = valid.body;
  task.group = valid.group;
  task.alter_datetime = chinaText(sim.clock.now());
  sim.redial(task);
  sim.store.save();
  return ok("更新任务成功", taskRow(sim, task));
}

/** task_stop is documented; task_start is not (docs/providers/yunfu.md §3): the simulator answers it as its counterpart. */
export function switchTask(sim: YunfuSim, _req: SimRequest, action: string, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  if (!task) return notFound("任务");
  task.enable = action === "start";
  task.alter_datetime = chinaText(sim.clock.now());
  sim.store.save();
  return ok(task.enable ? "任务启动成功" : "任务暂停成功", taskRow(sim, task));
}

export function deleteTask(sim: YunfuSim, _req: SimRequest, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  if (!task) return notFound("任务");
  const state = sim.store.state;
  state.tasks = state.tasks.filter((t) => t !== task);
  sim.engine.remove(task.uuid);
  task.alter_datetime = chinaText(sim.clock.now());
  sim.store.save();
  sim.taskCallback(2, task);
  return ok("删除任务成功", []);
}
