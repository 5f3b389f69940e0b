// Task actions: CloudCreateTask, CloudUpdateTask, CloudQueryTask, CloudGetTask, CloudStartTask, CloudPauseTask,
// CloudDeleteTask, CloudMonitorTask (seed 001 and the SDK models, docs/providers/aliyun-vms.md §Tasks).
import { ApiError, invalid, missing, optionalInt, requiredInt, statusNotAllowed, taskNotFound, type Params } from "../rpc";
import type { SimContext, SimEnterprise, SimTask } from "../state";
import { gotTask, listedTask, writtenTask } from "../responses";
import { readTaskFields, TASK_DEFAULTS } from "../task-fields";
import { dateTimeText, shanghaiMs, shanghaiParts } from "../time";

/** CloudQueryTaskRequest (SDK model). */
export const QUERY_PARAMS = ["EnterpriseId", "Type", "Name", "Status", "AutoStart", "AutoStop", "TimeType", "StartTime", "EndTime", "Start", "Limit"];

export function taskOf(ent: SimEnterprise, p: Params): SimTask {
  const id = String(requiredInt(p, "TaskId"));
  const task = ent.tasks.find((t) => String(t.props.Id) === id);
  if (!task) throw taskNotFound();
  return task;
}

export function createTask(ctx: SimContext, entId: string, p: Params): unknown {
  if (!p.get("Name")) throw missing("Name");
  if (!p.get("Type")) throw missing("Type");
  const fields = readTaskFields(ctx, entId, p, null);
  const ent = ctx.enterprise(entId);
  if (ent.tasks.length >= ctx.limits.tasksPerEnterprise) {
    // Seed 001: AutoDelete=1 deletes the earliest-created ended task; otherwise the request fails.
    const ended = ent.tasks.filter((t) => t.props.Status === 3).sort((a, b) => a.createdAt - b.createdAt)[0];
    if (optionalInt(p, "AutoDelete") !== 1 || !ended) {
      throw new ApiError(400, "Task.LimitExceeded", `The call centre already has ${ctx.limits.tasksPerEnterprise} tasks.`);
    }
    removeTask(ctx, ent, ended);
  }
  const state = ctx.state();
  const now = ctx.clock.nowMs();
  const task: SimTask = {
    props: {
      ...TASK_DEFAULTS,
      ...fields,
      Id: state.nextTaskId++,
      EnterpriseId: entId,
      Status: 0,
      StatusTriggerType: 1,
      CreateTime: dateTimeText(now),
    },
    orders: [],
    calls: [],
    createdAt: now,
    files: [],
  };
  ent.tasks.push(task);
  state.createCount++;
  ctx.refresh(task);
  return writtenTask(task);
}

export function updateTask(ctx: SimContext, entId: string, task: SimTask, p: Params): unknown {
  // INFERENCE (docs/providers/aliyun-vms.md §Update): no documented rule; a dialling or ended task is not edited.
  if (task.props.Status !== 0 && task.props.Status !== 2) throw statusNotAllowed("Only tasks in initial or paused status can be updated.");
  const fields = readTaskFields(ctx, entId, p, task);
  if (fields.Type !== undefined && fields.Type !== task.props.Type) throw invalid("Type", "the task type cannot be changed");
  if (fields.CallGroupType !== undefined && fields.CallGroupType !== task.props.CallGroupType) {
    throw invalid("CallGroupType", "the agent assignment type cannot be changed");
  }
  Object.assign(task.props, fields);
  ctx.refresh(task);
  // SDK model: CloudUpdateTask's Data is the task, shaped as CloudCreateTask's.
  return writtenTask(task);
}

export function queryTasks(ent: SimEnterprise, p: Params): unknown {
  const type = requiredInt(p, "Type");
  if (type !== 1 && type !== 2) throw invalid("Type", "1 or 2");
  const start = optionalInt(p, "Start") ?? 0;
  const limit = optionalInt(p, "Limit") ?? 10;
  if (start < 0) throw invalid("Start", "must be 0 or more");
  if (limit < 1 || limit > 100) throw invalid("Limit", "must be between 1 and 100");
  const name = p.get("Name");
  const status = optionalInt(p, "Status");
  const rows = ent.tasks
    .filter((t) => t.props.Type === type && (!name || String(t.props.Name).includes(name)) && (status === undefined || t.props.Status === status))
    .sort((a, b) => Number(a.props.Id) - Number(b.props.Id))
    .slice(start, start + limit);
  return { TaskProperties: rows.map(listedTask) };
}

export function getTask(task: SimTask): unknown {
  return { TaskProperty: gotTask(task) };
}

