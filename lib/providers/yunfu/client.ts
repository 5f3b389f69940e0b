// Yunfu agent-api over HTTP: Bearer auth, the {code,status,message,meta,data} envelope, and the provider's
// codes as ProviderErrors a manager can act on (docs/providers/yunfu.md §1, docs/providers/yunfu.md §2).
import type { z } from "zod";
import type { LocalizedText } from "../../domain/call-time-group";
import { ProviderError } from "../errors";
import { httpStatusError, sendWithRetry } from "../http";
import type { ProviderContext } from "../types";
import { bearerHeaders } from "./sign";
import { yunfuText, yunfuTextPer } from "./text";
import { ZYunfuEnvelope, type TYunfuMeta } from "./wire";

const PROVIDER = "yunfu" as const;

export interface YunfuAnswer<T> {
  data: T;
  meta: TYunfuMeta | undefined;
  message: string;
}

export interface CallOptions {
  query?: Record<string, string | number | string[] | undefined>;
  body?: unknown;
  /** Reads are retried by sendWithRetry; mutations never are. */
  safe: boolean;
  /**
   * The form field a refusal is about: from the Laravel validation errors' field names (a 422 answer's data,
   * docs/providers/yunfu.md §2), or one field for every refusal of this call (a number import → "contacts").
   */
  field?: string | ((wireField: string) => string | undefined);
}

/** The provider's codes: 6007 is documented; 401/403/404/422 are how its Laravel API answers (INFERENCE, docs/providers/yunfu.md §2). */
const CODE_MESSAGES: Record<number, () => LocalizedText> = {
  401: () => yunfuText("error.token"),
  403: () => yunfuText("error.forbidden"),
  404: () => yunfuText("error.notFound"),
  6007: () => yunfuText("error.pauseBeforeNumbers"),
};

export function settingOrThrow(ctx: ProviderContext, key: string, label: LocalizedText): string {
  const value = ctx.settings[key]?.trim();
  if (!value) {
    throw new ProviderError({
      provider: PROVIDER,
      code: "CONFIG",
      providerMessage: `missing setting ${key}`,
      userMessage: yunfuTextPer("error.setting", (lang) => ({ setting: label[lang] })),
    });
  }
  return value;
}

export function userIdOf(ctx: ProviderContext): string {
  return encodeURIComponent(settingOrThrow(ctx, "userId", yunfuText("setting.userId")));
}

/** Field names of a Laravel validation answer: data = {"name": ["…"], "task_extras.start_time": ["…"]}. */
function invalidFields(data: unknown): string[] {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return [];
  return Object.entries(data)
    .filter(([, messages]) => Array.isArray(messages) && messages.every((m) => typeof m === "string"))
    .map(([name]) => name);
}

function fieldFor(opts: Pick<CallOptions, "field">, data: unknown): string | undefined {
  if (typeof opts.field === "string") return opts.field;
  const map = opts.field;
  if (!map) return undefined;
  for (const name of invalidFields(data)) {
    const field = map(name);
    if (field) return field;
  }
  return undefined;
}

function errorFromEnvelope(code: number, message: string, httpStatus: number, field?: string): ProviderError {
  const known = CODE_MESSAGES[code];
  const validation = code === 422 || httpStatus === 422;
  return new ProviderError({
    provider: PROVIDER,
    code: String(code),
    providerMessage: message,
    httpStatus,
    retryable: code === 429 || (code >= 500 && code < 600),
    field,
    userMessage: known
      ? known()
      : validation
        ? yunfuText("error.invalid", { detail: message })
        : yunfuText("error.refused", { code, detail: message }),
  });
}

function badResponse(detail: string): ProviderError {
  return new ProviderError({ provider: PROVIDER, code: "BAD_RESPONSE", providerMessage: detail, userMessage: yunfuText("error.badResponse") });
}

/** One call to the agent-api; returns data/meta of a success envelope, throws ProviderError otherwise. */
export async function callYunfu<T = unknown>(
  ctx: ProviderContext,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  opts: CallOptions,
  dataSchema?: z.ZodType<T>,
): Promise<YunfuAnswer<T>> {
  const token = ctx.credentials.token?.trim();
  if (!token) throw errorFromEnvelope(401, "no token configured", 401);
  const url = new URL(path, ctx.baseUrl.endsWith("/") ? ctx.baseUrl : `${ctx.baseUrl}/`);
  const query = { ...opts.query };
  const subUserId = ctx.settings.subUserId?.trim();
  // sub_user_id "传递此参数则是对子账户操作": in the query for calls without a body, in the body otherwise.
  if (subUserId && opts.body === undefined) query.sub_user_id = subUserId;
  for (const [k, v] of Object.entries(query)) {
    // Laravel reads `status[]=1&status[]=2` as an array.
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(`${k}[]`, item);
    else if (v !== undefined) url.searchParams.set(k, String(v));
  }
  let body: string | undefined;
  if (opts.body !== undefined) {
    const withSub =
      subUserId && typeof opts.body === "object" && opts.body !== null && !Array.isArray(opts.body)
        ? { sub_user_id: subUserId, ...opts.body }
        : opts.body;
    body = JSON.stringify(withSub);
  }

  const res = await sendWithRetry(PROVIDER, ctx, () => ({ method, url: url.toString(), headers: bearerHeaders(token), body, safe: opts.safe }));

  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(res.text);
  } catch {
    if (res.status === 401) throw errorFromEnvelope(401, res.text.slice(0, 200), 401);
    if (res.status < 200 || res.status >= 300) throw httpStatusError(PROVIDER, res.status, res.text);
    throw badResponse("answer is not JSON");
  }
  const envelope = ZYunfuEnvelope.safeParse(parsedJson);
  if (!envelope.success) {
    if (res.status === 401) throw errorFromEnvelope(401, res.text.slice(0, 200), 401);
    if (res.status < 200 || res.status >= 300) throw httpStatusError(PROVIDER, res.status, res.text);
    throw badResponse("answer is not the {code,status,data} envelope");
  }
  const env = envelope.data;
  if (env.code !== 200 || env.status !== "success") throw errorFromEnvelope(env.code, env.message, res.status, fieldFor(opts, env.data));
  if (res.status < 200 || res.status >= 300) throw httpStatusError(PROVIDER, res.status, res.text);
  if (!dataSchema) return { data: env.data as T, meta: env.meta, message: env.message };
  const data = dataSchema.safeParse(env.data);
  if (!data.success) throw badResponse(`unexpected data for ${method} ${path}: ${data.error.issues[0]?.message ?? ""}`);
  return { data: data.data, meta: env.meta, message: env.message };
}

/** A local refusal, before anything is sent (e.g. a batch larger than Yunfu takes). */
export function localError(code: string, detail: string, userMessage: LocalizedText, field?: string): ProviderError {
  return new ProviderError({ provider: PROVIDER, code, providerMessage: detail, userMessage, field });
}
