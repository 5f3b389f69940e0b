// HTTP client for the WShoto open API (docs/providers/wshoto.md): a cached access_token passed as a query
// parameter, `{code, msg, data}` envelopes, and lossless JSON because ids are 19-digit longs.
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { LocalizedText } from "../../domain/call-time-group";
import { ProviderError } from "../errors";
import { httpStatusError, sendWithRetry, type HttpResponse } from "../http";
import type { ProviderContext } from "../types";
import { wshotoText } from "./text";
import {
  parseWshotoResponse,
  stringifyWshoto,
  TOKEN_INVALID_CODES,
  WSHOTO_PATHS as PATHS,
  WSHOTO_CODES,
  ZAccessTokenData,
  ZEnvelope,
  ZExecutionPage,
  ZMassTaskDetail,
  ZTaskDetail,
  ZTaskPage,
  ZTaskRecord,
  type TEnvelope,
  type TExecutionListRequest,
  type TExecutionRecord,
  type TMassTaskDetailRequest,
  type TTaskDetail,
  type TTaskDetailRequest,
  type TTaskListRequest,
  type TTaskRecord,
} from "./wire";

export interface WshotoRecord<T> {
  record: T;
  /** The record as WShoto sent it, JSON-safe (ids beyond 2^53 as digit strings). */
  raw: unknown;
}

// ---- errors ---------------------------------------------------------------------------------

/** What a manager should read for a WShoto code. Unknown codes show WShoto's own msg. */
export function wshotoErrorMessage(code: number, msg: string): LocalizedText {
  switch (code) {
    case WSHOTO_CODES.badCredentials:
      return wshotoText("error.badCredentials");
    case WSHOTO_CODES.missingParameter:
      return wshotoText("error.missingParameter", { detail: msg });
    case WSHOTO_CODES.pageSizeTooLarge:
      return wshotoText("error.pageSizeTooLarge");
    case WSHOTO_CODES.timeWindowTooLong:
      return wshotoText("error.windowTooLong");
    case WSHOTO_CODES.taskNotFound:
      return wshotoText("error.taskNotFound");
    default:
      return wshotoText("error.refused", { detail: msg, code });
  }
}

/**
 * Whether an answer says the access_token is not (or no longer) valid. WShoto's code table is NOT FOUND
 * (docs/providers/wshoto.md §5): the codes a third-party client refreshes on are one sign, a msg naming the
 * token (access_token / token / 凭证) is the other, so a token answer with a code nobody listed is still
 * recognised. Only the token is named, never a field: "template_id不能为空" is not a token answer.
 */
export function isTokenInvalid(env: TEnvelope): boolean {
  if (env.code === WSHOTO_CODES.ok) return false;
  return TOKEN_INVALID_CODES.has(env.code) || /access[_ ]?token|\btoken\b|令牌|凭证/i.test(env.msg ?? "");
}

function envelopeError(env: TEnvelope, httpStatus: number): ProviderError {
  const msg = env.msg ?? "";
  return new ProviderError({
    provider: "wshoto",
    code: String(env.code),
    providerMessage: msg,
    httpStatus,
    userMessage: wshotoErrorMessage(env.code, msg),
  });
}

function badResponse(detail: string, httpStatus: number): ProviderError {
  return new ProviderError({
    provider: "wshoto",
    code: "BAD_RESPONSE",
    providerMessage: detail.slice(0, 300),
    httpStatus,
    userMessage: wshotoText("error.badResponse"),
  });
}

/** The envelope of a response; an HTTP error without a readable envelope becomes HTTP_<status>. */
function readEnvelope(res: HttpResponse): TEnvelope {
  let body: unknown;
  try {
    body = parseWshotoResponse(res.text);
  } catch {
    if (res.status >= 400) throw httpStatusError("wshoto", res.status, res.text);
    throw badResponse(`not JSON: ${res.text}`, res.status);
  }
  const env = ZEnvelope.safeParse(body);
  if (!env.success) {
    if (res.status >= 400) throw httpStatusError("wshoto", res.status, res.text);
    throw badResponse(`no {code, msg, data} envelope: ${res.text}`, res.status);
  }
  return env.data;
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, what: string, httpStatus: number): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw badResponse(`${what}: ${parsed.error.message}`, httpStatus);
  return parsed.data;
}

