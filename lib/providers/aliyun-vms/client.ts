// HTTP client for the Dyvmsapi 2017-05-25 Cloud* actions: signed RPC V2 POST forms, the
// {RequestId, Code, Message, Data} envelope, and the provider's codes as ProviderErrors a
// manager can act on.
import { randomUUID } from "node:crypto";
import { isSafeNumber, parse as parseLossless } from "lossless-json";
import type { z } from "zod";
import type { LocalizedText } from "../../domain/call-time-group";
import { ProviderError } from "../errors";
import { httpStatusError, sendWithRetry } from "../http";
import type { ProviderContext } from "../types";
import { encodeParams, signedParams, type RpcParams } from "./sign";
import { ZEnvelope } from "./wire";

const PROVIDER = "aliyun-vms" as const;

export type ActionParams = Record<string, string | number | boolean | null | undefined>;

// providers.md §2 "Error codes": the gateway-level codes documented across Alibaba products.
// The Cloud* business codes are NOT FOUND; the Task.* codes below are the ones our simulator uses
// for the documented rules (INFERENCE), so a manager still reads what went wrong.
const MESSAGES: Record<string, LocalizedText> = {
  SignatureDoesNotMatch: {
    en: "Alibaba Cloud rejected the signature: check the AccessKey secret.",
    zh: "阿里云签名校验失败：请检查 AccessKey Secret。",
  },
  IncompleteSignature: {
    en: "Alibaba Cloud says the request signature is incomplete.",
    zh: "阿里云提示请求签名不完整。",
  },
  "InvalidAccessKeyId.NotFound": {
    en: "This AccessKey ID does not exist: check the account's credentials.",
    zh: "AccessKey ID 不存在，请检查账号凭证。",
  },
  "InvalidAccessKeyId.Inactive": {
    en: "This AccessKey is disabled in the Alibaba Cloud console.",
    zh: "该 AccessKey 已在阿里云控制台被禁用。",
  },
  IllegalTimestamp: {
    en: "The request time differs from Alibaba Cloud's by more than 15 minutes: check this server's clock.",
    zh: "请求时间与阿里云相差超过 15 分钟，请检查本服务器时钟。",
  },
  SignatureNonceUsed: {
    en: "Alibaba Cloud saw this request before (its nonce was reused) and refused it.",
    zh: "阿里云认为该请求是重复请求（随机数已被使用），已拒绝。",
  },
  Throttling: {
    en: "Alibaba Cloud is limiting the request rate; try again shortly.",
    zh: "阿里云限流，请稍后重试。",
  },
  "Throttling.User": {
    en: "Alibaba Cloud is limiting this account's request rate; try again shortly.",
    zh: "阿里云对该账号限流，请稍后重试。",
  },
  Forbidden: { en: "This AccessKey may not use the call-centre API.", zh: "该 AccessKey 无权调用呼叫中心接口。" },
  "Forbidden.RAM": {
    en: "The RAM user behind this AccessKey lacks permission for the call-centre API.",
    zh: "该 AccessKey 对应的 RAM 用户没有呼叫中心接口权限。",
  },
  UnsupportedOperation: { en: "Alibaba Cloud does not support this operation.", zh: "阿里云不支持该操作。" },
  NoSuchVersion: { en: "Alibaba Cloud does not know API version 2017-05-25 here.", zh: "阿里云不支持该接口版本（2017-05-25）。" },
  InternalError: { en: "Alibaba Cloud had an internal error; try again later.", zh: "阿里云内部错误，请稍后重试。" },
  ServiceUnavailable: { en: "Alibaba Cloud is temporarily unavailable; try again later.", zh: "阿里云服务暂不可用，请稍后重试。" },
  "Task.NotFound": { en: "The task no longer exists at Alibaba Cloud.", zh: "该任务在阿里云已不存在。" },
  "Task.LimitExceeded": {
    en: "The call centre already has 100 tasks: delete ended tasks, or allow deleting the oldest ended one.",
    zh: "呼叫中心任务数已达 100 个上限：请删除已结束的任务，或开启自动删除最早完成的任务。",
  },
  "Task.RunningLimitExceeded": {
    en: "At most 10 tasks can be running or paused at once: end or delete one first.",
    zh: "同时运行或暂停的任务最多 10 个，请先结束或删除其他任务。",
  },
  "Task.StatusNotAllowed": {
    en: "The task's current status does not allow this (e.g. only new or ended tasks can be deleted).",
    zh: "任务当前状态不允许该操作（例如只有初始或已结束的任务可以删除）。",
  },
  "TimeCondition.Duplicate": {
    en: "A time condition with this name or priority already exists in the call centre.",
    zh: "呼叫中心已存在同名或同优先级的时间条件。",
  },
};

const RETRYABLE_CODES = new Set(["Throttling", "Throttling.User", "InternalError", "ServiceUnavailable"]);

