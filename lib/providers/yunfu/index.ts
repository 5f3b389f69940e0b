// Yunfu AI (云蝠智能) agent-api adapter: 2.0 tasks, call-time groups, numbers, call records and the
// task create/delete callback (providers.md §1, addendum §1, seed 000).
import { z } from "zod";
import type { CallTimeGroup } from "../../domain/call-time-group";
import type { TaskStats } from "../../domain/stats-types";
import { createOnce, newSince } from "../create-once";
import { ProviderError } from "../errors";
import type {
  Contact,
  ContactsResult,
  InboundWebhook,
  Page,
  ProviderAdapter,
  ProviderContext,
  RemoteTask,
  TaskDraft,
} from "../types";
import { YUNFU_CONTACTS_BATCH, yunfuCapabilities } from "./capabilities";
import { callYunfu, localError, userIdOf } from "./client";
import {
  decodeCallTimeGroup,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  eventsFromTaskCallback,
  remoteTaskFromYunfu,
  sameDialingHours,
  statsFromYunfuRecords,
  taskBodyFromDraft,
  weekBaseOf,
} from "./mapping";
import { verifyCallbackToken } from "./sign";
import {
  ZYunfuCallRecord,
  ZYunfuDialTimeGroup,
  ZYunfuNumberImportResult,
  ZYunfuTask,
  ZYunfuTaskCallback,
  type TYunfuCallRecord,
  type TYunfuDialTimeGroup,
  type TYunfuNumberRow,
  type TYunfuTask,
} from "./wire";

const TASK_PAGE_SIZE = yunfuCapabilities.limits.listPageSize;
const RECORD_PAGE_SIZE = 100;
// Bounds on paging so a misbehaving host cannot keep us looping (10 000 groups, 200 000 calls).
const MAX_GROUP_PAGES = 200;
const MAX_RECORD_PAGES = 2000;

const taskPath = (ctx: ProviderContext, id: string) => `/agent-api/new/user/${userIdOf(ctx)}/task/${encodeURIComponent(id)}`;
const groupsPath = (ctx: ProviderContext) => `/agent-api/user/${userIdOf(ctx)}/dial-time-group`;

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
    // "page is required" (providers.md §1 call-time groups).
    const { data, meta } = await callYunfu(ctx, "GET", groupsPath(ctx), { query: { page }, safe: true }, z.array(ZYunfuDialTimeGroup));
    groups.push(...data);
    if (!meta?.last_page || page >= meta.last_page || data.length === 0) break;
  }
  return groups;
}

/**
 * The dial_time_id for a draft: an existing group that dials the same hours, or a new one. Yunfu
 * copies the group into the 2.0 task and never syncs later edits (help.telrobot.top 2.0任务列表),
 * so reusing an identical group is safe and avoids piling up duplicates.
 */
