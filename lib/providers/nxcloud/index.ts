// The NXCloud Callbot v3 adapter (docs/providers/nxcloud.md): what the console calls; the wire stays in this folder.
import { emptyStats } from "../../domain/stats";
import type { ProviderAdapter } from "../types";
import { nxcloudCapabilities } from "./capabilities";
import { encodeCallTimeGroup, encodeRetryStrategy } from "./mapping";
import { nxcloudAddContacts, nxcloudListCalls, nxcloudListNumbers, nxcloudRemoveNumbers } from "./numbers";
import { nxcloudCreateTask, nxcloudGetTask, nxcloudListTasks, nxcloudOperateTask, nxcloudPing, nxcloudUpdateTask } from "./tasks";
import { nxcloudParseWebhook, nxcloudVerifyWebhook, nxcloudWebhookDelivery } from "./webhook";
import { NXCLOUD_TASK_OPERATE } from "./wire";
import { describeRetrySpacing } from "./retry-spacing";

export const nxcloudAdapter: ProviderAdapter = {
  kind: "nxcloud",
  capabilities: nxcloudCapabilities,
  ping: nxcloudPing,
  listTasks: nxcloudListTasks,
  getTask: nxcloudGetTask,
  // listTask carries taskStat; a task with no numbers yet reports none.
  getStats: async (ctx, remoteId) => (await nxcloudGetTask(ctx, remoteId)).stats ?? emptyStats(),
  createTask: nxcloudCreateTask,
  updateTask: nxcloudUpdateTask,
  startTask: (ctx, remoteId) => nxcloudOperateTask(ctx, remoteId, NXCLOUD_TASK_OPERATE.start),
  pauseTask: (ctx, remoteId) => nxcloudOperateTask(ctx, remoteId, NXCLOUD_TASK_OPERATE.pause),
  completeTask: (ctx, remoteId) => nxcloudOperateTask(ctx, remoteId, NXCLOUD_TASK_OPERATE.complete),
  // No deleteTask: NXCloud has no delete endpoint (capabilities.operations.delete = false).
  addContacts: nxcloudAddContacts,
  listNumbers: nxcloudListNumbers,
  listCalls: nxcloudListCalls,
  removeNumbers: nxcloudRemoveNumbers,
  // The zone's offset is taken at encode time (zoneSecond is fixed), so "now" is the real now here.
  encodeCallTimeGroup: (group) => encodeCallTimeGroup(group, new Date()),
  encodeRetryStrategy: (strategy) => encodeRetryStrategy(strategy),
  describeRetrySpacing,
  verifyWebhook: (ctx, req) => nxcloudVerifyWebhook(ctx, req),
  parseWebhook: (ctx, req) => nxcloudParseWebhook(req, ctx.now?.() ?? new Date()),
  webhookDelivery: (req) => nxcloudWebhookDelivery(req),
};
