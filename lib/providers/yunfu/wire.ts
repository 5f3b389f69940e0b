// Yunfu AI (云蝠智能) agent-api wire format, as documented (docs/providers/yunfu.md, seed 000): zod schemas of
// the answers the client reads and the bodies it sends. The simulator may import the types of this file only.
// Schemas accept the documented quirks: meta.per_page as a string, "9:00" beside "09:00",
// destination_extension as a number or a string, and unknown extra fields (the rows carry dozens).
import { z } from "zod";

// Laravel-style paginator meta; the record list example sends per_page as "1" (docs/providers/yunfu.md §8).
export const ZYunfuMeta = z.looseObject({
  has_pages: z.boolean().optional(),
  total: z.coerce.number().optional(),
  last_page: z.coerce.number().optional(),
  current_page: z.coerce.number().optional(),
  per_page: z.coerce.number().optional(),
});
export type TYunfuMeta = z.infer<typeof ZYunfuMeta>;

/** Every answer: {code, status, message, meta?, data}. code 200 + status "success" is the only success. */
export const ZYunfuEnvelope = z.looseObject({
  code: z.coerce.number(),
  status: z.string(),
  message: z.string().optional().default(""),
  meta: ZYunfuMeta.optional(),
  data: z.unknown(),
});
export type TYunfuEnvelope = z.infer<typeof ZYunfuEnvelope>;

// ---------------------------------------------------------------- call-time groups (呼叫时间组)

/** "9:00" and "09:00" both appear (seed 000). Laravel's H:i stops at 23:59. */
export const YUNFU_TIME = /^\d{1,2}:\d{2}$/;

export const ZYunfuTimeSlot = z.object({
  begin_time: z.string().regex(YUNFU_TIME),
  end_time: z.string().regex(YUNFU_TIME),
});

/** `week` 0 = Monday per the seed; the account's weekBase setting decides (docs/providers/yunfu.md §5). */
export const ZYunfuDayContent = z.object({
  week: z.coerce.number().int().min(0).max(6),
  times: z.array(ZYunfuTimeSlot),
});
export type TYunfuDayContent = z.infer<typeof ZYunfuDayContent>;

/** Body of POST/PUT /agent-api/user/{user_id}/dial-time-group. */
export const ZYunfuDialTimeGroupBody = z.object({
  name: z.string().min(1),
  content: z.array(ZYunfuDayContent).min(1),
  is_default: z.boolean(),
  skip_holiday: z.boolean(),
  sub_user_id: z.string().optional(),
});
export type TYunfuDialTimeGroupBody = z.infer<typeof ZYunfuDialTimeGroupBody>;

/** A group as listed, and as embedded in the callback's time_range (the seed's second group has no name). */
export const ZYunfuDialTimeGroup = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string().nullish(),
  content: z.array(ZYunfuDayContent),
  skip_holiday: z.boolean().optional().default(false),
  is_default: z.boolean().optional().default(false),
});
export type TYunfuDialTimeGroup = z.infer<typeof ZYunfuDialTimeGroup>;

// ---------------------------------------------------------------- tasks (2.0)

/** Redial settings inside task_extras (docs.longlonglong 任务创建 example). */
export const ZYunfuRedial = z.object({
  redial_enabled: z.union([z.literal(0), z.literal(1)]),
  redial_max_times: z.number().int().min(0).optional(),
  /** Minutes between redials (INFERENCE, docs/providers/yunfu.md §6: the unit is not stated; the example sends 3). */
  redial_interval: z.number().int().min(0).optional(),
  redial_new_number_policy: z.number().int().optional(),
  redial_conditions: z.object({ da_status: z.array(z.union([z.number().int(), z.string()])) }).optional(),
});
export type TYunfuRedial = z.infer<typeof ZYunfuRedial>;

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export const ZYunfuTaskExtras = z.looseObject({
  start_time: z.string().regex(DATETIME),
  stop_time: z.string().regex(DATETIME),
  // "must be sent, even as []" (2.0任务创建; docs/providers/yunfu.md §3): required arrays, possibly empty.
  holiday: z.array(z.looseObject({})),
  line: z.array(z.union([z.string(), z.looseObject({ id: z.string(), limit: z.number().optional() })])),
  interval_time: z.number().int().min(0).optional(),
  pop_mode: z.number().int().min(0).max(2).optional(),
  ...ZYunfuRedial.partial().shape,
});
export type TYunfuTaskExtras = z.infer<typeof ZYunfuTaskExtras>;

