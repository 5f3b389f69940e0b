// Yunfu AI (云蝠智能) agent-api adapter: 2.0 tasks, call-time groups, numbers, call records and the task
// create/delete callback (docs/providers/yunfu.md, seed 000).
import { z } from "zod";
import type { CallTimeGroup } from "../../domain/call-time-group";
import type { TaskStats } from "../../domain/stats-types";
import { createOnce, newSince } from "../create-once";
import { ProviderError } from "../errors";
import type { InboundWebhook, Page, ProviderAdapter, ProviderContext, RemoteTask, TaskDraft } from "../types";
import { listCalls, recordStats } from "./call-records";
import { eventsFromTaskCallback } from "./callback";
import { yunfuCapabilities } from "./capabilities";
import { callYunfu, localError, userIdOf } from "./client";
import {
  decodeCallTimeGroup,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  remoteTaskFromYunfu,
  sameDialingHours,
  taskBodyFromDraft,
  weekBaseOf,
} from "./mapping";
import { addContacts, addContactsAsync, listNumbers, removeNumbers } from "./numbers";
import { verifyCallbackToken } from "./sign";
import { yunfuText } from "./text";
import { ZYunfuDialTimeGroup, ZYunfuTask, ZYunfuTaskCallback, type TYunfuDialTimeGroup, type TYunfuTask } from "./wire";
import { describeRetrySpacing } from "./retry-spacing";

const TASK_PAGE_SIZE = yunfuCapabilities.limits.listPageSize;
// Bounds on paging so a misbehaving host cannot keep us looping (10 000 groups).
const MAX_GROUP_PAGES = 200;

const taskPath = (ctx: ProviderContext, id: string) => `/agent-api/new/user/${userIdOf(ctx)}/task/${encodeURIComponent(id)}`;
const groupsPath = (ctx: ProviderContext) => `/agent-api/user/${userIdOf(ctx)}/dial-time-group`;

/** The task form's field for a field Yunfu's validation names (docs/providers/yunfu.md §2). */
function taskFormField(wireField: string): string | undefined {
  if (wireField === "name") return "name";
  if (wireField === "remark") return "description";
  if (wireField === "dial_time_id") return "callTimeGroupId";
  if (/^(recycle_limit|task_extras\.redial_)/.test(wireField)) return "retryStrategyId";
  const param = wireField.replace(/^task_extras\./, "").split(".")[0];
  return yunfuCapabilities.params.some((p) => p.key === param) ? `params.${param}` : undefined;
}

async function listTaskPage(ctx: ProviderContext, page: number, name?: string) {
  return callYunfu(
    ctx,
    "GET",
    `/agent-api/new/user/${userIdOf(ctx)}/subset_task`,
    { query: { page, per_page: TASK_PAGE_SIZE, name }, safe: true },
    z.array(ZYunfuTask),
  );
}

async function editTask(ctx: ProviderContext, remoteId: string): Promise<TYunfuTask> {
  const { data } = await callYunfu(ctx, "GET", `${taskPath(ctx, remoteId)}/edit`, { safe: true }, ZYunfuTask);
  return data;
}

