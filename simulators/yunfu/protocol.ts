// The Yunfu agent-api as this simulator reads the documents (docs/providers/yunfu.md): the envelope, the
// codes, Laravel-style paging and validation, the request bodies and their limits, China time. It shares no
// code with the client: every body is checked against this file's own schemas.
import { z } from "zod";
import { json, type SimResponse } from "../core/http";

/** {code:200, status:"success", message, meta?, data} (docs/providers/yunfu.md §1). */
export const ok = (message: string, data: unknown, meta?: Record<string, unknown>) =>
  json(200, { code: 200, status: "success", message, ...(meta ? { meta } : {}), data });

/** {code, status:"error", message, data} — data [] as in the documented 6007 example, or Laravel's field errors. */
export const fail = (http: number, code: number, message: string, data: unknown = []) => json(http, { code, status: "error", message, data });

// INFERENCE (docs/providers/yunfu.md §2): the host is a Laravel API (its paginator meta gives it away), so a
// wrong token is 401, an unknown task or group 404, and invalid input 422 with the field errors in `data`.
export const unauthenticated = () => fail(401, 401, "Unauthenticated.");
export const notFound = (what: string) => fail(404, 404, `${what}不存在`);
export const invalid = (field: string, message: string) => fail(422, 422, message, { [field]: [message] });
// 6007 is documented ("2.0任务启动中,请先停止任务"); its HTTP status is not: INFERENCE (docs/providers/yunfu.md §2), 200 with the code.
export const taskRunning = () => fail(200, 6007, "2.0任务启动中,请先停止任务");

const DEFAULT_PER_PAGE = 15;
const MAX_PER_PAGE = 100;

/** Laravel's paginator; per_page comes back as a string, as in the record list example (docs/providers/yunfu.md §8). */
export function paginate<T>(items: T[], query: URLSearchParams): { page: T[]; meta: Record<string, unknown> } {
  const perPage = Math.min(Math.max(Number(query.get("per_page")) || DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
  const current = Math.max(Number(query.get("page")) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  return {
    page: items.slice((current - 1) * perPage, current * perPage),
    meta: { has_pages: lastPage > 1, total: items.length, last_page: lastPage, current_page: current, per_page: String(perPage) },
  };
}

/** A body read with `schema`, or the 422 answer naming the first field that does not fit. */
export function readBody<S extends z.ZodType>(raw: string, schema: S): { body: z.output<S> } | { error: SimResponse } {
  let parsed: unknown;
  try {
    parsed = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return { error: invalid("body", "请求体不是合法的JSON") };
  }
  const result = schema.safeParse(parsed);
  if (result.success) return { body: result.data };
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".") || "body";
  const missing = issue.code === "invalid_type" && issue.message.includes("undefined");
  return { error: invalid(field, missing ? `${field} 不能为空` : `${field} 格式错误`) };
}

// ---------------------------------------------------------------- China time (docs/providers/yunfu.md §10)

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** "YYYY-MM-DD HH:mm:ss" in China time. */
export const chinaText = (instant: Date | number) => new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** "YYYY-MM-DD HH:mm:ss" (China time) → epoch ms, or null. */
export function chinaMs(text: string): number | null {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - CHINA_OFFSET_MS;
  return Number.isNaN(ms) ? null : ms;
}

/** "9:00" / "09:00" → minutes; Laravel's H:i stops at 23:59. */
export function minutesOf(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || +m[1] > 23 || +m[2] > 59) return null;
  return +m[1] * 60 + +m[2];
}

// ---------------------------------------------------------------- request bodies

const id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);
const flag = z.union([z.literal(0), z.literal(1)]);
const time = z.string().refine((t) => minutesOf(t) !== null, "H:i");

export const ZDayContent = z.object({
  week: z.number().int().min(0).max(6),
  times: z.array(z.object({ begin_time: time, end_time: time })).max(48),
});
export type DayContent = z.infer<typeof ZDayContent>;

