// Time conditions (时间条件): CloudListEnterpriseTime, CloudCreateEnterpriseTime (SDK models,
// docs/providers/aliyun-vms.md §Time conditions).
import { ApiError, invalid, missing, optionalInt, requiredInt, type Params } from "../rpc";
import type { SimCondition, SimContext } from "../state";
import { dateTimeText, HH_MM, minuteOf, YMD } from "../time";

/** CloudListEnterpriseTimeRequest / CloudCreateEnterpriseTimeRequest (SDK models). */
export const LIST_CONDITION_PARAMS = ["EnterpriseId", "Name", "Type", "Priority"];
export const DELETE_CONDITION_PARAMS = ["EnterpriseId", "Id", "Name"];
export const CREATE_CONDITION_PARAMS = ["EnterpriseId", "Name", "Priority", "Type", "TimeType", "DayOfWeek", "FromDay", "ToDay", "StartTime", "EndTime"];

const conditionOut = (c: SimCondition) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)]));

export function listConditions(conditions: SimCondition[], p: Params): unknown {
  const name = p.get("Name");
  const type = optionalInt(p, "Type");
  const priority = optionalInt(p, "Priority");
  const rows = conditions.filter(
    (c) => (!name || c.Name.includes(name)) && (type === undefined || c.Type === type) && (priority === undefined || c.Priority === priority),
  );
  return { List: rows.map(conditionOut) };
}

export function createCondition(ctx: SimContext, entId: string, p: Params): unknown {
  for (const key of ["Name", "Priority", "Type", "TimeType", "StartTime", "EndTime"]) if (!p.get(key)) throw missing(key);
  const type = requiredInt(p, "Type");
  const timeType = requiredInt(p, "TimeType");
  const priority = requiredInt(p, "Priority");
  if (type !== 1 && type !== 2) throw invalid("Type", "1 or 2");
  if (timeType !== 1 && timeType !== 2) throw invalid("TimeType", "1 or 2");
  if (priority < 1) throw invalid("Priority", "starts at 1");
  const start = p.get("StartTime") ?? "";
  const end = p.get("EndTime") ?? "";
  if (!HH_MM.test(start)) throw invalid("StartTime", "HH:mm");
  if (!HH_MM.test(end)) throw invalid("EndTime", "HH:mm");
  // SDK model: "startTime不能大于endTime" — not after EndTime; equal is allowed.
  if (minuteOf(start) > minuteOf(end)) throw invalid("StartTime", "must not be after EndTime");
  let dayOfWeek = "";
  let fromDay = "";
  let toDay = "";
  if (type === 1) {
    dayOfWeek = p.get("DayOfWeek") ?? "";
    if (!dayOfWeek) throw missing("DayOfWeek");
    if (!dayOfWeek.split(",").every((d) => /^[1-7]$/.test(d))) throw invalid("DayOfWeek", "comma-separated 1 (Sunday) … 7 (Saturday)");
  } else {
    fromDay = p.get("FromDay") ?? "";
    toDay = p.get("ToDay") ?? "";
    if (!fromDay) throw missing("FromDay");
    if (!toDay) throw missing("ToDay");
    if (!YMD.test(fromDay) || !YMD.test(toDay) || fromDay > toDay) throw invalid("FromDay", "yyyy-MM-dd, not after ToDay");
  }
  const ent = ctx.enterprise(entId);
  const name = p.get("Name") ?? "";
  // SDK model: Name and Priority are unique per call centre.
  if (ent.conditions.some((c) => c.Name === name || c.Priority === priority)) {
    throw new ApiError(400, "TimeCondition.Duplicate", "A time condition with this name or priority already exists.");
  }
  const condition: SimCondition = {
    Id: ctx.state().nextConditionId++,
    Name: name,
    Type: type,
    TimeType: timeType,
    DayOfWeek: dayOfWeek,
    FromDay: fromDay,
    ToDay: toDay,
    StartTime: start,
    EndTime: end,
    Priority: priority,
    CreateTime: dateTimeText(ctx.clock.nowMs()),
    EnterpriseId: entId,
  };
  ent.conditions.push(condition);
  return conditionOut(condition);
}

/**
 * CloudDeleteEnterpriseTime: by Id or by Name ("id和name二选一,不可同时为空", SDK model). INFERENCE
 * (docs/providers/aliyun-vms.md §Time conditions): a condition a task still names is not deleted.
 */
export function deleteCondition(ctx: SimContext, entId: string, p: Params): unknown {
  const id = optionalInt(p, "Id");
  const name = p.get("Name");
  if (id === undefined && !name) throw missing("Id");
  const ent = ctx.enterprise(entId);
  const condition = ent.conditions.find((c) => (id === undefined || c.Id === id) && (!name || c.Name === name));
  if (!condition) throw new ApiError(400, "TimeCondition.NotFound", "The specified time condition does not exist.");
  const usedBy = ent.tasks.find((t) =>
    [t.props.TimeStrategy, t.props.AutoTriggerTimeStrategy].some((ids) => String(ids ?? "").split(",").includes(String(condition.Id))),
  );
  if (usedBy) throw new ApiError(400, "TimeCondition.InUse", `Time condition ${condition.Id} is used by task ${usedBy.props.Id}.`);
  ent.conditions.splice(ent.conditions.indexOf(condition), 1);
  return { Result: 0 };
}
