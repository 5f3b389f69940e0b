// HTTP client for the Dyvmsapi 2017-05-25 Cloud* actions: signed RPC V2 POST forms, the
// {RequestId, Code, Message, Data} envelope, and the provider's codes as ProviderErrors a
// manager can act on.
import { randomUUID } from "node:crypto";
import { isSafeNumber, parse as parseLossless } from "lossless-json";
import type { z } from "zod";
import { ProviderError } from "../errors";
import { httpStatusError, sendWithRetry } from "../http";
import type { ProviderContext } from "../types";
import { ALIYUN_VMS_PARAMS } from "./capabilities";
import { encodeParams, signedParams, type RpcParams } from "./sign";
import { aliyunText as t, type AliyunTextKey } from "./text";
import { ZEnvelope } from "./wire";

const PROVIDER = "aliyun-vms" as const;

export type ActionParams = Record<string, string | number | boolean | null | undefined>;

// docs/providers/aliyun-vms.md §Errors: the gateway-level codes documented across Alibaba products. The Cloud*
// business codes are not published; the Task.*, TaskTel.*, TaskFile.* and TimeCondition.* codes below are the ones
// our simulator uses for the documented rules (INFERENCE), so a manager still reads what went wrong.
const MESSAGES: Record<string, AliyunTextKey> = {
  SignatureDoesNotMatch: "errors.SignatureDoesNotMatch",
  IncompleteSignature: "errors.IncompleteSignature",
  "InvalidAccessKeyId.NotFound": "errors.InvalidAccessKeyIdNotFound",
  "InvalidAccessKeyId.Inactive": "errors.InvalidAccessKeyIdInactive",
  IllegalTimestamp: "errors.IllegalTimestamp",
  SignatureNonceUsed: "errors.SignatureNonceUsed",
  Throttling: "errors.Throttling",
  "Throttling.User": "errors.ThrottlingUser",
  Forbidden: "errors.Forbidden",
  "Forbidden.RAM": "errors.ForbiddenRAM",
  UnsupportedOperation: "errors.UnsupportedOperation",
  NoSuchVersion: "errors.NoSuchVersion",
  InternalError: "errors.InternalError",
  ServiceUnavailable: "errors.ServiceUnavailable",
  "Task.NotFound": "errors.TaskNotFound",
  "Task.LimitExceeded": "errors.TaskLimitExceeded",
  "Task.RunningLimitExceeded": "errors.TaskRunningLimitExceeded",
  "Task.StatusNotAllowed": "errors.TaskStatusNotAllowed",
  "TimeCondition.Duplicate": "errors.TimeConditionDuplicate",
  "TaskTel.TaskLimitExceeded": "errors.TaskTelTaskLimitExceeded",
  "TaskTel.EnterpriseLimitExceeded": "errors.TaskTelEnterpriseLimitExceeded",
  "TaskFile.LimitExceeded": "errors.TaskFileLimitExceeded",
};

const RETRYABLE_CODES = new Set(["Throttling", "Throttling.User", "InternalError", "ServiceUnavailable"]);

/** The wizard field each wire parameter belongs to (ProviderError.field); any other documented parameter is params.<name>. */
const FIELD_OF_PARAM: Record<string, string> = {
  Name: "name",
  Description: "description",
  TimeStrategy: "callTimeGroupId",
  AutoTriggerTimeStrategy: "callTimeGroupId",
  RetryStrategy: "retryStrategyId",
  RetryStrategyTimeType: "retryStrategyId",
  RetryStrategyOnlyToday: "retryStrategyId",
  TaskTelList: "contacts",
  Tels: "contacts",
};
const PARAM_KEYS = new Set(ALIYUN_VMS_PARAMS.map((p) => p.key));
/** Codes whose remedy is one field, whatever the message says. */
const FIELD_OF_CODE: Record<string, string> = {
  "Task.LimitExceeded": "params.AutoDelete",
  "TaskTel.TaskLimitExceeded": "contacts",
  "TaskTel.EnterpriseLimitExceeded": "contacts",
  "TaskFile.LimitExceeded": "contacts",
};

/**
 * The field a refusal is about. MissingParameter / InvalidParameter name the parameter in quotes ("The input parameter
 * \"Name\" that is mandatory…", "The specified parameter \"CustomerTimeout\" is not valid"), docs/providers/aliyun-vms.md §Errors.
 */
export function fieldOfError(code: string, message: string): string | undefined {
  if (FIELD_OF_CODE[code]) return FIELD_OF_CODE[code];
  if (code !== "MissingParameter" && code !== "InvalidParameter" && !code.startsWith("InvalidParameter.")) return undefined;
  const named = /"([A-Za-z]+)"/.exec(message)?.[1];
  if (!named) return undefined;
  return FIELD_OF_PARAM[named] ?? (PARAM_KEYS.has(named) ? `params.${named}` : undefined);
}

export function errorFromCode(code: string, message: string, httpStatus: number | null): ProviderError {
  const known = MESSAGES[code];
  const userMessage = known
    ? t(known)
    : code === "MissingParameter"
      ? t("errors.missingParameter", { message })
      : code === "InvalidParameter" || code.startsWith("InvalidParameter.")
        ? t("errors.invalidParameter", { message })
        : t("errors.refused", { code, message });
  return new ProviderError({
    provider: PROVIDER,
    code,
    providerMessage: message,
    httpStatus,
    retryable: RETRYABLE_CODES.has(code) || (httpStatus !== null && httpStatus >= 500),
    field: fieldOfError(code, message),
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
      userMessage: t("errors.missingCredential", { field: key === "accessKeyId" ? "AccessKey ID" : "AccessKey Secret" }),
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
      userMessage: t("errors.missingEnterpriseId"),
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
      userMessage: t("errors.unexpectedResponse"),
    });
  }
  return data.data;
}
