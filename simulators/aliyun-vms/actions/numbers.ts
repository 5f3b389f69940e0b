// Number actions: CloudImportTaskTel (docs/providers/aliyun-vms.md §Numbers).
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
  for (const tel of accepted) {
    task.orders.push({ id: `${fileId}-${task.orders.length + 1}`, phone: tel, attempts: 0, finished: false, answered: false, notBefore: null });
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
