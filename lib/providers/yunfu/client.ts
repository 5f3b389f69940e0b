// Yunfu agent-api over HTTP: Bearer auth, the {code,status,message,meta,data} envelope, and the
// provider's codes as ProviderErrors a manager can act on. Paths per providers.md §1 / addendum §1.
import type { z } from "zod";
import type { LocalizedText } from "../../domain/call-time-group";
import { ProviderError } from "../errors";
import { httpStatusError, sendWithRetry } from "../http";
import type { ProviderContext } from "../types";
import { bearerHeaders } from "./sign";
import { ZYunfuEnvelope, type TYunfuMeta } from "./wire";

const PROVIDER = "yunfu" as const;

export interface YunfuAnswer<T> {
  data: T;
  meta: TYunfuMeta | undefined;
  message: string;
}

interface CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Reads are retried by sendWithRetry; mutations never are. */
  safe: boolean;
}

/** The provider's codes, as documented (6007) or as the simulator and Laravel answer them. */
const CODE_MESSAGES: Record<number, LocalizedText> = {
  401: {
    en: "Yunfu rejected the API token. Copy it again from the Yunfu console (AI客户联络 → 开发指引 → 查看认证 token).",
    zh: "云蝠拒绝了 API 令牌，请在云蝠控制台（AI客户联络 → 开发指引 → 查看认证 token）重新复制。",
  },
  403: { en: "This Yunfu account may not do that.", zh: "该云蝠账号无权执行此操作。" },
  404: { en: "Yunfu does not know this task or time group (deleted?).", zh: "云蝠找不到该任务或时间组（可能已删除）。" },
  6007: {
    en: "Pause the task before adding numbers: Yunfu refuses numbers for a running 2.0 task.",
    zh: "请先暂停任务再添加号码：云蝠不允许向运行中的 2.0 任务导入号码。",
  },
};

export function settingOrThrow(ctx: ProviderContext, key: string, label: LocalizedText): string {
  const value = ctx.settings[key]?.trim();
  if (!value) {
    throw new ProviderError({
      provider: PROVIDER,
      code: "CONFIG",
      providerMessage: `missing setting ${key}`,
      userMessage: { en: `Set the ${label.en} of this Yunfu account.`, zh: `请填写该云蝠账号的${label.zh}。` },
    });
  }
  return value;
}

export function userIdOf(ctx: ProviderContext): string {
  return encodeURIComponent(settingOrThrow(ctx, "userId", { en: "user id", zh: "用户 ID" }));
}

function errorFromEnvelope(code: number, message: string, httpStatus: number): ProviderError {
  const known = CODE_MESSAGES[code];
  const validation = code === 422 || httpStatus === 422;
  return new ProviderError({
    provider: PROVIDER,
    code: String(code),
    providerMessage: message,
    httpStatus,
    retryable: code === 429 || (code >= 500 && code < 600),
    userMessage:
      known ??
      (validation
        ? { en: `Yunfu rejected the values: ${message}`, zh: `云蝠拒绝了提交的内容：${message}` }
        : { en: `Yunfu refused the request (code ${code}): ${message}`, zh: `云蝠拒绝了请求（代码 ${code}）：${message}` }),
  });
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
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  let body: string | undefined;
  if (opts.body !== undefined) {
    const withSub =
      subUserId && typeof opts.body === "object" && opts.body !== null && !Array.isArray(opts.body)
        ? { sub_user_id: subUserId, ...opts.body }
        : opts.body;
    body = JSON.stringify(withSub);
  }

  const res = await sendWithRetry(PROVIDER, ctx, () => ({
    method,
    url: url.toString(),
    headers: bearerHeaders(token),
    body,
    safe: opts.safe,
  }));

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
  if (env.code !== 200 || env.status !== "success") throw errorFromEnvelope(env.code, env.message, res.status);
  if (res.status < 200 || res.status >= 300) throw httpStatusError(PROVIDER, res.status, res.text);
  if (!dataSchema) return { data: env.data as T, meta: env.meta, message: env.message };
  const data = dataSchema.safeParse(env.data);
  if (!data.success) throw badResponse(`unexpected data for ${method} ${path}: ${data.error.issues[0]?.message ?? ""}`);
  return { data: data.data, meta: env.meta, message: env.message };
}

function badResponse(detail: string): ProviderError {
  return new ProviderError({
    provider: PROVIDER,
    code: "BAD_RESPONSE",
    providerMessage: detail,
    userMessage: {
      en: "Yunfu answered in an unexpected format. Check the base URL of the account.",
      zh: "云蝠返回的格式异常，请检查账号的接口地址。",
    },
  });
}

/** A local refusal, before anything is sent (e.g. a batch larger than Yunfu takes). */
export function localError(code: string, detail: string, userMessage: LocalizedText): ProviderError {
  return new ProviderError({ provider: PROVIDER, code, providerMessage: detail, userMessage });
}