// ---- access_token ---------------------------------------------------------------------------

interface CachedToken {
  token: string;
  /** Local epoch ms after which the token is fetched again. */
  refreshAtMs: number;
  /** SHA-256 of the secret it was fetched with, so a corrected secret is not masked by an old token. */
  secretFingerprint: string;
}

// docs/providers/wshoto.md §2: fetching the token too often triggers frequency interception (频率拦截), so one
// token per (base URL, app id) is kept in module memory and shared by every call of this process.
const tokenCache = new Map<string, CachedToken>();
const tokenFetches = new Map<string, Promise<CachedToken>>();
/** Fetch again this long before expires_in runs out, so a call never leaves with a dying token. */
const REFRESH_EARLY_MS = 5 * 60 * 1000;

/** Forgets every cached token (tests). */
export function clearAccessTokenCache(): void {
  tokenCache.clear();
  tokenFetches.clear();
}

function credentialsOf(ctx: ProviderContext): { appid: string; appSecret: string } {
  const appid = ctx.credentials.appid?.trim();
  const appSecret = ctx.credentials.appSecret;
  if (!appid || !appSecret) {
    throw new ProviderError({
      provider: "wshoto",
      code: "MISSING_CREDENTIALS",
      providerMessage: "appid and appSecret are required",
      userMessage: wshotoText("error.missingCredentials"),
    });
  }
  return { appid, appSecret };
}

const cacheKey = (ctx: ProviderContext, appid: string) => `${ctx.baseUrl.replace(/\/+$/, "")}\n${appid}`;
const fingerprint = (secret: string) => createHash("sha256").update(secret).digest("hex");
const nowMs = (ctx: ProviderContext) => (ctx.now ? ctx.now() : new Date()).getTime();

/** The cached token, or a new one from GET /openapi/access_token. Concurrent callers share one fetch. */
export async function getAccessToken(ctx: ProviderContext): Promise<string> {
  const { appid, appSecret } = credentialsOf(ctx);
  const key = cacheKey(ctx, appid);
  const cached = tokenCache.get(key);
  if (cached && cached.secretFingerprint === fingerprint(appSecret) && nowMs(ctx) < cached.refreshAtMs) return cached.token;

  let pending = tokenFetches.get(key);
  if (!pending) {
    pending = fetchAccessToken(ctx, appid, appSecret).finally(() => tokenFetches.delete(key));
    tokenFetches.set(key, pending);
  }
  const fresh = await pending;
  tokenCache.set(key, fresh);
  return fresh.token;
}

/** Drops `token` from the cache after an API called it invalid (not a newer one another call already fetched). */
export function invalidateAccessToken(ctx: ProviderContext, token: string): void {
  const { appid } = credentialsOf(ctx);
  const key = cacheKey(ctx, appid);
  if (tokenCache.get(key)?.token === token) tokenCache.delete(key);
}

async function fetchAccessToken(ctx: ProviderContext, appid: string, appSecret: string): Promise<CachedToken> {
  const url = new URL(ctx.baseUrl.replace(/\/+$/, "") + PATHS.accessToken);
  url.searchParams.set("appid", appid);
  url.searchParams.set("app_secret", appSecret);
  const res = await sendWithRetry("wshoto", ctx, () => ({ method: "GET", url: url.toString(), safe: true }));
  const env = readEnvelope(res);
  if (env.code !== 0) {
    const error = envelopeError(env, res.status);
    // Whatever code the token endpoint uses, a refusal here means the app credentials.
    throw new ProviderError({
      provider: "wshoto",
      code: error.code,
      providerMessage: error.providerMessage,
      httpStatus: res.status,
      userMessage:
        env.code === WSHOTO_CODES.missingParameter ? error.userMessage : wshotoErrorMessage(WSHOTO_CODES.badCredentials, ""),
    });
  }
  const data = parseData(ZAccessTokenData, env.data, "access_token", res.status);
  // The local receipt time, not data.create_at: our clock and WShoto's may disagree.
  const lifetimeMs = data.expires_in * 1000;
  const margin = Math.min(REFRESH_EARLY_MS, lifetimeMs / 2);
  return { token: data.access_token, refreshAtMs: nowMs(ctx) + lifetimeMs - margin, secretFingerprint: fingerprint(appSecret) };
}

