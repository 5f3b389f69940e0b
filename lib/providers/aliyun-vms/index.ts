// The Aliyun VMS adapter: Cloud* tasks of one call centre (settings.enterpriseId) behind the
// ProviderAdapter interface.
import type { CallTimeGroup } from "../../domain/call-time-group";
import { createOnce, newSince } from "../create-once";
import { ProviderError } from "../errors";
import type { Page, ProviderAdapter, ProviderContext, RemoteTask, TaskDraft } from "../types";
import { aliyunVmsCapabilities } from "./capabilities";
import { callAction, enterpriseId, type ActionParams } from "./client";
import { PAGE_SIZE, parseCursor, queryPage, TASK_TYPES } from "./listing";
import {
  decodeTimeConditions,
  encodeRetryStrategy,
  encodeTimeConditions,
  parseAliyunDateTime,
  statsFromMonitor,
  taskFromProperty,
  type TimeConditionMode,
} from "./mapping";
import { addContacts, listCalls, removeNumbers } from "./numbers";
import { aliyunParamChoices } from "./param-choices";
import { aliyunText as t } from "./text";
import { ensureTimeConditions, listConditions, releaseUnusedConditions } from "./time-conditions";
import { ZGetTaskData, ZMonitorTaskData, ZResultData, ZTaskProperty } from "./wire";
import { describeRetrySpacing } from "./retry-spacing";

// ---------------------------------------------------------------------------------------------
// Tasks

function timeMode(params: TaskDraft["params"]): TimeConditionMode {
  return String(params.AutoTaskType ?? "0") === "1" ? "allowed" : "forbidden";
}

/**
 * Parameters of CloudCreateTask that CloudUpdateTask does not have (SDK models, docs/providers/aliyun-vms.md §Update):
 * Type and CallGroupType cannot change after creation, AutoDelete acts only on the create call (seed 001
 * "只在接口调用时生效"), and a template applies when the task is made.
 */
const CREATE_ONLY = new Set(["Type", "CallGroupType", "AutoDelete", "TemplateName"]);

/** The draft as Cloud* create/update fields; the call-time group and retry strategy become their own fields. */
async function taskFields(ctx: ProviderContext, draft: TaskDraft, action: "create" | "update"): Promise<ActionParams> {
  const fields: ActionParams = {};
  for (const [key, value] of Object.entries(draft.params)) {
    if (value === "" || value === null || (action === "update" && CREATE_ONLY.has(key))) continue;
    fields[key] = value;
  }
  const mode = timeMode(draft.params);
  const { value: conditions } = encodeTimeConditions(draft.callTimeGroup, mode);
  if (mode === "allowed" && conditions.rows.length === 0) {
    throw new ProviderError({
      provider: "aliyun-vms",
      code: "EmptyCallTimeGroup",
      providerMessage: "interval calling needs at least one open window",
      field: "callTimeGroupId",
      userMessage: t("errors.emptyCallTimeGroup"),
    });
  }
  const ids = (await ensureTimeConditions(ctx, conditions.rows)).join(",");
  // Only one of the two fields carries the group. A create leaves the other out; an update sends it empty, so a
  // task switched between interval and continuous calling keeps no windows of its old mode (INFERENCE: "" clears,
  // docs/providers/aliyun-vms.md §Update).
  fields.AutoTaskType = mode === "allowed" ? 1 : 0;
  const unused = action === "update" ? "" : undefined;
  fields.AutoTriggerTimeStrategy = mode === "allowed" ? ids : unused;
  fields.TimeStrategy = mode === "forbidden" ? ids : unused;
  if (draft.retryStrategy) Object.assign(fields, encodeRetryStrategy(draft.retryStrategy).value);
  return {
    ...fields,
    EnterpriseId: enterpriseId(ctx),
    Name: draft.name,
    Description: draft.description,
    ...(action === "create" ? { Type: draft.taskType } : {}),
  };
}

async function resultOf(ctx: ProviderContext, action: string, params: ActionParams): Promise<void> {
  const { Result } = await callAction(ctx, action, { EnterpriseId: enterpriseId(ctx), ...params }, ZResultData, { safe: false });
  if (Result !== 0) {
    throw new ProviderError({
      provider: "aliyun-vms",
      code: `${action}.Result${Result}`,
      providerMessage: `${action} returned Result ${Result}`,
      userMessage: t("errors.operationFailed"),
    });
  }
}

