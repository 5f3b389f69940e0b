// Number actions: CloudImportTaskTel, CloudDeleteTaskTel, CloudListTaskFile (SDK models, docs/providers/aliyun-vms.md §Numbers).
import { ApiError, invalid, jsonArray, missing, optionalInt, requiredText, statusNotAllowed, type Params } from "../rpc";
import type { SimContext, SimTask } from "../state";
import { dateTimeText } from "../time";

/** CloudImportTaskTelRequest (SDK model). */
export const IMPORT_PARAMS = [
  "EnterpriseId", "TaskId", "Name", "FileId", "Priority", "IsRepeat", "BridgeVoicePath", "BridgeVoiceType", "TaskTelList", "ImportTelAutoStart",
];

export function importTels(ctx: SimContext, task: SimTask, p: Params): unknown {
  // SDK model CloudImportTaskTelRequest: Name (批次名称) "This parameter is required", like TaskId and TaskTelList.
  const name = requiredText(p, "Name");
  const list = p.get("TaskTelList");
  if (!list) throw missing("TaskTelList");
  if (task.props.Status === 3) throw statusNotAllowed("Numbers cannot be added to an ended task.");
  const rows = jsonArray("TaskTelList", list);
  if (rows.length > ctx.limits.numbersPerBatch) throw invalid("TaskTelList", `at most ${ctx.limits.numbersPerBatch} numbers per batch`);
  const isRepeat = optionalInt(p, "IsRepeat") ?? 1;
  if (![0, 1, 2, 3].includes(isRepeat)) throw invalid("IsRepeat", "0, 1, 2 or 3");
  const state = ctx.state();
  const requestedFile = optionalInt(p, "FileId");
  if (requestedFile !== undefined && !task.files.some((f) => f.Id === requestedFile)) throw invalid("FileId", `batch ${requestedFile} is not in this task`);
  if (requestedFile === undefined && task.files.length >= ctx.limits.batchesPerTask) {
    throw new ApiError(400, "TaskFile.LimitExceeded", `A task holds at most ${ctx.limits.batchesPerTask} batches.`);
  }
  const fileId = requestedFile ?? state.nextFileId;
  const inTask = new Set(task.orders.map((o) => o.phone));
  const inBatch = new Set(task.orders.filter((o) => o.id.startsWith(`${fileId}-`)).map((o) => o.phone));
  const inRequest = new Set<string>();
  const accepted: string[] = [];
  let invalidTotal = 0;
  let repeats = 0;
  for (const row of rows) {
    const tel = typeof row === "object" && row !== null ? String((row as Record<string, unknown>).Tel ?? "") : "";
    if (!/^\d{5,20}$/.test(tel)) {
      invalidTotal++;
      continue;
    }
    // SDK model: IsRepeat 0 no dedupe, 1 within the task (default), 2 within this import, 3 within the batch.
    const duplicate =
      (isRepeat === 1 && (inTask.has(tel) || inRequest.has(tel))) ||
      (isRepeat === 2 && inRequest.has(tel)) ||
      (isRepeat === 3 && (inBatch.has(tel) || inRequest.has(tel)));
    inRequest.add(tel);
    if (duplicate) {
      repeats++;
      continue;
    }
    inTask.add(tel);
    inBatch.add(tel);
    accepted.push(tel);
  }
  // CloudImportTaskTel page: "当触发上述任一限制时,本次请求失败" — the whole request fails, nothing is imported.
  if (task.orders.length + accepted.length > ctx.limits.numbersPerTask) {
    throw new ApiError(400, "TaskTel.TaskLimitExceeded", `A task holds at most ${ctx.limits.numbersPerTask} numbers.`);
  }
  const inEnterprise = ctx.enterprise(String(task.props.EnterpriseId)).tasks.reduce((n, t) => n + t.orders.length, 0);
  if (inEnterprise + accepted.length > ctx.limits.numbersPerEnterprise) {
    throw new ApiError(400, "TaskTel.EnterpriseLimitExceeded", `A call centre holds at most ${ctx.limits.numbersPerEnterprise} numbers.`);
  }
  let file = task.files.find((f) => f.Id === fileId);
  if (!file) {
    state.nextFileId++;
    file = { Id: fileId, Name: name, Priority: optionalInt(p, "Priority") ?? 0, CreateTime: dateTimeText(ctx.clock.nowMs()), ImportCount: 0, RepeatCount: 0, RestrictCount: 0 };
    task.files.push(file);
  }
  // Order ids stay unique after deletions: the next number after the highest so far.
  let seq = task.orders.reduce((max, o) => Math.max(max, Number(o.id.split("-")[1]) || 0), 0);
  for (const tel of accepted) {
    task.orders.push({ id: `${fileId}-${++seq}`, phone: tel, attempts: 0, finished: false, answered: false, notBefore: null });
  }
  file.ImportCount += accepted.length;
  file.RepeatCount += repeats;
  const success = accepted.length;
  ctx.refresh(task);
  return {
    FileId: String(fileId),
    TaskId: String(task.props.Id),
    ImportTotal: String(rows.length),
    InvalidTotal: String(invalidTotal),
    SuccessTotal: String(success),
  };
}

