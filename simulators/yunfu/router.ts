// The documented agent-api paths (docs/providers/yunfu.md §3, §5, §7, §8), each to its handler. The first
// path segment after /user/ is the account's user id; an unknown one is 404, as an unknown task is.
import type { SimRequest, SimResponse } from "../core/http";
import { createGroup, listGroups, updateGroup } from "./handlers/groups";
import { deleteNumbers, importNumbers, importNumbersAsync, listNumbers, runPendingImports } from "./handlers/numbers";
import { listRecords, recordDetail } from "./handlers/records";
import { createTask, deleteTask, listTasks, readTask, switchTask, updateTask } from "./handlers/tasks";
import { chinaText, notFound, ok, unauthenticated } from "./protocol";
import type { YunfuSim } from "./state";

type Handler = (sim: YunfuSim, req: SimRequest, ...params: string[]) => SimResponse;

const USER = "([^/]+)";
const ID = "([^/]+)";

/** Reads of numbers and calls see the async imports that were queued before them. */
const afterImports =
  (handler: Handler): Handler =>
  (sim, req, ...params) => {
    runPendingImports(sim);
    return handler(sim, req, ...params);
  };

const ROUTES: { method: string; path: RegExp; handle: Handler }[] = [
  { method: "GET", path: new RegExp(`^/agent-api/new/user/${USER}/subset_task$`), handle: listTasks },
  { method: "POST", path: new RegExp(`^/agent-api/new/user/${USER}/task$`), handle: createTask },
  { method: "GET", path: new RegExp(`^/agent-api/new/user/${USER}/task/${ID}/edit$`), handle: readTask },
  { method: "PUT", path: new RegExp(`^/agent-api/new/user/${USER}/task/${ID}$`), handle: updateTask },
  { method: "PUT", path: new RegExp(`^/agent-api/new/user/${USER}/task_(stop|start)/${ID}$`), handle: switchTask },
  { method: "DELETE", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}$`), handle: deleteTask },
  { method: "POST", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}/number$`), handle: importNumbers },
  { method: "GET", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}/number$`), handle: afterImports(listNumbers) },
  { method: "POST", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}/async_number$`), handle: importNumbersAsync },
  { method: "DELETE", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}/number-batch-delete$`), handle: afterImports(deleteNumbers) },
  { method: "GET", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}/record$`), handle: afterImports(listRecords) },
  { method: "GET", path: new RegExp(`^/agent-api/user/${USER}/task/${ID}/detail/${ID}$`), handle: recordDetail },
  { method: "GET", path: new RegExp(`^/agent-api/user/${USER}/dial-time-group$`), handle: listGroups },
  { method: "POST", path: new RegExp(`^/agent-api/user/${USER}/dial-time-group$`), handle: createGroup },
  { method: "PUT", path: new RegExp(`^/agent-api/user/${USER}/dial-time-group/(\\d+)$`), handle: updateGroup },
];

export function route(sim: YunfuSim, token: string, req: SimRequest): SimResponse {
  if (req.headers.authorization !== `Bearer ${token}`) return unauthenticated();
  if (req.method === "GET" && req.path === "/agent-api/token") {
    // 查看合作伙伴token有效期 (docs/providers/yunfu.md §1); the lifetime is NOT FOUND, the simulator's tokens last a year.
    return ok("查看合作伙伴token有效期成功", { expire_at: chinaText(sim.clock.nowMs() + 365 * 86_400_000) });
  }
  for (const r of ROUTES) {
    if (r.method !== req.method) continue;
    const m = r.path.exec(req.path);
    if (!m) continue;
    const [user, ...params] = m.slice(1).map((p) => decodeURIComponent(p));
    if (user !== sim.userId) return notFound("用户");
    return r.handle(sim, req, ...params);
  }
  return notFound("接口");
}