async function createTask(ctx: ProviderContext, draft: TaskDraft): Promise<RemoteTask> {
  const fields = await taskFields(ctx, draft, "create");
  // CloudCreateTask takes no idempotency key: a lost create is the task of this name that was not there
  // before we sent (create-once.ts newSince), whatever the two clocks say.
  const named = async () => (await queryPage(ctx, draft.taskType, 0, { Name: draft.name })).filter((p) => p.Name === draft.name);
  const property = await createOnce({
    before: async () => new Set((await named()).map((p) => String(p.Id))),
    send: () => callAction(ctx, "CloudCreateTask", fields, ZTaskProperty, { safe: false }),
    findLanded: async (before) => {
      const fresh = newSince(before, await named(), (p) => String(p.Id));
      // Both CreateTimes are on the provider's clock, so comparing them is fair: the newest is ours.
      const at = (p: (typeof fresh)[number]) => parseAliyunDateTime(p.CreateTime)?.getTime() ?? 0;
      return fresh.sort((a, b) => at(b) - at(a))[0] ?? null;
    },
  });
  return taskFromProperty(property);
}

export const aliyunVmsAdapter: ProviderAdapter = {
  kind: "aliyun-vms",
  capabilities: aliyunVmsCapabilities,

  async ping(ctx) {
    await queryPage(ctx, "1", 0, { Limit: 1 });
  },

  async listTasks(ctx, cursor): Promise<Page<RemoteTask>> {
    const { typeIndex, start } = parseCursor(cursor);
    const type = TASK_TYPES[typeIndex];
    const rows = await queryPage(ctx, type, start);
    // No total count in the response (docs/providers/aliyun-vms.md §Responses): a short page is the end of this type.
    const nextCursor =
      rows.length === PAGE_SIZE ? `${type}:${start + PAGE_SIZE}` : typeIndex + 1 < TASK_TYPES.length ? `${TASK_TYPES[typeIndex + 1]}:0` : null;
    return { items: rows.map((p) => taskFromProperty(p)), nextCursor, total: null };
  },

  async getTask(ctx, remoteId) {
    const data = await callAction(ctx, "CloudGetTask", { EnterpriseId: enterpriseId(ctx), TaskId: remoteId }, ZGetTaskData, { safe: true });
    return taskFromProperty(data.TaskProperty);
  },

  async getStats(ctx, remoteId) {
    const data = await callAction(ctx, "CloudMonitorTask", { EnterpriseId: enterpriseId(ctx), TaskId: remoteId }, ZMonitorTaskData, { safe: true });
    return statsFromMonitor(data.Statistic);
  },

  async createTask(ctx, draft) {
    try {
      return await createTask(ctx, draft);
    } finally {
      // A refused create may have left conditions made for it.
      await releaseUnusedConditions(ctx);
    }
  },

  async updateTask(ctx, remoteId, draft) {
    try {
      const fields = await taskFields(ctx, draft, "update");
      // SDK model: the answer's Data is the task as it now stands.
      await callAction(ctx, "CloudUpdateTask", { ...fields, TaskId: remoteId }, ZTaskProperty, { safe: false });
    } finally {
      // The task's previous conditions may be used by no task now.
      await releaseUnusedConditions(ctx);
    }
  },

  startTask: (ctx, remoteId) => resultOf(ctx, "CloudStartTask", { TaskId: remoteId }),
  pauseTask: (ctx, remoteId) => resultOf(ctx, "CloudPauseTask", { TaskId: remoteId }),
  async deleteTask(ctx, remoteId) {
    await resultOf(ctx, "CloudDeleteTask", { TaskId: remoteId });
    await releaseUnusedConditions(ctx);
  },
  addContacts,
  listCalls,
  removeNumbers,
  paramChoices: aliyunParamChoices,

  async listTimeGroups(ctx): Promise<(CallTimeGroup & { remoteId: string })[]> {
    // A time condition is one window rule; which task field uses it decides whether it allows or forbids.
    // Each is shown as the group of hours it names.
    return (await listConditions(ctx)).map((c) => ({ ...decodeTimeConditions([c], "allowed", c.Name), remoteId: c.Id }));
  },

  // AutoTaskType defaults to 0 (continuous calling), so by default a group is sent as forbidden times.
  encodeCallTimeGroup: (group) => encodeTimeConditions(group, "forbidden"),
  encodeRetryStrategy,
  describeRetrySpacing,

  // docs/providers/aliyun-vms.md §Webhooks: CallbackUrl is deprecated and the Cloud* actions push nothing, so
  // nothing inbound can be genuine.
  verifyWebhook: () => false,
  parseWebhook() {
    throw new Error("Alibaba Cloud VMS sends no task webhooks");
  },
};