/** CloudDeleteTaskTelRequest (SDK model). */
export const DELETE_TELS_PARAMS = ["EnterpriseId", "TaskId", "FileId", "FileName", "Status", "Tels"];

/**
 * CloudDeleteTaskTel: numbers leave the task, running or not ("任务在运行中,号码也会被删除"), at most 100,000 per
 * request; narrowed by batch (FileId, or FileName = its most recent batch of that name) and call status (0 not
 * called, 1 called). INFERENCE (docs/providers/aliyun-vms.md §Numbers): without Tels, FileId or FileName nothing
 * says which numbers, so the request is refused rather than emptying the task.
 */
export function deleteTels(ctx: SimContext, task: SimTask, p: Params): unknown {
  const tels = (p.get("Tels") ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  if (tels.length > ctx.limits.numbersPerDelete) throw invalid("Tels", `at most ${ctx.limits.numbersPerDelete} numbers`);
  const status = optionalInt(p, "Status");
  if (status !== undefined && status !== 0 && status !== 1) throw invalid("Status", "0 or 1");
  const fileName = p.get("FileName");
  let fileId = optionalInt(p, "FileId");
  if (fileId === undefined && fileName) {
    const named = task.files.filter((f) => f.Name === fileName);
    if (named.length === 0) throw invalid("FileName", "no batch of this name");
    fileId = named[named.length - 1].Id;
  }
  if (tels.length === 0 && fileId === undefined) throw missing("Tels");
  const wanted = new Set(tels);
  const keep = task.orders.filter((o) => {
    const inBatch = fileId === undefined || o.id.startsWith(`${fileId}-`);
    const inStatus = status === undefined || (status === 1) === o.attempts > 0;
    const listed = wanted.size === 0 || wanted.has(o.phone);
    return !(inBatch && inStatus && listed);
  });
  // A new array handed to the engine again: the removed numbers are never dialled, retries included.
  task.orders = keep;
  ctx.refresh(task);
  return { Result: 0 };
}

/** CloudListTaskFileRequest (SDK model). */
export const LIST_FILES_PARAMS = ["EnterpriseId", "TaskId", "Start", "Limit", "StartTime", "EndTime", "Status"];
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * CloudListTaskFile: the task's import batches with their counts. Limit ≤ 5000 (default 10), Start ≥ 0; StartTime/EndTime
 * ("yyyy-MM-dd HH:mm:ss") filter on the batch's CreateTime, "最大查询范围1个月" (INFERENCE: 31 days, docs/providers/aliyun-vms.md §Numbers).
 * Batch Status: 0 not imported, 1 imported, 2 loaded, 3 all called, 4 frozen.
 */
export function listTaskFiles(task: SimTask, p: Params): unknown {
  const start = optionalInt(p, "Start") ?? 0;
  const limit = optionalInt(p, "Limit") ?? 10;
  if (start < 0) throw invalid("Start", "must be 0 or more");
  if (limit < 1 || limit > 5000) throw invalid("Limit", "must be between 1 and 5000");
  const from = p.get("StartTime");
  const to = p.get("EndTime");
  for (const [key, value] of [["StartTime", from], ["EndTime", to]] as const) {
    if (value !== undefined && value !== "" && !DATE_TIME.test(value)) throw invalid(key, "yyyy-MM-dd HH:mm:ss");
  }
  if (from && to && Date.parse(to.replace(" ", "T")) - Date.parse(from.replace(" ", "T")) > 31 * 86_400_000) throw invalid("EndTime", "at most one month after StartTime");
  const status = optionalInt(p, "Status");
  const statusOf = (fileId: number) => {
    const orders = task.orders.filter((o) => o.id.startsWith(`${fileId}-`));
    return orders.length > 0 && orders.every((o) => o.finished) ? 3 : 1;
  };
  const rows = task.files
    .filter((f) => (!from || f.CreateTime >= from) && (!to || f.CreateTime <= to) && (status === undefined || statusOf(f.Id) === status))
    .map((f) => ({
      Id: String(f.Id),
      Name: f.Name,
      TaskId: String(task.props.Id),
      EnterpriseId: String(task.props.EnterpriseId),
      CreateTime: f.CreateTime,
      Priority: String(f.Priority),
      ImportCount: String(f.ImportCount),
      RepeatCount: String(f.RepeatCount),
      RestrictCount: String(f.RestrictCount),
      Status: String(statusOf(f.Id)),
    }));
  return { TaskFileList: rows.slice(start, start + limit), TotalCount: String(rows.length) };
}