/** Body of POST /agent-api/new/user/{user_id}/task and PUT …/task/{task_id}. */
export const ZYunfuTaskBody = z.looseObject({
  name: z.string().min(1),
  destination_extension: z.union([z.number().int(), z.string().min(1)]),
  dial_time_id: z.union([z.number().int(), z.string().min(1)]),
  maximumcall: z.number().int().min(1),
  remark: z.string().optional(),
  sub_user_id: z.string().optional(),
  bridge_group_id: z.number().int().optional(),
  enable_type: z.number().int().optional(),
  is_call_in: z.number().int().optional(),
  auto_recycle_rule_id: z.number().int().optional(),
  end_action: z.number().int().min(0).max(1).optional(),
  background_id: z.number().int().optional(),
  llm_intention_id: z.number().int().optional(),
  /** Seen on task rows and the callback ("呼叫失败最大重拨次数"); sent beside the 2.0 redial_* fields. */
  recycle_limit: z.number().int().min(0).optional(),
  task_extras: ZYunfuTaskExtras,
});
export type TYunfuTaskBody = z.infer<typeof ZYunfuTaskBody>;

/** new_task_extra of a 2.0 task row (list and edit). */
export const ZYunfuNewTaskExtra = z.looseObject({
  enable: z.boolean().optional(),
  call_status: z.boolean().optional(),
  number_count: z.coerce.number().optional(),
  start_time: z.string().nullish(),
  stop_time: z.string().nullish(),
  limit: z.coerce.number().nullish(),
  redial_enabled: z.coerce.number().nullish(),
  redial_max_times: z.coerce.number().nullish(),
});

/** A 2.0 task row (subset_task list, edit, create answer). */
export const ZYunfuTask = z.looseObject({
  uuid: z.string().min(1),
  name: z.string(),
  create_datetime: z.string().nullish(),
  alter_datetime: z.string().nullish(),
  enable: z.boolean().optional(),
  maximumcall: z.coerce.number().nullish(),
  recycle_limit: z.coerce.number().nullish(),
  dial_time_id: z.union([z.number(), z.string()]).nullish(),
  remark: z.string().nullish(),
  /** Edit only: 1 paused, 2 running, 3 waiting (all_task enum). */
  status: z.coerce.number().optional(),
  status_str: z.string().optional(),
  new_task_extra: ZYunfuNewTaskExtra.nullish(),
});
export type TYunfuTask = z.infer<typeof ZYunfuTask>;

// ---------------------------------------------------------------- numbers

export const ZYunfuNumberRow = z.looseObject({
  phone: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  company: z.string().optional(),
  extra: z.string().optional(),
  sub_user_id: z.string().optional(),
});
export type TYunfuNumberRow = z.infer<typeof ZYunfuNumberRow>;

/** Body of POST /agent-api/user/{user_id}/task/{task_id}/number (sync import, ≤ 100 rows). */
export const ZYunfuNumberImport = z.object({
  ignore_crm: z.number().int().optional(),
  skip_error: z.number().int().optional(),
  number_add_suffix: z.number().int().optional(),
  encryption: z.number().int().optional(),
  data: z.array(ZYunfuNumberRow).min(1),
});
export type TYunfuNumberImport = z.infer<typeof ZYunfuNumberImport>;

