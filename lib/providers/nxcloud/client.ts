// HTTP client of the NXCloud Callbot API v3 (providers.md §3): every call is a signed POST, the answer's
// own sign is verified before it is believed, and retCodes become ProviderErrors a manager can act on.
import { randomUUID } from "node:crypto";
import { parse as parseLossless } from "lossless-json";
import type { z } from "zod";
import type { LocalizedText } from "../../domain/call-time-group";
import { ProviderError } from "../errors";
import { createOnce } from "../create-once";
import { httpStatusError, sendWithRetry } from "../http";
import type { Contact, ContactsResult, Page, ProviderContext, RemoteTask, TaskDraft } from "../types";
import { NXCLOUD_PAGE_SIZE } from "./capabilities";
import { encodeCallTimeGroup, encodeRetryStrategy, phoneToNxcloud, remoteTaskFromNxcloud } from "./mapping";
import { nxcloudSignMatches, nxcloudSignedHeaders, parseNxcloudAlgorithm, type NxcloudAlgorithm } from "./sign";
import {
  NXCLOUD_PATHS,
  NXCLOUD_RET,
  NXCLOUD_TASK_OPERATE,
  ZNxBatchResult,
  ZNxCreateTaskResponse,
  ZNxEnvelope,
  ZNxListTaskResponse,
  ZNxMgrTaskStatusResponse,
  ZNxPingResponse,
  type TNxAddBatchCallRequest,
  type TNxCreateTaskRequest,
  type TNxListTaskRequest,
  type TNxTaskCreateSetting,
  type TNxUpdateTaskRequest,
} from "./wire";

const PROVIDER = "nxcloud" as const;

export interface NxcloudCredentials {
  uuid: string;
  secretKey: string;
  algorithm: NxcloudAlgorithm;
}

function configError(en: string, zh: string): ProviderError {
  return new ProviderError({ provider: PROVIDER, code: "CONFIG", providerMessage: en, userMessage: { en, zh } });
}

export function nxcloudCredentials(ctx: Pick<ProviderContext, "credentials">): NxcloudCredentials {
  const { uuid, secretKey } = ctx.credentials;
  if (!uuid || !secretKey) {
    throw configError("The NXCloud account needs its UUID and secret key.", "牛信云账号需要填写 UUID 和密钥。");
  }
  const algorithm = parseNxcloudAlgorithm(ctx.credentials.algorithm);
  if (!algorithm) throw configError("The signature algorithm must be MD5 or SHA256.", "签名算法必须是 MD5 或 SHA256。");
  return { uuid, secretKey, algorithm };
}

// ---- retCodes → what a manager reads (providers.md §3 "retCode table") ----

const RET_MESSAGES: Record<number, LocalizedText> = {
  [NXCLOUD_RET.general]: { en: "NXCloud could not carry out the request.", zh: "牛信云未能处理该请求。" },
  [NXCLOUD_RET.missingParameter]: { en: "NXCloud says a required field is missing.", zh: "牛信云提示缺少必填参数。" },
  [NXCLOUD_RET.badFormat]: { en: "NXCloud says a field has the wrong format.", zh: "牛信云提示参数格式错误。" },
  [NXCLOUD_RET.badValue]: {
    en: "NXCloud rejected a value, or the task's current status does not allow this.",
    zh: "牛信云拒绝了参数值，或任务当前状态不允许此操作。",
  },
  [NXCLOUD_RET.tooManyElements]: {
    en: "Too many items in one request for NXCloud; send fewer at a time.",
    zh: "单次请求的条目超过牛信云上限，请分批发送。",
  },
  [NXCLOUD_RET.maintenance]: { en: "NXCloud is under maintenance; try again later.", zh: "牛信云正在维护，请稍后重试。" },
  [NXCLOUD_RET.internal]: { en: "NXCloud had an internal error; try again later.", zh: "牛信云内部错误，请稍后重试。" },
  [NXCLOUD_RET.badSign]: {
    en: "NXCloud rejected the signature: check the account's secret key and signature algorithm.",
    zh: "牛信云签名校验失败：请检查账号的密钥和签名算法。",
  },
  [NXCLOUD_RET.missingSign]: {
    en: "NXCloud received the request without a complete signature.",
    zh: "牛信云收到的请求缺少签名信息。",
  },
  [NXCLOUD_RET.noAccount]: { en: "NXCloud does not know this UUID: check the account's UUID.", zh: "牛信云不存在该 UUID 对应的账号，请检查 UUID。" },
  [NXCLOUD_RET.noPermission]: {
    en: "This NXCloud account has no permission for the Callbot API.",
    zh: "该牛信云账号没有 AI 外呼接口权限。",
  },
  [NXCLOUD_RET.busy]: { en: "NXCloud is busy; try again shortly.", zh: "牛信云系统繁忙，请稍后重试。" },
  [NXCLOUD_RET.batchInProgress]: {
    en: "A batch import is in progress on NXCloud; try again when it has finished.",
    zh: "牛信云正在进行批量导入，请导入完成后再试。",
  },
};