/** POST …/dial-time-group: name, content, is_default and skip_holiday required (呼叫时间组). */
export const ZGroupBody = z.object({
  name: z.string().min(1).max(100),
  content: z.array(ZDayContent).min(1).max(7),
  is_default: z.boolean(),
  skip_holiday: z.boolean(),
  sub_user_id: z.string().optional(),
});

/** PUT …/dial-time-group/{id}: only name is required. */
export const ZGroupUpdate = ZGroupBody.partial().required({ name: true });

/** POST/PUT …/new/user/{user_id}/task (2.0任务创建, 任务创建; docs/providers/yunfu.md §3). */
export const ZTaskBody = z.object({
  name: z.string().min(1).max(255),
  destination_extension: id,
  dial_time_id: id,
  maximumcall: z.number().int().min(1).max(10_000),
  sub_user_id: z.string().optional(),
  remark: z.string().max(1000).optional(),
  bridge_group_id: z.number().int().optional(),
  enable_type: flag.optional(),
  is_call_in: flag.optional(),
  auto_recycle_rule_id: z.number().int().optional(),
  end_action: flag.optional(),
  background_id: z.number().int().optional(),
  llm_intention_id: z.number().int().optional(),
  recycle_limit: z.number().int().min(0).max(100).optional(),
  task_extras: z.object({
    start_time: z.string().regex(DATETIME),
    stop_time: z.string().regex(DATETIME),
    // "不传也需要传空数组": both must be present, even empty.
    holiday: z.array(z.object({ start: z.string(), end: z.string() })).max(366),
    line: z.array(z.union([z.string(), z.object({ id: z.string(), limit: z.number().optional() })])).max(100),
    interval_time: z.number().int().min(0).optional(),
    pop_mode: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    redial_enabled: flag.optional(),
    redial_max_times: z.number().int().min(0).max(100).optional(),
    redial_interval: z.number().int().min(0).optional(),
    redial_new_number_policy: z.number().int().optional(),
    redial_conditions: z.object({ da_status: z.array(z.union([z.number().int().min(0).max(12), z.string()])).max(13) }).optional(),
  }),
});
export type TaskBody = z.infer<typeof ZTaskBody>;

const ZNumberRow = z.object({
  phone: z.string().min(1).max(40),
  name: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
  company: z.string().max(200).optional(),
  extra: z.string().max(2000).optional(),
  sub_user_id: z.string().optional(),
});
export type NumberRow = z.infer<typeof ZNumberRow>;

/** 批量添加号码(同步接口): "每次最多导入100条数据". */
export const ZSyncImport = z.object({
  ignore_crm: z.union([z.boolean(), flag]).optional(),
  skip_error: z.union([z.boolean(), flag]).optional(),
  number_add_suffix: z.union([z.boolean(), flag]).optional(),
  encryption: z.union([z.boolean(), flag]).optional(),
  data: z.array(ZNumberRow).min(1).max(100),
});

/** 批量添加号码(异步接口): "每次最多导入200条数据". */
export const ZAsyncImport = z.object({
  ignore_crm: z.union([z.boolean(), flag]).optional(),
  number_add_suffix: z.union([z.boolean(), flag]).optional(),
  data: z.array(ZNumberRow).min(1).max(200),
});

/** 批量删除号码: customer_info_list required. INFERENCE (docs/providers/yunfu.md §7): at most 100, as the customer-pool delete. */
export const ZBatchDelete = z.object({
  customer_info_list: z.array(z.object({ phone: z.string().min(1).max(40) })).min(1).max(100),
  encryption: z.boolean().optional(),
  sub_user_id: z.string().optional(),
});

/** The numbers the platform dials: mainland mobiles and landlines (every docs sample is one). */
export const dialablePhone = (phone: string) => /^1\d{10}$/.test(phone) || /^0\d{9,11}$/.test(phone);