/**
 * Answer data of the sync import. INFERENCE (docs/providers/yunfu.md §7): the docs show no example; with
 * skip_error the platform imports the valid rows and reports the rest, which is what these fields carry.
 */
export const ZYunfuNumberImportResult = z.looseObject({
  success: z.coerce.number().optional(),
  fail: z.coerce.number().optional(),
  errors: z.array(z.looseObject({ phone: z.string(), message: z.string() })).optional(),
});

/** Body of POST …/task/{task_id}/async_number (≤ 200 rows, no skip_error: the import runs later). */
export interface TYunfuAsyncNumberImport {
  ignore_crm?: boolean;
  number_add_suffix?: boolean;
  data: TYunfuNumberRow[];
}

/** Body of DELETE …/task/{task_id}/number-batch-delete. */
export interface TYunfuNumberBatchDelete {
  customer_info_list: { phone: string }[];
}

/**
 * A row of GET …/task/{task_id}/number. INFERENCE (docs/providers/yunfu.md §7): the response example is NOT
 * FOUND; a row carries the imported `phone`, the row id and the number's call status (the 0–12 codes that
 * 批量重置号码状态 documents for its `status` filter).
 */
export const ZYunfuNumber = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String).nullish(),
  phone: z.string().min(1),
  status: z.coerce.number().int().min(0).max(12).nullish(),
});
export type TYunfuNumber = z.infer<typeof ZYunfuNumber>;

// ---------------------------------------------------------------- call records

/**
 * The fields Dialboard reads from a row of GET /agent-api/user/{id}/task/{task_id}/record. Rows are read one
 * by one (call-records.ts), never as one array: a row that does not fit is counted and skipped. The number
 * is in `number_data.number` (the call callback's shape) or `phone` (the CRM fields of the list example);
 * `callid` = `record_id` (docs/providers/yunfu.md §8).
 */
export const ZYunfuCallRow = z.looseObject({
  callid: z.union([z.string().min(1), z.number()]).transform(String).nullish(),
  record_id: z.union([z.string().min(1), z.number()]).transform(String).nullish(),
  phone: z.string().nullish().catch(null),
  number_data: z.looseObject({ number: z.string().nullish().catch(null) }).nullish().catch(null),
  /** The 13-code call status (1 = 呼叫成功), when the row carries it. */
  status: z.coerce.number().int().min(0).max(12).nullish().catch(null),
  calldate: z.string().nullish().catch(null),
  answerdate: z.string().nullish().catch(null),
  hangupdate: z.string().nullish().catch(null),
  /** Talk time in seconds (the call callback: "bill": 43 //通话时长 - 秒). */
  bill: z.coerce.number().nonnegative().nullish().catch(null),
});
export type TYunfuCallRow = z.infer<typeof ZYunfuCallRow>;

/** GET …/task/{task_id}/detail/{record_id} → data.records[]: one entry per sentence; `callee` is the number. */
export const ZYunfuCallDetail = z.looseObject({
  records: z.array(z.looseObject({ callee: z.string().nullish().catch(null) })).catch([]),
});

// ---------------------------------------------------------------- callback (seed 000)

export const ZYunfuTaskCallback = z.looseObject({
  /** 1 created, 2 deleted. */
  type: z.coerce.number().int().refine((t) => t === 1 || t === 2, "type must be 1 or 2"),
  mode: z.string().optional(),
  task_data: z.looseObject({
    uuid: z.string().min(1),
    name: z.string().optional().default(""),
    start: z.coerce.number().optional(),
    start_str: z.string().optional(),
    maximumcall: z.coerce.number().nullish(),
    recycle_limit: z.coerce.number().nullish(),
    task_type: z.coerce.number().optional(),
    create_datetime: z.string().nullish(),
    alter_datetime: z.string().nullish(),
    time_range: z.array(ZYunfuDialTimeGroup).optional().default([]),
  }),
});
export type TYunfuTaskCallback = z.infer<typeof ZYunfuTaskCallback>;
