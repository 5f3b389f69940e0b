// The WShoto open API as this simulator reads the documents (docs/providers/wshoto.md): paths, the
// {code, msg, data} envelope, the codes it answers with, the documented limits, and its own reading of
// request bodies. It shares no code with the client: ids are told apart here as bare or quoted `long`s with
// lossless-json directly, and every body is checked against this file's own schemas.
import { isInteger, isLosslessNumber, isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";
import { z } from "zod";
import type { SimResponse } from "../core/http";

export const PATHS = {
  accessToken: "/openapi/access_token",
  taskList: "/openapi/task/follow_up/page_query_task_info_list",
  taskDetail: "/openapi/task/follow_up/query_task_detail_info",
  executionList: "/openapi/task/follow_up/page_query_user_execute_info_list",
  massTaskDetail: "/openapi/mass_send/corp/get_mass_task_detail",
} as const;

/** page_size: default 20, at most 100 (任务列表(新), 获取员工执行情况列表). */
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
/** start_time and end_time at most 90 days apart (任务列表(新)). */
export const WINDOW_MAX_SECONDS = 90 * 86_400;
/** expires_in of the access_token endpoint's example. */
export const TOKEN_LIFETIME_SECONDS = 7200;

// WShoto's code table is NOT FOUND (docs/providers/wshoto.md §5). INFERENCE, our choice for each documented
// refusal: the token codes a third-party client refreshes on, WeCom's 42001 for an expired token (WShoto
// runs on WeCom), WeCom's 40001 for wrong app credentials, and 4000x for the request checks.
export const CODES = {
  ok: 0,
  tokenMissingOrUnknown: 10001,
  tokenExpired: 42001,
  badCredentials: 40001,
  missingParameter: 40002,
  pageSizeTooLarge: 40003,
  windowTooLong: 40004,
  taskNotFound: 40005,
  invalidParameter: 40006,
} as const;

/** A refusal, answered as HTTP 200 with a non-zero code (the envelope of docs/providers/wshoto.md §5). */
export class WshotoFailure extends Error {
  constructor(
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

export function envelope(code: number, msg: string, data?: unknown): SimResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: stringify(data === undefined ? { code, msg } : { code, msg, data }) ?? "null",
  };
}

/** A 19-digit id written as a bare JSON number, as WShoto's examples print them. */
export const long = (id: string) => new LosslessNumber(id);

/** Request JSON with integers beyond 2^53 kept as LosslessNumber (a quoted id stays a string). */
function parseBody(text: string): unknown {
  return parse(text, null, (digits) => (isInteger(digits) && !isSafeNumber(digits) ? new LosslessNumber(digits) : Number(digits)));
}

const DIGITS = /^\d{1,19}$/;

/** A documented `long`: a bare JSON integer, never a quoted one. */
const ZLong = z
  .union([z.number().int().nonnegative(), z.custom<LosslessNumber>((v) => isLosslessNumber(v) && DIGITS.test(v.value))])
  .transform((v) => String(v));

const ZIndex = z.number().int().min(1).max(1_000_000);
const ZPageSize = z.number().int().min(1);
const ZSeconds = z.number().int().nonnegative();

export const ZTaskListBody = z.object({
  start_time: ZSeconds.optional(),
  end_time: ZSeconds.optional(),
  template_name: z.string().max(200).optional(),
  current_index: ZIndex.optional(),
  page_size: ZPageSize.optional(),
  status_list: z.array(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)])).max(6).optional(),
  task_ext_type: z.string().max(50).optional(),
  task_type: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  create_user_ids: z.array(z.string().max(100)).max(1000).optional(),
});

export const ZTaskDetailBody = z.object({ template_id: ZLong });
export const ZExecutionListBody = z.object({ template_id: ZLong, current_index: ZIndex.optional(), page_size: ZPageSize.optional() });
export const ZMassTaskDetailBody = z.object({ task_id: ZLong });

/** The body read with `schema`; a missing field is 40002, anything else malformed 40006. */
export function readBody<S extends z.ZodType>(rawBody: string, schema: S): z.output<S> {
  let body: unknown;
  try {
    body = rawBody.trim() === "" ? {} : parseBody(rawBody);
  } catch {
    throw new WshotoFailure(CODES.invalidParameter, "请求体不是合法的JSON");
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join(".") || "body";
  const absent = typeof body === "object" && body !== null && !(String(issue.path[0]) in body);
  if (absent) throw new WshotoFailure(CODES.missingParameter, `${field}不能为空`);
  throw new WshotoFailure(CODES.invalidParameter, `${field}参数格式错误`);
}

export function pageSizeOf(pageSize: number | undefined): number {
  const size = pageSize ?? PAGE_SIZE_DEFAULT;
  if (size > PAGE_SIZE_MAX) throw new WshotoFailure(CODES.pageSizeTooLarge, `page_size不能超过${PAGE_SIZE_MAX}`);
  return size;
}
