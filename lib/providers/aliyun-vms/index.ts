// The Aliyun VMS adapter: Cloud* tasks of one call centre (settings.enterpriseId) behind the
// ProviderAdapter interface.
import type { CallTimeGroup } from "../../domain/call-time-group";
import { createOnce, newSince } from "../create-once";
import { ProviderError } from "../errors";
import type { Contact, ContactsResult, Page, ProviderAdapter, ProviderContext, RemoteTask, TaskDraft } from "../types";
import { aliyunVmsCapabilities } from "./capabilities";
import { callAction, enterpriseId, type ActionParams } from "./client";
import {
  decodeTimeConditions,
  encodeRetryStrategy,
  encodeTimeConditions,
  formatAliyunDateTime,
  parseAliyunDateTime,
  statsFromMonitor,
  taskFromProperty,
  type TimeConditionMode,
  type TimeConditionRow,
} from "./mapping";
import {
  ZCreateEnterpriseTimeData,
  ZGetTaskData,
  ZImportTaskTelData,
  ZListEnterpriseTimeData,
  ZMonitorTaskData,
  ZQueryTaskData,
  ZResultData,
  ZTaskProperty,
  type TEnterpriseTime,
  type TTaskTel,
} from "./wire";

const PAGE_SIZE = 100;
const TASK_TYPES = ["1", "2"] as const;

// ---------------------------------------------------------------------------------------------
// Time conditions

/** Conditions Dialboard made carry this prefix; only those are reused for a group and deleted when unused. */
const CONDITION_PREFIX = "Dialboard ";

/**
 * An existing condition of ours that opens exactly the row's hours. Every row covers one day, where TimeType 1 and 2
 * read the same (docs/providers/aliyun-vms.md §Time conditions), so either TimeType matches.
 */
function matches(existing: TEnterpriseTime, row: TimeConditionRow): boolean {
  return (
    existing.Name.startsWith(CONDITION_PREFIX) &&
    Number(existing.Type) === row.Type &&
    existing.StartTime === row.StartTime &&
    existing.EndTime === row.EndTime &&
    (row.Type === 1 ? (existing.DayOfWeek ?? "") === row.DayOfWeek : existing.FromDay === row.FromDay && existing.ToDay === row.ToDay)
  );
}

function conditionName(row: TimeConditionRow): string {
  const when = row.Type === 1 ? `W${row.DayOfWeek}` : `D${row.FromDay}`;
  return `${CONDITION_PREFIX}${when} ${row.StartTime}-${row.EndTime}`;
}

async function listConditions(ctx: ProviderContext): Promise<TEnterpriseTime[]> {
  const data = await callAction(ctx, "CloudListEnterpriseTime", { EnterpriseId: enterpriseId(ctx) }, ZListEnterpriseTimeData, { safe: true });
  return data.List ?? [];
}

/**
 * Ids of time conditions for the rows, reusing identical existing conditions (CloudListEnterpriseTime)
 * and creating the rest. Name and Priority must be unique per call centre (SDK model comments).
 */
async function ensureTimeConditions(ctx: ProviderContext, rows: TimeConditionRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const existing = await listConditions(ctx);
  const ids: string[] = [];
  for (const row of rows) {
    const reuse = existing.find((c) => matches(c, row));
    if (reuse) {
      ids.push(reuse.Id);
      continue;
    }
    const names = new Set(existing.map((c) => c.Name));
    let name = conditionName(row);
    for (let n = 2; names.has(name); n++) name = `${conditionName(row)} #${n}`;
    const priority = existing.reduce((max, c) => Math.max(max, Number(c.Priority)), 0) + 1;
    const params: ActionParams = {
      EnterpriseId: enterpriseId(ctx),
      Name: name,
      Priority: priority,
      Type: row.Type,
      TimeType: 1,
      DayOfWeek: row.DayOfWeek,
      FromDay: row.FromDay,
      ToDay: row.ToDay,
      StartTime: row.StartTime,
      EndTime: row.EndTime,
    };
    // The name is unique in the call centre right now, so a condition bearing it after a lost answer is ours.
    const created = await createOnce({
      send: () => callAction(ctx, "CloudCreateEnterpriseTime", params, ZCreateEnterpriseTimeData, { safe: false }),
      findLanded: async () => (await listConditions(ctx)).find((c) => c.Name === name) ?? null,
    });
    existing.push(created);
    ids.push(created.Id);
  }
  return ids;
}

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
      userMessage: {
        en: "Interval calling needs a call-time group with at least one open hour.",
        zh: "间隔呼叫需要至少包含一个可呼叫时段的时间组。",
      },
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

async function queryPage(ctx: ProviderContext, type: string, start: number, extra: ActionParams = {}) {
  const data = await callAction(
    ctx,
    "CloudQueryTask",
    { EnterpriseId: enterpriseId(ctx), Type: type, Start: start, Limit: PAGE_SIZE, ...extra },
    ZQueryTaskData,
    { safe: true },
  );
  return data.TaskProperties ?? [];
}

