// 呼叫时间组 (docs/providers/yunfu.md §5): list (page required), create, update. No delete is documented.
import type { SimRequest, SimResponse } from "../../core/http";
import { timesProblem } from "../encoding";
import { invalid, notFound, ok, paginate, readBody, ZGroupBody, ZGroupUpdate } from "../protocol";
import type { SimGroup, YunfuSim } from "../state";

export const groupRow = (g: SimGroup) => ({ id: g.id, name: g.name, content: g.content, is_default: g.is_default, skip_holiday: g.skip_holiday });

export function listGroups(sim: YunfuSim, req: SimRequest): SimResponse {
  if (!req.query.get("page")) return invalid("page", "page 不能为空");
  const { page, meta } = paginate(sim.store.state.groups, req.query);
  return ok("获取呼叫时间组成功", page.map(groupRow), meta);
}

export function createGroup(sim: YunfuSim, req: SimRequest): SimResponse {
  const read = readBody(req.rawBody, ZGroupBody);
  if ("error" in read) return read.error;
  const problem = timesProblem(read.body.content);
  if (problem) return invalid("content", problem);
  const state = sim.store.state;
  // "一个用户只能有一个默认组" (seed 000).
  if (read.body.is_default) for (const g of state.groups) g.is_default = false;
  const { name, content, is_default, skip_holiday } = read.body;
  const group: SimGroup = { id: state.nextGroupId++, name, content, is_default, skip_holiday };
  state.groups.push(group);
  sim.store.save();
  return ok("创建呼叫时间组成功", groupRow(group));
}

export function updateGroup(sim: YunfuSim, req: SimRequest, groupId: string): SimResponse {
  const group = sim.store.state.groups.find((g) => String(g.id) === groupId);
  if (!group) return notFound("呼叫时间组");
  const read = readBody(req.rawBody, ZGroupUpdate);
  if ("error" in read) return read.error;
  const body = read.body;
  if (body.content) {
    const problem = timesProblem(body.content);
    if (problem) return invalid("content", problem);
    group.content = body.content;
  }
  if (body.is_default) for (const other of sim.store.state.groups) other.is_default = false;
  group.name = body.name;
  if (body.is_default !== undefined) group.is_default = body.is_default;
  if (body.skip_holiday !== undefined) group.skip_holiday = body.skip_holiday;
  sim.store.save();
  return ok("更新呼叫时间组成功", groupRow(group));
}