const AUTH_CODES = new Set<number>([NXCLOUD_RET.badSign, NXCLOUD_RET.missingSign, NXCLOUD_RET.noAccount, NXCLOUD_RET.noPermission]);
const RETRYABLE_CODES = new Set<number>([NXCLOUD_RET.maintenance, NXCLOUD_RET.internal, NXCLOUD_RET.busy]);
/** The provider's own text helps with these, so it is shown after ours. */
const DETAIL_CODES = new Set<number>([NXCLOUD_RET.missingParameter, NXCLOUD_RET.badFormat, NXCLOUD_RET.badValue]);

function retCodeError(retCode: number, retMsg: string, responseID: string): ProviderError {
  const known = RET_MESSAGES[retCode] ?? {
    en: `NXCloud refused the request (code ${retCode}).`,
    zh: `牛信云拒绝了请求（错误码 ${retCode}）。`,
  };
  const detail = DETAIL_CODES.has(retCode) && retMsg ? retMsg : "";
  return new ProviderError({
    provider: PROVIDER,
    code: String(retCode),
    // responseID is what NXCloud support asks for (providers.md §3 "Common conventions").
    providerMessage: `${retMsg} (responseID ${responseID || "none"})`,
    httpStatus: 200,
    retryable: RETRYABLE_CODES.has(retCode),
    // An internal error answered in the envelope may come after the write was made.
    mayHaveApplied: retCode === NXCLOUD_RET.internal,
    userMessage: detail ? { en: `${known.en} (${detail})`, zh: `${known.zh}（${detail}）` } : known,
  });
}

function badResponse(code: string, providerMessage: string, userMessage: LocalizedText): ProviderError {
  return new ProviderError({ provider: PROVIDER, code, providerMessage, httpStatus: 200, userMessage });
}

/** Ids are strings on the wire, but a bare number beyond 2^53 must not lose digits: keep it as text. */
function parseJsonLossless(text: string): unknown {
  return parseLossless(text, null, (value) => {
    const n = Number(value);
    return /^-?\d+$/.test(value) && !Number.isSafeInteger(n) ? value : n;
  });
}