/** Cursor "type:offset"; CloudQueryTask needs a Type, so type 1 is listed to its end, then type 2. */
function parseCursor(cursor: string | null): { typeIndex: number; start: number } {
  if (!cursor) return { typeIndex: 0, start: 0 };
  const [type, start] = cursor.split(":");
  const typeIndex = TASK_TYPES.indexOf(type as (typeof TASK_TYPES)[number]);
  const offset = Number(start);
  if (typeIndex < 0 || !Number.isInteger(offset) || offset < 0) throw new RangeError(`invalid aliyun-vms cursor: ${cursor}`);
  return { typeIndex, start: offset };
}

async function resultOf(ctx: ProviderContext, action: string, params: ActionParams): Promise<void> {
  const { Result } = await callAction(ctx, action, { EnterpriseId: enterpriseId(ctx), ...params }, ZResultData, { safe: false });
  if (Result !== 0) {
    throw new ProviderError({
      provider: "aliyun-vms",
      code: `${action}.Result${Result}`,
      providerMessage: `${action} returned Result ${Result}`,
      userMessage: { en: "Alibaba Cloud reported that the operation failed.", zh: "阿里云返回操作失败。" },
    });
  }
}

/** E.164 → the number as a Chinese call centre dials it: national form for +86, "00" prefix otherwise (INFERENCE). */
export function telFromE164(phone: string): string | null {
  const match = /^\+(\d{6,15})$/.exec(phone.trim());
  if (!match) return null;
  const digits = match[1];
  if (!digits.startsWith("86")) return `00${digits}`;
  const national = digits.slice(2);
  // Mobile numbers are dialled as they are; landlines (Beijing's area code 10 too) get the trunk 0.
  return /^1[3-9]\d{9}$/.test(national) ? national : `0${national}`;
}

async function addContacts(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult> {
  const rejected: ContactsResult["rejected"] = [];
  const seen = new Set<string>();
  const tels: TTaskTel[] = [];
  for (const contact of contacts) {
    const tel = telFromE164(contact.phone);
    if (tel === null) {
      rejected.push({ phone: contact.phone, reason: { en: "Not a valid phone number.", zh: "号码格式无效。" } });
    } else if (seen.has(tel)) {
      rejected.push({ phone: contact.phone, reason: { en: "Listed twice in this batch.", zh: "本批次中重复。" } });
    } else {
      seen.add(tel);
      tels.push({ Tel: tel, Property: JSON.stringify({ name: contact.name, ...contact.variables }) });
    }
  }
  if (tels.length === 0) return { accepted: 0, rejected };
  const data = await callAction(
    ctx,
    "CloudImportTaskTel",
    {
      EnterpriseId: enterpriseId(ctx),
      TaskId: remoteId,
      // SDK model: the batch name is required; a new batch per request, named for when it was sent.
      Name: `Dialboard ${formatAliyunDateTime(ctx.now?.() ?? new Date())}`,
      TaskTelList: JSON.stringify(tels),
      // IsRepeat 1 (documented default): numbers already in the task are skipped, not dialled twice.
      IsRepeat: 1,
    },
    ZImportTaskTelData,
    { safe: false },
  );
  const accepted = Number(data.SuccessTotal ?? 0);
  const skipped = Number(data.ImportTotal ?? tels.length) - accepted;
  if (skipped > 0) {
    rejected.push({
      phone: "",
      reason: {
        en: `${skipped} number(s) were not imported: already in the task or invalid (Alibaba Cloud does not say which).`,
        zh: `${skipped} 个号码未导入：任务中已存在或号码无效（阿里云未说明具体号码）。`,
      },
    });
  }
  return { accepted, rejected };
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
    // No total count in the response (providers.md §2): a short page is the end of this type.
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
  },

  async updateTask(ctx, remoteId, draft) {
    const fields = await taskFields(ctx, draft, "update");
    // SDK model: the answer's Data is the task as it now stands.
    await callAction(ctx, "CloudUpdateTask", { ...fields, TaskId: remoteId }, ZTaskProperty, { safe: false });
  },

  startTask: (ctx, remoteId) => resultOf(ctx, "CloudStartTask", { TaskId: remoteId }),
  pauseTask: (ctx, remoteId) => resultOf(ctx, "CloudPauseTask", { TaskId: remoteId }),
  deleteTask: (ctx, remoteId) => resultOf(ctx, "CloudDeleteTask", { TaskId: remoteId }),
  addContacts,

  async listTimeGroups(ctx): Promise<(CallTimeGroup & { remoteId: string })[]> {
    // A time condition is one window rule; which task field uses it decides whether it allows or forbids.
    // Each is shown as the group of hours it names.
    return (await listConditions(ctx)).map((c) => ({ ...decodeTimeConditions([c], "allowed", c.Name), remoteId: c.Id }));
  },

  // AutoTaskType defaults to 0 (continuous calling), so by default a group is sent as forbidden times.
  encodeCallTimeGroup: (group) => encodeTimeConditions(group, "forbidden"),
  encodeRetryStrategy,

  // providers.md addendum §2: CallbackUrl is deprecated and the Cloud* actions push nothing, so
  // nothing inbound can be genuine.
  verifyWebhook: () => false,
  parseWebhook() {
    throw new Error("Alibaba Cloud VMS sends no task webhooks");
  },
};