export function errorFromCode(code: string, message: string, httpStatus: number | null): ProviderError {
  const known = MESSAGES[code];
  const userMessage: LocalizedText =
    known ??
    (code === "MissingParameter"
      ? { en: `Alibaba Cloud says a required field is missing: ${message}`, zh: `阿里云提示缺少必填参数：${message}` }
      : code === "InvalidParameter" || code.startsWith("InvalidParameter.")
        ? { en: `Alibaba Cloud rejected a field: ${message}`, zh: `阿里云拒绝了参数：${message}` }
        : { en: `Alibaba Cloud refused the request (${code}): ${message}`, zh: `阿里云拒绝了请求（${code}）：${message}` });
  return new ProviderError({
    provider: PROVIDER,
    code,
    providerMessage: message,
    httpStatus,
    retryable: RETRYABLE_CODES.has(code) || (httpStatus !== null && httpStatus >= 500),
    userMessage,
  });
}

function credential(ctx: ProviderContext, key: "accessKeyId" | "accessKeySecret"): string {
  const value = ctx.credentials[key];
  if (!value) {
    throw new ProviderError({
      provider: PROVIDER,
      code: "MissingCredential",
      providerMessage: `credential ${key} is not set`,
      userMessage: { en: `Enter the ${key === "accessKeyId" ? "AccessKey ID" : "AccessKey secret"} for this account.`, zh: `请填写该账号的 ${key === "accessKeyId" ? "AccessKey ID" : "AccessKey Secret"}。` },
    });
  }
  return value;
}

/** The call-centre id every Cloud* action needs. */
export function enterpriseId(ctx: ProviderContext): string {
  const id = ctx.settings.enterpriseId?.trim();
  if (!id) {
    throw new ProviderError({
      provider: PROVIDER,
      code: "MissingEnterpriseId",
      providerMessage: "setting enterpriseId is not set",
      userMessage: { en: "Enter the call centre id (EnterpriseId) for this account.", zh: "请填写该账号的呼叫中心 id（EnterpriseId）。" },
    });
  }
  return id;
}

/** JSON with integers beyond 2^53 kept as strings, so a large id never loses digits. */
export function parseJsonLossless(text: string): unknown {
  return parseLossless(text, null, (value) => (isSafeNumber(value) || !/^-?\d+$/.test(value) ? Number(value) : value));
}

function toRpcParams(params: ActionParams): RpcParams {
  const out: RpcParams = {};
  for (const [key, value] of Object.entries(params)) {
    // "" is sent: CloudUpdateTask clears a field (e.g. TimeStrategy) with it.
    if (value === null || value === undefined) continue;
    out[key] = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  }
  return out;
}

/**
 * Calls one action and returns its parsed Data. `safe` calls (reads) are retried by sendWithRetry;
 * every attempt gets a fresh nonce and timestamp, as the gateway rejects a reused nonce.
 */
export async function callAction<S extends z.ZodType>(
  ctx: ProviderContext,
  action: string,
  params: ActionParams,
  dataSchema: S,
  opts: { safe: boolean },
): Promise<z.output<S>> {
  const accessKeyId = credential(ctx, "accessKeyId");
  const accessKeySecret = credential(ctx, "accessKeySecret");
  const base = toRpcParams(params);
  if (ctx.settings.regionId) base.RegionId = ctx.settings.regionId;
  const url = `${ctx.baseUrl.replace(/\/+$/, "")}/`;
  const res = await sendWithRetry(PROVIDER, ctx, () => ({
    method: "POST",
    url,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", accept: "application/json" },
    body: encodeParams(
      signedParams({
        action,
        accessKeyId,
        accessKeySecret,
        method: "POST",
        params: base,
        nonce: randomUUID(),
        now: ctx.now?.() ?? new Date(),
      }),
    ),
    safe: opts.safe,
  }));

  let body: unknown;
  try {
    body = parseJsonLossless(res.text);
  } catch {
    throw httpStatusError(PROVIDER, res.status, res.text);
  }
  const envelope = ZEnvelope.safeParse(body);
  if (!envelope.success) throw httpStatusError(PROVIDER, res.status, res.text);
  const { Code, Message } = envelope.data;
  if (Code !== "OK" || res.status >= 400) throw errorFromCode(Code, Message ?? "", res.status);
  const data = dataSchema.safeParse(envelope.data.Data);
  if (!data.success) {
    throw new ProviderError({
      provider: PROVIDER,
      code: "UnexpectedResponse",
      providerMessage: `${action}: ${data.error.message}`.slice(0, 300),
      httpStatus: res.status,
      userMessage: {
        en: "Alibaba Cloud answered in a form Dialboard does not understand.",
        zh: "阿里云返回的数据格式无法识别。",
      },
    });
  }
  return data.data;
}