async function listGroupsWire(ctx: ProviderContext): Promise<TYunfuDialTimeGroup[]> {
  const groups: TYunfuDialTimeGroup[] = [];
  for (let page = 1; page <= MAX_GROUP_PAGES; page++) {
    // "page is required" (docs/providers/yunfu.md §5).
    const { data, meta } = await callYunfu(ctx, "GET", groupsPath(ctx), { query: { page }, safe: true }, z.array(ZYunfuDialTimeGroup));
    groups.push(...data);
    if (!meta?.last_page || page >= meta.last_page || data.length === 0) break;
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// How a create whose answer was lost (or came back without the record) is found again: create-once.ts.

/** A group dialling exactly these hours. Any such group will do: Yunfu copies it into the task (below). */
async function groupDialing(ctx: ProviderContext, wanted: ReturnType<typeof encodeCallTimeGroup>["value"]): Promise<TYunfuDialTimeGroup | null> {
  const base = weekBaseOf(ctx.settings);
  return (await listGroupsWire(ctx)).find((g) => sameDialingHours(g, wanted, base)) ?? null;
}

/** Tasks of exactly this name (the list filters by name; the first page is enough to tell ours). */
async function tasksNamed(ctx: ProviderContext, name: string): Promise<TYunfuTask[]> {
  const { data } = await listTaskPage(ctx, 1, name);
  return data.filter((t) => t.name === name);
}

/**
 * The task a create made, among tasks of its name that did not exist before it was sent (create-once.ts
 * newSince): no clock is compared, since Yunfu's create_datetime is on Yunfu's clock. Among several new ones
 * (someone else made one meanwhile) the newest by Yunfu's own create_datetime.
 */
async function landedTask(ctx: ProviderContext, name: string, before: ReadonlySet<string>): Promise<TYunfuTask | null> {
  const fresh = newSince(before, await tasksNamed(ctx, name), (t) => t.uuid);
  return fresh.sort((a, b) => (b.create_datetime ?? "").localeCompare(a.create_datetime ?? ""))[0] ?? null;
}

// ---------------------------------------------------------------------------------------------

/**
 * The dial_time_id for a draft: an existing group that dials the same hours, or a new one. Yunfu copies the
 * group into the 2.0 task and never syncs later edits (docs/providers/yunfu.md §5), so reusing an identical
 * group is safe and avoids piling up duplicates.
 */
async function dialTimeIdFor(ctx: ProviderContext, group: CallTimeGroup): Promise<string> {
  const wanted = encodeCallTimeGroup(group, weekBaseOf(ctx.settings)).value;
  const existing = await groupDialing(ctx, wanted);
  if (existing) return existing.id;
  // A group create takes no idempotency key either: one whose answer was lost is looked for before it is sent again.
  const created = await createOnce<unknown>({
    // is_default false: a group made for one task must not take over the account's default group.
    send: async () => (await callYunfu(ctx, "POST", groupsPath(ctx), { body: { ...wanted, is_default: false }, safe: false, field: "callTimeGroupId" })).data,
    findLanded: () => groupDialing(ctx, wanted),
  });
  const parsed = ZYunfuDialTimeGroup.safeParse(created);
  if (parsed.success) return parsed.data.id;
  // INFERENCE (docs/providers/yunfu.md §5): the create answer's data is not documented; find the group we made.
  const found = await groupDialing(ctx, wanted);
  if (found) return found.id;
  throw localError("BAD_RESPONSE", "created time group not found", yunfuText("error.groupNotReturned"));
}

async function createTask(ctx: ProviderContext, draft: TaskDraft): Promise<RemoteTask> {
  const dialTimeId = await dialTimeIdFor(ctx, draft.callTimeGroup);
  const body = taskBodyFromDraft(draft, dialTimeId, encodeRetryStrategy(draft.retryStrategy).value);
  const path = `/agent-api/new/user/${userIdOf(ctx)}/task`;
  const before = new Set((await tasksNamed(ctx, draft.name)).map((t) => t.uuid));
  // Yunfu takes no idempotency key: a create whose answer was lost is looked for before it is sent again.
  const answer = await createOnce<unknown>({
    send: async () => (await callYunfu(ctx, "POST", path, { body, safe: false, field: taskFormField })).data,
    findLanded: () => landedTask(ctx, draft.name, before),
  });
  const row = ZYunfuTask.safeParse(answer);
  if (row.success) return remoteTaskFromYunfu(row.data);
  // INFERENCE (docs/providers/yunfu.md §3): the answer's data shape is not documented; the list has the row.
  const listed = await landedTask(ctx, draft.name, before);
  if (listed) return remoteTaskFromYunfu(listed);
  throw localError("BAD_RESPONSE", "created task not found", yunfuText("error.taskNotReturned"));
}

const nowOf = (ctx: ProviderContext): Date => ctx.now?.() ?? new Date();

async function getStats(ctx: ProviderContext, remoteId: string): Promise<TaskStats> {
  const task = await editTask(ctx, remoteId);
  return recordStats(ctx, remoteId, task.new_task_extra?.number_count ?? 0);
}

export const yunfuAdapter: ProviderAdapter = {
  kind: "yunfu",
  capabilities: yunfuCapabilities,

  async ping(ctx) {
    userIdOf(ctx);
    // 查看合作伙伴token有效期: the cheapest authenticated call (docs/providers/yunfu.md §1).
    await callYunfu(ctx, "GET", "/agent-api/token", { safe: true });
  },

  async listTasks(ctx, cursor): Promise<Page<RemoteTask>> {
    const page = cursor ? Number(cursor) : 1;
    const { data, meta } = await listTaskPage(ctx, Number.isInteger(page) && page > 0 ? page : 1);
    const lastPage = meta?.last_page ?? page;
    // The status needs the task's counters (a task that has called every number is over; docs/providers/yunfu.md
    // §4), so they are read here, one task at a time as the sync would otherwise do after the listing.
    const items: RemoteTask[] = [];
    for (const row of data) items.push(remoteTaskFromYunfu(row, await recordStats(ctx, row.uuid, row.new_task_extra?.number_count ?? 0), nowOf(ctx)));
    return {
      items,
      nextCursor: page < lastPage && data.length > 0 ? String(page + 1) : null,
      total: meta?.total ?? null,
    };
  },

  async getTask(ctx, remoteId) {
    const row = await editTask(ctx, remoteId);
    return remoteTaskFromYunfu(row, await recordStats(ctx, remoteId, row.new_task_extra?.number_count ?? 0), nowOf(ctx));
  },

  getStats,
  createTask,

  async updateTask(ctx, remoteId, draft) {
    const dialTimeId = await dialTimeIdFor(ctx, draft.callTimeGroup);
    const body = taskBodyFromDraft(draft, dialTimeId, encodeRetryStrategy(draft.retryStrategy).value);
    try {
      await callYunfu(ctx, "PUT", taskPath(ctx, remoteId), { body, safe: false, field: taskFormField });
    } catch (e) {
      if (!(e instanceof ProviderError) || e.code !== "6007") throw e;
      throw new ProviderError({
        provider: "yunfu",
        code: e.code,
        providerMessage: e.providerMessage,
        httpStatus: e.httpStatus,
        userMessage: yunfuText("error.pauseBeforeEdit"),
      });
    }
  },

  async startTask(ctx, remoteId) {
    // NOT documented (docs/providers/yunfu.md §3): PUT task_start by symmetry with task_stop; capabilities
    // mark it unverified and the task page says so.
    await callYunfu(ctx, "PUT", `/agent-api/new/user/${userIdOf(ctx)}/task_start/${encodeURIComponent(remoteId)}`, { safe: false });
  },

  async pauseTask(ctx, remoteId) {
    await callYunfu(ctx, "PUT", `/agent-api/new/user/${userIdOf(ctx)}/task_stop/${encodeURIComponent(remoteId)}`, { safe: false });
  },

  async deleteTask(ctx, remoteId) {
    // Only the legacy path is documented for delete (docs/providers/yunfu.md §3).
    await callYunfu(ctx, "DELETE", `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(remoteId)}`, { safe: false });
  },

  addContacts,
  addContactsAsync,
  listNumbers,
  listCalls,
  removeNumbers,

  async listTimeGroups(ctx) {
    const base = weekBaseOf(ctx.settings);
    return (await listGroupsWire(ctx)).map((g) => ({ ...decodeCallTimeGroup(g, base), remoteId: g.id }));
  },

  encodeCallTimeGroup(group, ctx) {
    return encodeCallTimeGroup(group, weekBaseOf(ctx?.settings));
  },

  encodeRetryStrategy(strategy) {
    return encodeRetryStrategy(strategy);
  },
  describeRetrySpacing,

  verifyWebhook(ctx, req: InboundWebhook) {
    return verifyCallbackToken(ctx.credentials.callbackSecret, req.query.token);
  },

  parseWebhook(ctx, req: InboundWebhook) {
    const body = ZYunfuTaskCallback.parse(JSON.parse(req.rawBody));
    return eventsFromTaskCallback(body, weekBaseOf(ctx.settings), ctx.now?.() ?? new Date());
  },
};
