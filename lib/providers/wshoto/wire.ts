// WShoto (微盛·企微管家) open API wire format, as documented (docs/providers/wshoto.md, seed 003): zod
// schemas of the responses the client reads, and the request shapes it sends. The simulator may import the
// types of this file only (it validates requests its own way).
//
// docs/providers/wshoto.md §4 "int64 ids": template_id and other `long` fields are bare JSON numbers above
// 2^53 (e.g. 1254676189925432389, which JSON.parse turns into 1254676189925432300). So nothing
// here uses JSON.parse/JSON.stringify: responses are read with unsafe integers kept as digit
// strings, and ids are sent back as bare digits through LosslessNumber.
import { isInteger, isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";
import { z } from "zod";

/** Response JSON → JS values; integers beyond Number.MAX_SAFE_INTEGER become digit strings (ids stay exact). */
export function parseWshotoResponse(text: string): unknown {
  return parse(text, null, (digits) => (isUnsafeInteger(digits) ? digits : Number(digits)));
}

// Only integers are kept exact: a long decimal (a rate) loses insignificant digits either way.
function isUnsafeInteger(digits: string): boolean {
  return isInteger(digits) && !isSafeNumber(digits);
}

/** JSON text with every LosslessNumber written as bare digits. */
export function stringifyWshoto(value: unknown): string {
  return stringify(value) ?? "null";
}

const DIGITS = /^-?\d{1,19}$/;

/** An id string as the bare JSON number WShoto expects (`long`). Throws on anything but digits. */
export function wshotoLong(id: string): LosslessNumber {
  if (!DIGITS.test(id)) throw new RangeError(`WShoto ids are integers, got "${id}"`);
  return new LosslessNumber(id);
}

/** A `long` in a response: a safe number or (beyond 2^53) the digit string parseWshotoResponse kept. */
export const ZLongOut = z.union([z.string().regex(DIGITS), z.number().int()]).transform((v) => String(v));

export const WSHOTO_PATHS = {
  accessToken: "/openapi/access_token",
  taskList: "/openapi/task/follow_up/page_query_task_info_list",
  taskDetail: "/openapi/task/follow_up/query_task_detail_info",
  executionList: "/openapi/task/follow_up/page_query_user_execute_info_list",
  massTaskDetail: "/openapi/mass_send/corp/get_mass_task_detail",
} as const;

// ---- envelope -------------------------------------------------------------------------------

/** `{"code":0,"msg":"请求成功","data":…}`; non-zero code = failure (docs/providers/wshoto.md §5). */
export const ZEnvelope = z.object({
  code: z.number().int(),
  msg: z.string().nullish(),
  data: z.unknown().optional(),
});
export type TEnvelope = z.infer<typeof ZEnvelope>;

// Token-invalid codes are THIRD-PARTY (docs/providers/wshoto.md §5: the "wecom-weisheng-scrm" skill
// refreshes the token on {10001, 10010, 10011}); WShoto's own table is NOT FOUND.
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([10001, 10010, 10011]);

// The rest of WShoto's error-code table is NOT FOUND. INFERENCE (docs/providers/wshoto.md §5): the codes our
// simulator chose for the documented refusals; the client explains them, a real host's other codes are
// shown with its msg.
export const WSHOTO_CODES = {
  ok: 0,
  /** WeCom's "invalid credential" code, borrowed (INFERENCE, docs/providers/wshoto.md §5). */
  badCredentials: 40001,
  missingParameter: 40002,
  pageSizeTooLarge: 40003,
  timeWindowTooLong: 40004,
  taskNotFound: 40005,
} as const;

// ---- access_token ---------------------------------------------------------------------------

/** GET /openapi/access_token?appid=&app_secret= → data. */
export const ZAccessTokenData = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  create_at: z.number().int().nullish(),
});
export type TAccessTokenData = z.infer<typeof ZAccessTokenData>;

// ---- task list / detail ---------------------------------------------------------------------

/** page_size at most 100 (docs/providers/wshoto.md §7). */
export const PAGE_SIZE_MAX = 100;
/** start_time/end_time at most 90 days apart (docs/providers/wshoto.md §7 任务列表). */
export const LIST_WINDOW_MAX_SECONDS = 90 * 24 * 3600;