function headerOf(headers: Headers | Record<string, string | undefined>, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

interface CallResult<T> {
  data: T;
  raw: unknown;
}

/**
 * One signed POST. `safe` reads are retried by sendWithRetry; each attempt gets a fresh requestID/createTs/sign.
 * The answer is trusted only when its sign verifies (over the response body, INFERENCE in providers.md §3) —
 * except NXCloud's own auth refusals, which it cannot sign with a key it does not share with us.
 */
async function nxPost<S extends z.ZodType>(
  ctx: ProviderContext,
  path: string,
  body: unknown,
  schema: S,
  opts: { safe: boolean; envelope?: "retCode" | "ping" },
): Promise<CallResult<z.output<S>>> {
  const creds = nxcloudCredentials(ctx);
  const text = JSON.stringify(body);
  const url = ctx.baseUrl.replace(/\/+$/, "") + path;
  let sentRequestID = "";
  const res = await sendWithRetry(PROVIDER, ctx, () => {
    const signed = nxcloudSignedHeaders({ ...creds, body: text, now: ctx.now?.() ?? new Date() });
    sentRequestID = signed.requestID;
    return {
      method: "POST",
      url,
      headers: { "content-type": "application/json; charset=utf-8", ...signed },
      body: text,
      safe: opts.safe,
    };
  });
  if (res.status !== 200) throw httpStatusError(PROVIDER, res.status, res.text);

  let raw: unknown;
  try {
    raw = parseJsonLossless(res.text);
  } catch {
    throw badResponse("BAD_RESPONSE", res.text.slice(0, 300), {
      en: "NXCloud answered with something that is not JSON. Check the base URL.",
      zh: "牛信云返回的内容不是 JSON，请检查接口地址。",
    });
  }

  let code: number;
  let message: string;
  let responseID: string;
  if (opts.envelope === "ping") {
    const env = ZNxPingResponse.safeParse(raw);
    if (!env.success) throw shapeError(path, env.error);
    ({ code, msg: message, reqId: responseID } = env.data);
  } else {
    const env = ZNxEnvelope.safeParse(raw);
    if (!env.success) throw shapeError(path, env.error);
    ({ retCode: code, retMsg: message, responseID } = env.data);
  }
  if (AUTH_CODES.has(code)) throw retCodeError(code, message, responseID);

  const signed =
    headerOf(res.headers, "requestID") === sentRequestID &&
    headerOf(res.headers, "uuid") === creds.uuid &&
    nxcloudSignMatches(
      {
        secretKey: creds.secretKey,
        body: res.text,
        createTs: headerOf(res.headers, "createTs") ?? "",
        requestID: sentRequestID,
        uuid: creds.uuid,
        algorithm: parseNxcloudAlgorithm(headerOf(res.headers, "algorithm")) ?? creds.algorithm,
      },
      headerOf(res.headers, "sign"),
    );
  if (!signed) {
    throw badResponse("BAD_RESPONSE_SIGN", `unsigned or wrongly signed answer to ${path}`, {
      en: "NXCloud's answer was not signed with this account's key, so it was ignored. Check the base URL and the secret key.",
      zh: "牛信云的响应签名与本账号密钥不符，已忽略。请检查接口地址和密钥。",
    });
  }
  if (code !== NXCLOUD_RET.ok) throw retCodeError(code, message, responseID);

  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw shapeError(path, parsed.error);
  return { data: parsed.data, raw };
}

function shapeError(path: string, error: z.ZodError): ProviderError {
  const where = error.issues[0]?.path.join(".") ?? "";
  return badResponse("BAD_RESPONSE", `${path}: unexpected answer at ${where}: ${error.issues[0]?.message ?? ""}`, {
    en: "NXCloud answered in a form the console does not understand.",
    zh: "无法识别牛信云的响应格式。",
  });
}

// ---- operations ----

export async function nxcloudPing(ctx: ProviderContext): Promise<void> {
  await nxPost(ctx, NXCLOUD_PATHS.ping, { data: "dialboard" }, ZNxPingResponse, { safe: true, envelope: "ping" });
}

async function listTaskPage(ctx: ProviderContext, request: Omit<TNxListTaskRequest, "productID">) {
  const { data, raw } = await nxPost(ctx, NXCLOUD_PATHS.listTask, { productID: "callbot", ...request }, ZNxListTaskResponse, {
    safe: true,
  });
  const rawItems = (raw as { taskData?: unknown[] }).taskData ?? [];
  return { tasks: data.taskData.map((t, i) => remoteTaskFromNxcloud(t, rawItems[i])), totalCount: data.totalCount };
}

export async function nxcloudListTasks(ctx: ProviderContext, cursor: string | null): Promise<Page<RemoteTask>> {
  const page = cursor ? Math.max(1, Number(cursor) || 1) : 1;
  const { tasks, totalCount } = await listTaskPage(ctx, { page, size: NXCLOUD_PAGE_SIZE, queryConditions: {} });
  const more = tasks.length > 0 && page * NXCLOUD_PAGE_SIZE < totalCount;
  return { items: tasks, nextCursor: more ? String(page + 1) : null, total: totalCount };
}

async function findTask(ctx: ProviderContext, userTaskID: string): Promise<RemoteTask | null> {
  const { tasks } = await listTaskPage(ctx, { page: 1, size: 1, queryConditions: { userTaskID: [userTaskID] } });
  return tasks.find((t) => t.remoteId === userTaskID) ?? null;
}

export async function nxcloudGetTask(ctx: ProviderContext, remoteId: string): Promise<RemoteTask> {
  const task = await findTask(ctx, remoteId);
  if (!task) {
    throw new ProviderError({
      provider: PROVIDER,
      code: "NOT_FOUND",
      providerMessage: `no task with userTaskID ${remoteId}`,
      userMessage: { en: "This task no longer exists on NXCloud.", zh: "该任务在牛信云上已不存在。" },
    });
  }
  return task;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null || v === "" ? undefined : String(v);
}
function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The draft as createTask/updateTask settings (providers.md §3 "Create Auto Dial Task"). */
export function nxcloudTaskSettings(
  ctx: Pick<ProviderContext, "settings" | "webhookUrl">,
  draft: TaskDraft,
  now: Date,
): { sceneID: string; taskCreateSetting: TNxTaskCreateSetting; funcFlag: { taskKeep: boolean; roundRedial: boolean; wholeTTS: boolean; phoneEncrypt: boolean } } {
  const p = draft.params;
  const sceneID = str(p.sceneID) ?? str(ctx.settings.sceneID);
  if (!sceneID) {
    throw configError(
      "Choose a script template (sceneID) for the task or as the account's default.",
      "请为任务选择话术模板（sceneID），或在账号设置中填写默认模板。",
    );
  }
  const startupType = (num(p.startupType) ?? 1) as 1 | 2 | 3;
  const startupAt = startupType === 2 && str(p.startupAt) ? Math.floor(new Date(p.startupAt as string | number).getTime() / 1000) : undefined;
  const dialTime = encodeCallTimeGroup(draft.callTimeGroup, now).value;
  const dispatchType = (num(p.dispatchType) ?? 0) as 0 | 1 | 3;
  const taskCreateSetting: TNxTaskCreateSetting = {
    strategyName: str(p.strategyName) ?? "",
    startupType,
    ...(startupAt !== undefined ? { startupAt } : {}),
    ...dialTime,
    maxCall: num(p.maxCall) ?? 10,
    taskName: draft.name,
    ...(ctx.webhookUrl ? { taskCallbackUrl: ctx.webhookUrl } : {}),
    ...(num(p.maxRingTime) !== undefined ? { maxRingTime: num(p.maxRingTime) } : {}),
    ...((str(p.routeID) ?? str(ctx.settings.routeID)) ? { routeID: str(p.routeID) ?? str(ctx.settings.routeID) } : {}),
    ...(dispatchType !== 0
      ? {
          manualCallSetting: {
            agentGroup: str(p.agentGroup) ?? "",
            dispatchType,
            ratioCallRate: num(p.ratioCallRate),
            predictCallRate: num(p.predictCallRate),
          },
        }
      : {}),
  };
  return {
    sceneID,
    taskCreateSetting,
    funcFlag: {
      taskKeep: p.taskKeep === true,
      roundRedial: encodeRetryStrategy(draft.retryStrategy).value.roundRedial,
      wholeTTS: p.wholeTTS === true,
      phoneEncrypt: p.phoneEncrypt === true,
    },
  };
}

/**
 * createTask with userTaskID = draft.idempotencyKey (providers.md §3: "userTaskID is the caller's own task id:
 * unique"). A create whose outcome is unknown is first looked up by that id; only if NXCloud has no such task
 * is it sent once more, with the same userTaskID so NXCloud cannot make a second task from it.
 */
export async function nxcloudCreateTask(ctx: ProviderContext, draft: TaskDraft): Promise<RemoteTask> {
  const settings = nxcloudTaskSettings(ctx, draft, ctx.now?.() ?? new Date());
  const request: TNxCreateTaskRequest = {
    productID: "callbot",
    userTaskID: draft.idempotencyKey,
    sceneID: settings.sceneID,
    taskCreateSetting: settings.taskCreateSetting,
    funcFlag: { ...settings.funcFlag, smsEnable: false, smsFuncFlag: [] },
  };
  // The userTaskID is ours, so a lost create is found by it; no clock is involved.
  return createOnce({
    send: async () => {
      await nxPost(ctx, NXCLOUD_PATHS.createTask, request, ZNxCreateTaskResponse, { safe: false });
      return nxcloudGetTask(ctx, draft.idempotencyKey);
    },
    findLanded: () => findTask(ctx, draft.idempotencyKey),
  });
}

export async function nxcloudUpdateTask(ctx: ProviderContext, remoteId: string, draft: TaskDraft): Promise<void> {
  const settings = nxcloudTaskSettings(ctx, draft, ctx.now?.() ?? new Date());
  const request: TNxUpdateTaskRequest = {
    productID: "callbot",
    userTaskID: remoteId,
    taskCreateSetting: settings.taskCreateSetting,
    funcFlag: settings.funcFlag,
  };
  await nxPost(ctx, NXCLOUD_PATHS.updateTask, request, ZNxEnvelope, { safe: false });
}

export async function nxcloudOperateTask(
  ctx: ProviderContext,
  remoteId: string,
  operate: (typeof NXCLOUD_TASK_OPERATE)[keyof typeof NXCLOUD_TASK_OPERATE],
): Promise<void> {
  await nxPost(
    ctx,
    NXCLOUD_PATHS.mgrTaskStatus,
    // delCall 0: never delete undialled numbers as a side effect ("use with caution", providers.md §3).
    { productID: "callbot", userTaskID: remoteId, taskOperate: operate, delCall: 0 },
    ZNxMgrTaskStatusResponse,
    { safe: false },
  );
}

/** One addBatchCall: each number becomes an order with a caller-generated, globally unique orderID. */
export async function nxcloudAddContacts(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult> {
  const rejected: ContactsResult["rejected"] = [];
  const phoneByOrder = new Map<string, string>();
  const callList: TNxAddBatchCallRequest["callInfoList"]["callList"] = [];
  for (const contact of contacts) {
    const userPhone = phoneToNxcloud(contact.phone);
    if (!userPhone) {
      rejected.push({
        phone: contact.phone,
        reason: { en: "Not an international number (+country code).", zh: "不是带国家码的国际号码（+国家码）。" },
      });
      continue;
    }
    const orderID = randomUUID().replace(/-/g, "");
    phoneByOrder.set(orderID, contact.phone);
    callList.push({
      orderID,
      userPhone,
      userName: contact.name,
      customerName: "",
      params: Object.entries(contact.variables).map(([name, value]) => ({ name, value })),
    });
  }
  if (callList.length === 0) return { accepted: 0, rejected };
  const request: TNxAddBatchCallRequest = {
    productID: "callbot",
    userTaskID: remoteId,
    callInfoList: {
      ...(ctx.webhookUrl ? { orderCallbackUrl: ctx.webhookUrl, callCallbackUrl: ctx.webhookUrl } : {}),
      callList,
    },
  };
  const { data } = await nxPost(ctx, NXCLOUD_PATHS.addBatchCall, request, ZNxBatchResult, { safe: false });
  for (const err of data.errList) {
    rejected.push({
      phone: phoneByOrder.get(err.orderID) ?? err.orderID,
      reason: { en: `NXCloud refused this number: ${err.errMsg}`, zh: `牛信云拒绝了该号码：${err.errMsg}` },
    });
  }
  return { accepted: callList.length - data.errList.length, rejected };
}