export function startTask(ctx: SimContext, ent: SimEnterprise, task: SimTask): unknown {
  // Replay dialling up to now under the old status first, so the task dials from this instant on.
  ctx.engine.tick();
  if (task.props.Status === 1) return { Result: 0 };
  if (task.props.Status === 3) throw statusNotAllowed("An ended task cannot be started again.");
  // CloudStartTask help page: at most 10 tasks running or paused per enterprise.
  const active = ent.tasks.filter((t) => t !== task && (t.props.Status === 1 || t.props.Status === 2)).length;
  if (task.props.Status === 0 && active >= ctx.limits.activeTasksPerEnterprise) {
    throw new ApiError(400, "Task.RunningLimitExceeded", `At most ${ctx.limits.activeTasksPerEnterprise} tasks can be running or paused.`);
  }
  ctx.setStatus(task, 1, 1);
  if (!task.props.StartTime) task.props.StartTime = dateTimeText(ctx.clock.nowMs());
  ctx.refresh(task);
  return { Result: 0 };
}

export function pauseTask(ctx: SimContext, task: SimTask, p: Params): unknown {
  ctx.engine.tick();
  if (task.props.Status !== 1) throw statusNotAllowed("Only a running task can be paused.");
  const duration = optionalInt(p, "PauseDuration") ?? 0;
  if (duration < 0) throw invalid("PauseDuration", "must be 0 or more");
  ctx.setStatus(task, 2, 1);
  task.props.PauseDuration = duration;
  task.props.PauseTime = dateTimeText(ctx.clock.nowMs());
  return { Result: 0 };
}

export function removeTask(ctx: SimContext, ent: SimEnterprise, task: SimTask): void {
  ent.tasks.splice(ent.tasks.indexOf(task), 1);
  ctx.engine.remove(String(task.props.Id));
}

export function deleteTask(ctx: SimContext, ent: SimEnterprise, task: SimTask): unknown {
  // CloudDeleteTask page: only initial (0) or ended (3) tasks can be deleted.
  if (task.props.Status !== 0 && task.props.Status !== 3) throw statusNotAllowed("Only tasks in initial or ended status can be deleted.");
  removeTask(ctx, ent, task);
  return { Result: 0 };
}

export function monitorTask(ctx: SimContext, task: SimTask): unknown {
  const today = shanghaiParts(ctx.clock.nowMs()).date;
  const todayCalls = task.calls.filter((c) => shanghaiParts(c.startedAt).date === today);
  const statistic = (calledPhones: Set<string>, answered: number) => ({
    AgentCount: 10,
    AnswerCount: answered,
    CallAgentCount: answered,
    CalledCount: calledPhones.size,
    UncalledCount: task.orders.filter((o) => o.attempts === 0 && !o.finished).length,
    CtiLinkTaskProperty: {
      Id: task.props.Id,
      Name: task.props.Name,
      StartTime: task.props.StartTime ?? "",
      OverTime: task.props.OverTime ?? "",
      Status: task.props.Status,
    },
  });
  return {
    Statistic: statistic(new Set(task.orders.filter((o) => o.attempts > 0).map((o) => o.phone)), task.orders.filter((o) => o.answered).length),
    TodayStatistic: statistic(new Set(todayCalls.map((c) => c.phone)), todayCalls.filter((c) => c.outcome === "answered").length),
    AgentInfo: { AvailableCount: 10, BridgeCount: 0, OnlineCount: 10, RingingCount: 0, TotalCount: 10, WrapupCount: 0 },
    ChannelInfo: { AnswerCount: 0, BridgedCount: 0, ChannelCount: 0, EnterpriseChannelCount: 30, IvrCount: 0, WaitAgentCount: 0, WaitAnswerCount: 0 },
  };
}

/** AutoStart / AutoStop (seed 001): runs at every tick, on the call centre's clock. */
export function runSchedule(ctx: SimContext): void {
  const now = ctx.clock.nowMs();
  for (const e of Object.values(ctx.state().enterprises)) {
    for (const task of e.tasks) {
      const createdDay = shanghaiParts(task.createdAt).date;
      const at = (side: "Start" | "Stop", defaultTime: string) =>
        shanghaiMs(String(task.props[`Auto${side}Day`] || createdDay), String(task.props[`Auto${side}Time`] || defaultTime));
      if (task.props.AutoStart === 1 && task.props.Status === 0 && now >= at("Start", "00:00:00")) {
        const active = e.tasks.filter((t) => t.props.Status === 1 || t.props.Status === 2).length;
        if (active < ctx.limits.activeTasksPerEnterprise) ctx.setStatus(task, 1, 0);
      }
      if (task.props.AutoStop === 1 && (task.props.Status === 1 || task.props.Status === 2) && now >= at("Stop", "23:59:59")) {
        // ForceEndFlag: ended regardless of numbers left; without it the task stops dialling (paused).
        if (task.props.ForceEndFlag === 1) ctx.endTask(task);
        else ctx.setStatus(task, 2, 0);
      }
    }
  }
}
