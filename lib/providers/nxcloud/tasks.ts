// NXCloud task operations (docs/providers/nxcloud.md §1.4): list, find, create, update, start/pause/complete.
import { ProviderError } from "../errors";
import { createOnce } from "../create-once";
import type { Page, ProviderContext, RemoteTask, TaskDraft } from "../types";
import { NXCLOUD_PAGE_SIZE } from "./capabilities";
import { nxPost } from "./client";
import { configError, PROVIDER } from "./errors";
import { encodeCallTimeGroup, encodeRetryStrategy, remoteTaskFromNxcloud } from "./mapping";
import { nxText } from "./text";
import {
  NXCLOUD_PATHS,
  NXCLOUD_TASK_OPERATE,
  ZNxCreateTaskResponse,
  ZNxEnvelope,
  ZNxListTaskResponse,
  ZNxMgrTaskStatusResponse,
  ZNxPingResponse,
  type TNxCreateTaskRequest,
  type TNxListTaskRequest,
  type TNxTaskCreateSetting,
  type TNxTaskData,
  type TNxUpdateTaskRequest,
} from "./wire";

export async function nxcloudPing(ctx: ProviderContext): Promise<void> {
  await nxPost(ctx, NXCLOUD_PATHS.ping, { data: "dialboard" }, ZNxPingResponse, { safe: true, envelope: "ping" });
}

async function listTaskPage(ctx: ProviderContext, request: Omit<TNxListTaskRequest, "productID">) {
  const { data, raw } = await nxPost(ctx, NXCLOUD_PATHS.listTask, { productID: "callbot", ...request }, ZNxListTaskResponse, { safe: true });
  const rawItems = (raw as { taskData?: unknown[] }).taskData ?? [];
  return { items: data.taskData.map((t, i) => ({ data: t, task: remoteTaskFromNxcloud(t, rawItems[i]) })), totalCount: data.totalCount };
}

export async function nxcloudListTasks(ctx: ProviderContext, cursor: string | null): Promise<Page<RemoteTask>> {
  const page = cursor ? Math.max(1, Number(cursor) || 1) : 1;
  const { items, totalCount } = await listTaskPage(ctx, { page, size: NXCLOUD_PAGE_SIZE, queryConditions: {} });
  const more = items.length > 0 && page * NXCLOUD_PAGE_SIZE < totalCount;
  return { items: items.map((i) => i.task), nextCursor: more ? String(page + 1) : null, total: totalCount };
}

async function findTask(ctx: ProviderContext, userTaskID: string): Promise<{ data: TNxTaskData; task: RemoteTask } | null> {
  const { items } = await listTaskPage(ctx, { page: 1, size: 1, queryConditions: { userTaskID: [userTaskID] } });
  return items.find((i) => i.task.remoteId === userTaskID) ?? null;
}

function notFound(remoteId: string): ProviderError {
  return new ProviderError({ provider: PROVIDER, code: "NOT_FOUND", providerMessage: `no task with userTaskID ${remoteId}`, userMessage: nxText("errors.notFound") });
}

export async function nxcloudGetTask(ctx: ProviderContext, remoteId: string): Promise<RemoteTask> {
  const found = await findTask(ctx, remoteId);
  if (!found) throw notFound(remoteId);
  return found.task;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null || v === "" ? undefined : String(v);
}
function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export interface NxcloudTaskSettings {
  sceneID: string;
  taskCreateSetting: TNxTaskCreateSetting;
  funcFlag: { taskKeep: boolean; roundRedial: boolean; wholeTTS: boolean; phoneEncrypt: boolean };
}