/** A material (素材) of `explain` or `verbal_wrap` (seed 003). */
export const ZMaterial = z.object({
  id: ZLongOut.nullish(),
  uuid: z.string().nullish(),
  type: z.number().int().nullish(),
  act_child_type: z.number().int().nullish(),
  combination_id: z.string().nullish(),
  package_config_id: z.string().nullish(),
  send_type: z.number().int().nullish(),
  is_poster: z.boolean().nullish(),
});

export const ZExplain = z.object({
  content: z.string().nullish(),
  materials: z.array(ZMaterial).nullish(),
});

// The seed's field table says `verbal_title`, its example shows `verbal_type`; accept both.
export const ZVerbalWrap = z.object({
  verbal_title: z.string().nullish(),
  verbal_type: z.number().int().nullish(),
  materials: z.array(ZMaterial).nullish(),
});

/** query_task_detail_info → data (seed 003). Times are Unix seconds. */
export const ZTaskDetail = z.object({
  template_id: ZLongOut,
  template_name: z.string().nullish(),
  template_type: z.number().int().nullish(),
  priority: z.number().int().nullish(),
  create_user_id: z.string().nullish(),
  delay_type: z.number().int().nullish(),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  end_time: z.number().nullish(),
  send_time: z.number().nullish(),
  status: z.number().int(),
  task_mode: z.number().int().nullish(),
  task_ext_type: z.union([z.number(), z.string()]).nullish(),
  source: z.number().int().nullish(),
  error_info: z.string().nullish(),
  filter_type: z.number().int().nullish(),
  explain: ZExplain.nullish(),
  verbal_wrap: ZVerbalWrap.nullish(),
  filter_range_info: z.string().nullish(),
});
export type TTaskDetail = z.infer<typeof ZTaskDetail>;

// INFERENCE (docs/providers/wshoto.md §3): the list's record fields are not documented; the list example
// carries template_id values, and the records are read with the detail's field names, all but id and status
// optional.
export const ZTaskRecord = ZTaskDetail.partial().required({ template_id: true, status: true });
export type TTaskRecord = z.infer<typeof ZTaskRecord>;

export const ZTaskPage = z.object({
  total: z.number().int().nullish(),
  records: z.array(z.unknown()).nullish(),
});

/** page_query_task_info_list request body (docs/providers/wshoto.md §7 任务列表(新)). */
export interface TTaskListRequest {
  /** Unix seconds; with end_time or not at all, at most LIST_WINDOW_MAX_SECONDS before it. */
  start_time?: number;
  end_time?: number;
  template_name?: string;
  current_index?: number;
  page_size?: number;
  status_list?: number[];
  task_ext_type?: string;
  task_type?: number;
  create_user_ids?: string[];
}

/** query_task_detail_info request body: `template_id` is a `long`, sent as bare digits (wshotoLong). */
export interface TTaskDetailRequest {
  template_id: LosslessNumber;
}

// ---- employee execution ---------------------------------------------------------------------

/** page_query_user_execute_info_list record; `status` 1 not executed, 2 executing, 3 done; complete_rate 0–100. */
export const ZExecutionRecord = z.object({
  id: ZLongOut.nullish(),
  template_id: ZLongOut.nullish(),
  status: z.number().int(),
  user_id: z.string(),
  plan_target_qty: z.number().int().min(0),
  followed_target_qty: z.number().int().min(0),
  no_follow_target_qty: z.number().int().min(0).nullish(),
  complete_rate: z.number().min(0).max(100).nullish(),
});
export type TExecutionRecord = z.infer<typeof ZExecutionRecord>;

export const ZExecutionPage = z.object({
  total: z.number().int().nullish(),
  records: z.array(ZExecutionRecord).nullish(),
});

/** page_query_user_execute_info_list request body. */
export interface TExecutionListRequest {
  template_id: LosslessNumber;
  current_index?: number;
  page_size?: number;
}

// ---- super mass-send ------------------------------------------------------------------------

/** get_mass_task_detail takes `task_id` as a `long` (its execute-detail sibling takes a string). */
export interface TMassTaskDetailRequest {
  task_id: LosslessNumber;
}

// INFERENCE (docs/providers/wshoto.md §8): get_mass_task_detail's response fields are not documented; only
// the id is read, the rest is kept as the raw provider record.
export const ZMassTaskDetail = z.looseObject({ task_id: ZLongOut.nullish() });