async function dialTimeIdFor(ctx: ProviderContext, group: CallTimeGroup): Promise<string> {
  const base = weekBaseOf(ctx.settings);
  const wanted = encodeCallTimeGroup(group, base).value;
  const existing = (await listGroupsWire(ctx)).find((g) => sameDialingHours(g, wanted, base));
  if (existing) return existing.id;
  // is_default false: a group made for one task must not take over the account's default group.
  const created = await callYunfu(ctx, "POST", groupsPath(ctx), { body: { ...wanted, is_default: false }, safe: false });
  const parsed = ZYunfuDialTimeGroup.safeParse(created.data);
  if (parsed.success) return parsed.data.id;
  // INFERENCE: the create answer's data is not documented; find the group we just made.
  const found = (await listGroupsWire(ctx)).find((g) => sameDialingHours(g, wanted, base));
  if (found) return found.id;
  throw localError("BAD_RESPONSE", "created time group not found", {
    en: "Yunfu created the call-time group but did not return it; try again.",
    zh: "云蝠已创建呼叫时间组但未返回其 ID，请重试。",
  });
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

async function createTask(ctx: ProviderContext, draft: TaskDraft): Promise<RemoteTask> {
  const dialTimeId = await dialTimeIdFor(ctx, draft.callTimeGroup);
  const body = taskBodyFromDraft(draft, dialTimeId, encodeRetryStrategy(draft.retryStrategy).value);
  const path = `/agent-api/new/user/${userIdOf(ctx)}/task`;
  const before = new Set((await tasksNamed(ctx, draft.name)).map((t) => t.uuid));
  // Yunfu takes no idempotency key: a create whose answer was lost is looked for before it is sent again.
  const answer = await createOnce<unknown>({
    send: async () => (await callYunfu(ctx, "POST", path, { body, safe: false })).data,
    findLanded: () => landedTask(ctx, draft.name, before),
  });
  const row = ZYunfuTask.safeParse(answer);
  if (row.success) return remoteTaskFromYunfu(row.data);
  // INFERENCE: the answer's data shape is not documented; the task list has the new row.
  const listed = await landedTask(ctx, draft.name, before);
  if (listed) return remoteTaskFromYunfu(listed);
  throw localError("BAD_RESPONSE", "created task not found", {
    en: "Yunfu accepted the task but did not return it; sync the account to see it.",
    zh: "云蝠已接受任务但未返回任务信息，请同步账号后查看。",
  });
}

/** Phone as Yunfu takes it: mainland numbers without +86 (every docs sample is an 11-digit number). */
function yunfuPhone(e164: string): string | null {
  const digits = e164.replace(/[\s-]/g, "");
  if (digits.startsWith("+86")) return digits.slice(3);
  if (/^1\d{10}$/.test(digits) || /^0\d{9,11}$/.test(digits)) return digits;
  return null;
}

function numberRow(contact: Contact, phone: string): TYunfuNumberRow {
  const { email, company, ...rest } = contact.variables;
  return {
    phone,
    ...(contact.name ? { name: contact.name } : {}),
    ...(email ? { email } : {}),
    ...(company ? { company } : {}),
    // INFERENCE: custom CRM components need ids we do not have; other variables travel in `extra`.
    ...(Object.keys(rest).length > 0 ? { extra: JSON.stringify(rest) } : {}),
  };
}

async function addContacts(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult> {
  if (contacts.length > YUNFU_CONTACTS_BATCH) {
    throw localError("BATCH_TOO_LARGE", `${contacts.length} numbers in one request`, {
      en: `Yunfu takes at most ${YUNFU_CONTACTS_BATCH} numbers per request; this batch has ${contacts.length}.`,
      zh: `云蝠每次最多导入 ${YUNFU_CONTACTS_BATCH} 个号码，本批有 ${contacts.length} 个。`,
    });
  }
  const rejected: ContactsResult["rejected"] = [];
  const rows: TYunfuNumberRow[] = [];
  for (const c of contacts) {
    const phone = yunfuPhone(c.phone);
    if (phone) rows.push(numberRow(c, phone));
    else rejected.push({ phone: c.phone, reason: { en: "Yunfu dials mainland China numbers only.", zh: "云蝠仅支持中国大陆号码。" } });
  }
  if (rows.length === 0) return { accepted: 0, rejected };
  const { data } = await callYunfu(
    ctx,
    "POST",
    `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(remoteId)}/number`,
    // skip_error: import the good rows and report the others instead of failing the batch.
    { body: { skip_error: 1, data: rows }, safe: false },
  );
  const result = ZYunfuNumberImportResult.safeParse(data);
  const errors = result.success ? (result.data.errors ?? []) : [];
  for (const err of errors) {
    const original = contacts.find((c) => yunfuPhone(c.phone) === err.phone);
    rejected.push({
      phone: original?.phone ?? err.phone,
      reason: { en: `Yunfu refused this number: ${err.message}`, zh: `云蝠拒绝了该号码：${err.message}` },
    });
  }
  const accepted = result.success && result.data.success !== undefined ? result.data.success : rows.length - errors.length;
  return { accepted, rejected };
}

async function allRecords(ctx: ProviderContext, remoteId: string): Promise<TYunfuCallRecord[]> {
  const records: TYunfuCallRecord[] = [];
  const path = `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(remoteId)}/record`;
  for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
    const { data, meta } = await callYunfu(
      ctx,
      "GET",
      path,
      { query: { page, per_page: RECORD_PAGE_SIZE }, safe: true },
      z.array(ZYunfuCallRecord),
    );
    records.push(...data);
    if (!meta?.last_page || page >= meta.last_page || data.length === 0) break;
  }
  return records;
}

async function getStats(ctx: ProviderContext, remoteId: string): Promise<TaskStats> {
  const task = await editTask(ctx, remoteId);
  const records = await allRecords(ctx, remoteId);
  return statsFromYunfuRecords(task.new_task_extra?.number_count ?? 0, records);
}

export const yunfuAdapter: ProviderAdapter = {
  kind: "yunfu",
  capabilities: yunfuCapabilities,

  async ping(ctx) {
    userIdOf(ctx);
    // 查看合作伙伴token有效期: the cheapest authenticated call (providers.md §1 "Identification").
    await callYunfu(ctx, "GET", "/agent-api/token", { safe: true });
  },

  async listTasks(ctx, cursor): Promise<Page<RemoteTask>> {
    const page = cursor ? Number(cursor) : 1;
    const { data, meta } = await listTaskPage(ctx, Number.isInteger(page) && page > 0 ? page : 1);
    const lastPage = meta?.last_page ?? page;
    return {
      items: data.map((row) => remoteTaskFromYunfu(row)),
      nextCursor: page < lastPage && data.length > 0 ? String(page + 1) : null,
      total: meta?.total ?? null,
    };
  },

  async getTask(ctx, remoteId) {
    return remoteTaskFromYunfu(await editTask(ctx, remoteId));
  },

  getStats,
  createTask,

  async updateTask(ctx, remoteId, draft) {
    const dialTimeId = await dialTimeIdFor(ctx, draft.callTimeGroup);
    const body = taskBodyFromDraft(draft, dialTimeId, encodeRetryStrategy(draft.retryStrategy).value);
    try {
      await callYunfu(ctx, "PUT", taskPath(ctx, remoteId), { body, safe: false });
    } catch (e) {
      if (!(e instanceof ProviderError) || e.code !== "6007") throw e;
      throw new ProviderError({
        provider: "yunfu",
        code: e.code,
        providerMessage: e.providerMessage,
        httpStatus: e.httpStatus,
        userMessage: { en: "Pause the task before editing it.", zh: "请先暂停任务再修改。" },
      });
    }
  },

  async startTask(ctx, remoteId) {
    // NOT documented (providers.md §1 "Start"): PUT task_start by symmetry with task_stop. INFERENCE.
    await callYunfu(ctx, "PUT", `/agent-api/new/user/${userIdOf(ctx)}/task_start/${encodeURIComponent(remoteId)}`, { safe: false });
  },

  async pauseTask(ctx, remoteId) {
    await callYunfu(ctx, "PUT", `/agent-api/new/user/${userIdOf(ctx)}/task_stop/${encodeURIComponent(remoteId)}`, { safe: false });
  },

  async deleteTask(ctx, remoteId) {
    // Only the legacy path is documented for delete (providers.md §1 task endpoints).
    await callYunfu(ctx, "DELETE", `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(remoteId)}`, { safe: false });
  },

  addContacts,

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

  verifyWebhook(ctx, req: InboundWebhook) {
    return verifyCallbackToken(ctx.settings.callbackSecret ?? ctx.credentials.callbackSecret, req.headers);
  },

  parseWebhook(ctx, req: InboundWebhook) {
    const body = ZYunfuTaskCallback.parse(JSON.parse(req.rawBody));
    return eventsFromTaskCallback(body, weekBaseOf(ctx.settings), ctx.now?.() ?? new Date());
  },
};