/** The draft as createTask/updateTask settings (docs/providers/nxcloud.md §1.4 "createTask"). */
export function nxcloudTaskSettings(ctx: Pick<ProviderContext, "settings" | "webhookUrl">, draft: TaskDraft, now: Date): NxcloudTaskSettings {
  const p = draft.params;
  const sceneID = str(p.sceneID) ?? str(ctx.settings.sceneID);
  if (!sceneID) throw configError("errors.sceneMissing", "params.sceneID");
  const startupType = (num(p.startupType) ?? 1) as 1 | 2 | 3;
  const startupAt = startupType === 2 && str(p.startupAt) ? Math.floor(new Date(p.startupAt as string | number).getTime() / 1000) : undefined;
  const dialTime = encodeCallTimeGroup(draft.callTimeGroup, now).value;
  const dispatchType = (num(p.dispatchType) ?? 0) as 0 | 1 | 3;
  const routeID = str(p.routeID) ?? str(ctx.settings.routeID);
  const maxRingTime = num(p.maxRingTime);
  const taskCreateSetting: TNxTaskCreateSetting = {
    strategyName: str(p.strategyName) ?? "",
    startupType,
    ...(startupAt !== undefined ? { startupAt } : {}),
    ...dialTime,
    maxCall: num(p.maxCall) ?? 10,
    taskName: draft.name,
    // listTask and updateTask show the task-status callback URL here; createTask's example also at the top level.
    ...(ctx.webhookUrl ? { taskCallbackUrl: ctx.webhookUrl } : {}),
    ...(maxRingTime !== undefined ? { maxRingTime } : {}),
    ...(routeID ? { routeID } : {}),
    ...(dispatchType !== 0
      ? { manualCallSetting: { agentGroup: str(p.agentGroup) ?? "", dispatchType, ratioCallRate: num(p.ratioCallRate), predictCallRate: num(p.predictCallRate) } }
      : {}),
  };
  return {
    sceneID,
    taskCreateSetting,
    funcFlag: {
      taskKeep: p.taskKeep === true,
      roundRedial: encodeRetryStrategy(draft.retryStrategy).value.roundRedial,
      wholeTTS: p.wholeTTS === true,
      phoneEncrypt: p.phoneEncrypt === true,
    },
  };
}

/**
 * createTask with userTaskID = draft.idempotencyKey ("the caller's own task id: unique"). A create whose outcome
 * is unknown is first looked up by that id; only if NXCloud has no such task is it sent once more, with the same
 * userTaskID so NXCloud cannot make a second task from it.
 */
export async function nxcloudCreateTask(ctx: ProviderContext, draft: TaskDraft): Promise<RemoteTask> {
  const settings = nxcloudTaskSettings(ctx, draft, ctx.now?.() ?? new Date());
  const request: TNxCreateTaskRequest = {
    productID: "callbot",
    userTaskID: draft.idempotencyKey,
    sceneID: settings.sceneID,
    taskCreateSetting: settings.taskCreateSetting,
    funcFlag: { ...settings.funcFlag, smsEnable: false, smsFuncFlag: [] },
    // docs/providers/nxcloud.md §2.2: createTask's example carries the callback URLs at the top level.
    ...(ctx.webhookUrl ? { taskCallbackUrl: ctx.webhookUrl, orderCallbackUrl: ctx.webhookUrl } : {}),
  };
  // The userTaskID is ours, so a lost create is found by it; no clock is involved.
  return createOnce({
    send: async () => {
      await nxPost(ctx, NXCLOUD_PATHS.createTask, request, ZNxCreateTaskResponse, { safe: false });
      return nxcloudGetTask(ctx, draft.idempotencyKey);
    },
    findLanded: async () => (await findTask(ctx, draft.idempotencyKey))?.task ?? null,
  });
}

/**
 * updateTask names the task's script template (docs/providers/nxcloud.md §2.5) but may change only
 * taskCreateSetting and funcFlag, so the template sent is the one NXCloud has; asking for another is refused here.
 */
export async function nxcloudUpdateTask(ctx: ProviderContext, remoteId: string, draft: TaskDraft): Promise<void> {
  const settings = nxcloudTaskSettings(ctx, draft, ctx.now?.() ?? new Date());
  const current = await findTask(ctx, remoteId);
  if (!current) throw notFound(remoteId);
  const sceneID = current.data.sceneID || settings.sceneID;
  if (str(draft.params.sceneID) && draft.params.sceneID !== sceneID) throw configError("errors.sceneFixed", "params.sceneID");
  const request: TNxUpdateTaskRequest = {
    productID: "callbot",
    userTaskID: remoteId,
    sceneID,
    taskCreateSetting: settings.taskCreateSetting,
    funcFlag: settings.funcFlag,
  };
  await nxPost(ctx, NXCLOUD_PATHS.updateTask, request, ZNxEnvelope, { safe: false });
}

export async function nxcloudOperateTask(ctx: ProviderContext, remoteId: string, operate: (typeof NXCLOUD_TASK_OPERATE)[keyof typeof NXCLOUD_TASK_OPERATE]): Promise<void> {
  await nxPost(
    ctx,
    NXCLOUD_PATHS.mgrTaskStatus,
    // delCall 0: never delete undialled numbers as a side effect ("use with caution").
    { productID: "callbot", userTaskID: remoteId, taskOperate: operate, delCall: 0 },
    ZNxMgrTaskStatusResponse,
    { safe: false },
  );
}
