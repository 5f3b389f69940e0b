// A task's numbers (docs/providers/yunfu.md §7): sync import (≤ 100, a result per number), async import
// (≤ 200, run later), the number list and batch delete. A started 2.0 task refuses all but the list (6007).
import { simId } from "../../core/ids";
import type { SimRequest, SimResponse } from "../../core/http";
import { chinaText, dialablePhone, invalid, notFound, ok, paginate, readBody, taskRunning, ZAsyncImport, ZBatchDelete, ZSyncImport } from "../protocol";
import type { SimOrder, SimTask, YunfuSim } from "../state";

function order(sim: YunfuSim, phone: string, name?: string): SimOrder {
  return { id: simId("num"), phone, name, attempts: 0, finished: false, answered: false, notBefore: null, status: 0, created_at: chinaText(sim.clock.now()) };
}

export function importNumbers(sim: YunfuSim, req: SimRequest, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  if (!task) return notFound("任务");
  if (task.enable) return taskRunning();
  const read = readBody(req.rawBody, ZSyncImport);
  if ("error" in read) return read.error;
  const { data, skip_error } = read.body;
  const known = new Set(task.orders.map((o) => o.phone));
  const errors: { phone: string; message: string }[] = [];
  const fresh: SimOrder[] = [];
  for (const row of data) {
    if (!dialablePhone(row.phone)) errors.push({ phone: row.phone, message: "号码格式错误" });
    else if (known.has(row.phone)) errors.push({ phone: row.phone, message: "号码重复" });
    else {
      known.add(row.phone);
      fresh.push(order(sim, row.phone, row.name));
    }
  }
  // Without skip_error the first invalid row ends the request (批量添加号码(同步接口)).
  if (errors.length > 0 && !skip_error) return invalid("data", `${errors[0].phone} ${errors[0].message}`);
  task.orders.push(...fresh);
  sim.redial(task);
  sim.store.save();
  // INFERENCE (docs/providers/yunfu.md §7): the answer's data is not documented; the counts and the refused rows.
  return ok("号码导入成功", { success: fresh.length, fail: errors.length, errors });
}

export function importNumbersAsync(sim: YunfuSim, req: SimRequest, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  if (!task) return notFound("任务");
  if (task.enable) return taskRunning();
  const read = readBody(req.rawBody, ZAsyncImport);
  if ("error" in read) return read.error;
  task.pendingImports.push(read.body.data.map((r) => ({ phone: r.phone, name: r.name })));
  sim.store.save();
  // INFERENCE (docs/providers/yunfu.md §7): the answer is not documented; the import is only queued here.
  return ok("号码导入中", []);
}

/** Runs the queued async imports: invalid and duplicate numbers ("不可导入重复号码") are dropped. */
export function runPendingImports(sim: YunfuSim): void {
  let changed = false;
  for (const task of sim.store.state.tasks) {
    if (task.pendingImports.length === 0) continue;
    const known = new Set(task.orders.map((o) => o.phone));
    for (const batch of task.pendingImports) {
      for (const row of batch) {
        if (!dialablePhone(row.phone) || known.has(row.phone)) continue;
        known.add(row.phone);
        task.orders.push(order(sim, row.phone, row.name));
      }
    }
    task.pendingImports = [];
    sim.redial(task);
    changed = true;
  }
  if (changed) sim.store.save();
}

const numberRow = (o: SimOrder) => ({ id: o.id, phone: o.phone, name: o.name ?? null, status: o.status, created_at: o.created_at });

/** 号码列表: page is required; status[] filters by the number's call status. */
export function listNumbers(sim: YunfuSim, req: SimRequest, uuid: string): SimResponse {
  const task = sim.findTask(uuid);
  if (!task) return notFound("任务");
  if (!req.query.get("page")) return invalid("page", "page 不能为空");
  const statuses = req.query.getAll("status[]").map(Number);
  const rows = task.orders.filter((o: SimOrder) => statuses.length === 0 || statuses.includes(o.status));
  const { page, meta } = paginate(rows, req.query);
  return ok("获取号码列表成功", page.map(numberRow), meta);
}

/** 批量删除号码: removes the listed numbers; numbers the task does not have are ignored. */
export function deleteNumbers(sim: YunfuSim, req: SimRequest, uuid: string): SimResponse {
  const task: SimTask | undefined = sim.findTask(uuid);
  if (!task) return notFound("任务");
  if (task.enable) return taskRunning();
  const read = readBody(req.rawBody, ZBatchDelete);
  if ("error" in read) return read.error;
  const gone = new Set(read.body.customer_info_list.map((c) => c.phone));
  const before = task.orders.length;
  task.orders = task.orders.filter((o) => !gone.has(o.phone));
  sim.redial(task);
  sim.store.save();
  // INFERENCE (docs/providers/yunfu.md §7): the answer is not documented.
  return ok("删除号码成功", { count: before - task.orders.length });
}