// ---- API calls ------------------------------------------------------------------------------

/**
 * POSTs a JSON body with ?access_token=. Every API used here is a read, so it is retried (safe).
 * docs/providers/wshoto.md §2: "the platform may invalidate a token early, so implement re-fetch on
 * failure". A token-invalid answer, whatever its code (isTokenInvalid), drops the token, fetches a new one
 * ONCE and repeats the call once; a second refusal is a clear error about the token, never a loop.
 */
async function post<T>(ctx: ProviderContext, path: string, body: unknown, schema: z.ZodType<T>): Promise<WshotoRecord<T>> {
  let token = await getAccessToken(ctx);
  for (let attempt = 1; ; attempt++) {
    const url = new URL(ctx.baseUrl.replace(/\/+$/, "") + path);
    url.searchParams.set("access_token", token);
    const res = await sendWithRetry("wshoto", ctx, () => ({
      method: "POST",
      url: url.toString(),
      headers: { "content-type": "application/json" },
      body: stringifyWshoto(body),
      safe: true,
    }));
    const env = readEnvelope(res);
    if (isTokenInvalid(env)) {
      invalidateAccessToken(ctx, token);
      if (attempt === 1) {
        token = await getAccessToken(ctx);
        continue;
      }
      throw new ProviderError({
        provider: "wshoto",
        code: String(env.code),
        providerMessage: env.msg ?? "",
        httpStatus: res.status,
        userMessage: wshotoText("error.tokenRejected", { code: env.code }),
      });
    }
    if (env.code !== WSHOTO_CODES.ok) throw envelopeError(env, res.status);
    return { record: parseData(schema, env.data, path, res.status), raw: env.data };
  }
}

/** 任务列表(新): one page of follow-up / mass-send tasks. */
export async function queryTaskPage(
  ctx: ProviderContext,
  request: TTaskListRequest,
): Promise<{ total: number | null; records: WshotoRecord<TTaskRecord>[] }> {
  const { record: page } = await post(ctx, PATHS.taskList, request, ZTaskPage);
  const records = (page.records ?? []).map((raw) => ({
    record: parseData(ZTaskRecord, raw, "task record", 200),
    raw,
  }));
  return { total: page.total ?? null, records };
}

/** 获取任务详情: a follow-up or super mass-send task. */
export async function queryTaskDetail(ctx: ProviderContext, request: TTaskDetailRequest): Promise<WshotoRecord<TTaskDetail>> {
  return post(ctx, PATHS.taskDetail, request, ZTaskDetail);
}

/** 获取员工执行情况列表: one page of per-employee execution. */
export async function queryExecutionPage(
  ctx: ProviderContext,
  request: TExecutionListRequest,
): Promise<{ total: number | null; records: TExecutionRecord[] }> {
  const { record: page } = await post(ctx, PATHS.executionList, request, ZExecutionPage);
  return { total: page.total ?? null, records: page.records ?? [] };
}

/** 群发 detail of a super mass-send task, as WShoto sends it (JSON-safe). */
export async function queryMassTaskDetail(ctx: ProviderContext, request: TMassTaskDetailRequest): Promise<unknown> {
  return (await post(ctx, PATHS.massTaskDetail, request, ZMassTaskDetail)).raw;
}
