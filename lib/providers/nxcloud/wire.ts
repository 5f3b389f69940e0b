// Wire schemas of the NXCloud Callbot API v3 (providers.md §3, seed 002). Every call is a signed POST with
// productID "callbot"; answers use the {retCode, retMsg, responseID} envelope with HTTP 200 even for errors.
// Request schemas are what the simulator enforces; response schemas are lenient where the docs are loose.
import { z } from "zod";

export const NXCLOUD_PATHS = {
  ping: "/callcentre/api/v3/ping",
  createTask: "/callcentre/api/v3/createTask",
  addBatchCall: "/callcentre/api/v3/addBatchCall",
  mgrTaskStatus: "/callcentre/api/v3/mgrTaskStatus",
  updateTask: "/callcentre/api/v3/updateTask",
  listTask: "/callcentre/api/v3/listTask",
  listCall: "/callcentre/api/v3/listCall",
  listOrder: "/callcentre/api/v3/listOrder",
  stopOrder: "/callcentre/api/v3/stopOrder",
  listOrderDetail: "/callcentre/api/v3/listOrderDetail",
} as const;

/** providers.md §3 "retCode table". */
export const NXCLOUD_RET = {
  ok: 0,
  general: 1,
  missingParameter: 2,
  badFormat: 3,
  badValue: 4,
  tooManyElements: 4001,
  maintenance: 5,
  internal: 5001,
  badSign: 6,
  missingSign: 6001,
  noAccount: 6002,
  noPermission: 6003,
  busy: 7,
  batchInProgress: 1001,
} as const;

/** providers.md §3 "Enums found". */
export const NXCLOUD_TASK_STATUS = { pending: 1, running: 2, completed: 3, failed: 4, paused: 5 } as const;
export const NXCLOUD_TASK_OPERATE = { start: 1, pause: 2, complete: 3 } as const;
export const NXCLOUD_STARTUP_TYPE = { manual: 1, scheduled: 2, immediate: 3 } as const;

/**
 * INFERENCE: the callStatus enumeration is NOT FOUND (providers.md addendum §3). These values are ours, shared by
 * the client and the simulator; the client also treats any call with an answer time as answered.
 */
export const NXCLOUD_CALL_STATUS = { answered: 1, noAnswer: 2, busy: 3, unreachable: 4, rejected: 5, failed: 6 } as const;

/** Ids are documented as strings; a number (or one beyond 2^53, kept as a string by the lossless parse) is accepted. */
export const ZNxId = z.union([z.string(), z.number()]).transform(String);
/** Integers that the docs show as numbers but mirrors sometimes quote. */
const ZIntLike = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

export const ZNxEnvelope = z.object({
  retCode: ZIntLike,
  retMsg: z.string().default(""),
  responseID: z.string().default(""),
});
export type TNxEnvelope = z.infer<typeof ZNxEnvelope>;

// ---- ping (its own envelope, providers.md §3 "Common conventions") ----
export const ZNxPingRequest = z.object({ data: z.string() });
export const ZNxPingResponse = z.object({
  data: z.string().optional(),
  timestamp: z.number().optional(),
  /** INFERENCE: 0 = success, otherwise a retCode from the same table. */
  code: ZIntLike,
  msg: z.string().default(""),
  reqId: z.string().default(""),
});

// ---- task settings ----
const hourList = z.string().regex(/^(\s*(\d|1\d|2[0-3])\s*(,\s*(\d|1\d|2[0-3])\s*)*)?$/, "comma-separated hours 0..23");
const weekdayList = z.string().regex(/^(\s*[1-7]\s*(,\s*[1-7]\s*)*)?$/, "comma-separated weekdays 1..7");

export const ZNxManualCallSetting = z.object({
  agentGroup: z.string().default(""),
  /** 0 none, 1 ratio-based, 3 predictive 2.0 (AICC templates only). */
  dispatchType: z.union([z.literal(0), z.literal(1), z.literal(3)]),
  ratioCallRate: z.number().min(0).optional(),
  predictCallRate: z.number().min(0).optional(),
});

/** The doc example spells one key "dialAtUpHour " with a trailing space (providers.md §3); accept it as dialAtUpHour. */
function acceptTypoKeys(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const src = input as Record<string, unknown>;
  if (!("dialAtUpHour " in src)) return input;
  const { "dialAtUpHour ": typo, ...rest } = src;
  return rest.dialAtUpHour === undefined ? { ...rest, dialAtUpHour: typo } : rest;
}

const taskCreateSettingShape = {
  strategyName: z.string().default(""),
  startupType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Unix seconds; only with startupType 2. */
  startupAt: z.number().int().min(0).optional(),
  /** Offset from UTC in seconds (UTC+8 = 28800). */
  zoneSecond: z.number().int().min(-12 * 3600).max(14 * 3600),
  dialAtWeekDay: weekdayList,
  dialAtUpHour: hourList,
  dialAtDownHour: hourList,
  maxCall: z.number().int().min(1),
  taskName: z.string().min(1),
  taskCallbackUrl: z.string().optional(),
  /** Description truncated in the docs (NOT FOUND); seconds. */
  maxRingTime: z.number().int().min(0).optional(),
  routeID: z.string().optional(),
  manualCallSetting: ZNxManualCallSetting.optional(),
};

export const ZNxTaskCreateSetting = z.preprocess(acceptTypoKeys, z.object(taskCreateSettingShape));
export type TNxTaskCreateSetting = z.infer<typeof ZNxTaskCreateSetting>;
/** updateTask: "only taskCreateSetting and funcFlag can change"; any subset of the fields. */
export const ZNxTaskCreateSettingPatch = z.preprocess(acceptTypoKeys, z.object(taskCreateSettingShape).partial());

export const ZNxSmsFuncFlag = z.object({
  smsID: z.string(),
  intentID: z.array(z.string()).default([]),
  intentName: z.array(z.string()).default([]),
});

export const ZNxFuncFlag = z.object({
  taskKeep: z.boolean().default(false),
  roundRedial: z.boolean().default(false),
  wholeTTS: z.boolean().default(false),
  smsEnable: z.boolean().default(false),
  smsFuncFlag: z.array(ZNxSmsFuncFlag.nullable()).default([]),
  phoneEncrypt: z.boolean().default(false),
});
export type TNxFuncFlag = z.infer<typeof ZNxFuncFlag>;

// ---- createTask / updateTask / mgrTaskStatus ----
export const ZNxCreateTaskRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1),
  sceneID: z.string().min(1),
  taskCreateSetting: ZNxTaskCreateSetting,
  funcFlag: ZNxFuncFlag.default(ZNxFuncFlag.parse({})),
  account: z.string().optional(),
  other: z.string().optional(),
  taskCallbackUrl: z.string().optional(),
  orderCallbackUrl: z.string().optional(),
});
export type TNxCreateTaskRequest = z.input<typeof ZNxCreateTaskRequest>;

/** INFERENCE: the createTask response body is not in the readable docs; we expect the platform taskID back. */
export const ZNxCreateTaskResponse = ZNxEnvelope.extend({
  taskID: ZNxId.optional(),
  userTaskID: z.string().optional(),
});

export const ZNxUpdateTaskRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1),
  taskCreateSetting: ZNxTaskCreateSettingPatch.optional(),
  funcFlag: ZNxFuncFlag.partial().optional(),
});
export type TNxUpdateTaskRequest = z.input<typeof ZNxUpdateTaskRequest>;

export const ZNxMgrTaskStatusRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1),
  taskOperate: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** 0 keep, 1 delete undialled data ("use with caution"). */
  delCall: z.union([z.literal(0), z.literal(1)]).default(0),
});
export const ZNxMgrTaskStatusResponse = ZNxEnvelope.extend({
  taskID: ZNxId.optional(),
  taskStatus: ZIntLike.optional(),
});

// ---- listTask ----
export const ZNxTaskStat = z.object({
  answerOrderCount: z.number().default(0),
  finishOrderCount: z.number().default(0),
  totalOrderCount: z.number().default(0),
  finishRate: z.number().default(0),
  totalAnswerCall: z.number().default(0),
  totalCall: z.number().default(0),
  answerRate: z.number().default(0),
});
export type TNxTaskStat = z.infer<typeof ZNxTaskStat>;

/** Read side of the settings: the doc example even shows `"startupType": "["`, so nothing here may fail a list. */
export const ZNxTaskCreateSettingRead = z.preprocess(
  acceptTypoKeys,
  z.object({
    strategyName: z.string().optional().catch(undefined),
    startupType: ZIntLike.optional().catch(undefined),
    startupAt: ZIntLike.optional().catch(undefined),
    zoneSecond: ZIntLike.optional().catch(undefined),
    dialAtWeekDay: z.string().optional().catch(undefined),
    dialAtUpHour: z.string().optional().catch(undefined),
    dialAtDownHour: z.string().optional().catch(undefined),
    maxCall: ZIntLike.optional().catch(undefined),
    taskName: z.string().optional().catch(undefined),
    taskCallbackUrl: z.string().optional().catch(undefined),
    maxRingTime: ZIntLike.optional().catch(undefined),
    routeID: z.string().optional().catch(undefined),
    manualCallSetting: z.record(z.string(), z.unknown()).optional().catch(undefined),
  }),
);

export const ZNxTaskData = z.object({
  userTaskID: z.string().default(""),
  taskID: ZNxId,
  sceneID: z.string().default(""),
  taskStatus: ZIntLike,
  /** Unix seconds. */
  createTs: ZIntLike.default(0),
  taskStat: ZNxTaskStat.optional(),
  taskSetting: z
    .object({
      taskCreateSetting: ZNxTaskCreateSettingRead.optional(),
      funcFlag: ZNxFuncFlag.partial().optional().catch(undefined),
    })
    .optional(),
});
export type TNxTaskData = z.infer<typeof ZNxTaskData>;

export const ZNxListTaskRequest = z.object({
  productID: z.literal("callbot"),
  page: z.number().int().min(1),
  size: z.number().int().min(1),
  queryConditions: z.object({
    taskStatus: z.array(z.number().int()).optional(),
    taskName: z.array(z.string()).optional(),
    sceneID: z.string().optional(),
    userTaskID: z.array(z.string()).optional(),
    startTs: z.number().int().optional(),
    endTs: z.number().int().optional(),
  }),
});
export type TNxListTaskRequest = z.input<typeof ZNxListTaskRequest>;
export const ZNxListTaskResponse = ZNxEnvelope.extend({
  taskData: z.array(ZNxTaskData).default([]),
  totalCount: z.number().default(0),
});

// ---- orders and calls ----
export const ZNxParam = z.object({ name: z.string(), value: z.string() });

export const ZNxCallListItem = z.object({
  /** Caller-generated, globally unique. */
  orderID: z.string().min(1),
  /** Country code, digits only, e.g. 8615600000000. */
  userPhone: z.string().regex(/^\d{6,20}$/, "digits with country code, no symbols"),
  other: z.string().optional(),
  userName: z.string().optional(),
  customerName: z.string().optional(),
  params: z.array(ZNxParam).default([]),
});

export const ZNxAddBatchCallRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1),
  callInfoList: z.object({
    orderCallbackUrl: z.string().optional(),
    callCallbackUrl: z.string().optional(),
    callList: z.array(ZNxCallListItem).min(1),
  }),
});
export type TNxAddBatchCallRequest = z.input<typeof ZNxAddBatchCallRequest>;

export const ZNxErrItem = z.object({ orderID: z.string(), errMsg: z.string() });
/** INFERENCE: addBatchCall's answer is not in the readable docs; we expect stopOrder's shape. */
export const ZNxBatchResult = ZNxEnvelope.extend({
  totalCount: z.number().default(0),
  successCount: z.number().default(0),
  errList: z.array(ZNxErrItem).default([]),
});

export const ZNxIntent = z.object({
  intentID: z.string().optional(),
  intentTag: z.string().optional(),
  intentName: z.string().optional(),
  intentLevel: z.union([z.string(), z.number()]).optional(),
});

export const ZNxCallInfoDetail = z.object({
  callID: ZNxId,
  callStatus: ZIntLike.optional(),
  /** INFERENCE: Unix seconds like createTs; 0 = did not happen. */
  callStartTs: ZIntLike.default(0),
  callAnswerTs: ZIntLike.default(0),
  callEndTs: ZIntLike.default(0),
  callDuration: z.number().default(0),
  callAudioUrl: z.string().optional(),
  hangupCause: z.union([z.string(), z.number()]).optional(),
  termSipCode: z.union([z.string(), z.number()]).optional(),
  intents: z.array(ZNxIntent).default([]),
  sms: z.array(z.unknown()).default([]),
  agent: z.record(z.string(), z.unknown()).optional(),
  params: z.array(ZNxParam).default([]),
  /** By-call callback only. */
  callingNumber: z.string().optional(),
  lineAddress: z.string().optional(),
});
export type TNxCallInfoDetail = z.infer<typeof ZNxCallInfoDetail>;

const ZRange = z.object({ gt: z.number().optional(), lt: z.number().optional(), enable: z.boolean().optional() });

export const ZNxListOrderRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1),
  options: z
    .object({
      orderID: z.array(z.string()).optional(),
      intentID: z.array(z.string()).optional(),
      intentName: z.array(z.string()).optional(),
      intentTag: z.array(z.string()).optional(),
      intentLevel: z.array(z.union([z.string(), z.number()])).optional(),
      /** INFERENCE (addendum §3 "finish"): 1 finished, 0 unfinished. */
      finish: z.number().int().nullable().optional(),
      turnTime: ZRange.optional(),
      callDuration: ZRange.optional(),
      callStatus: z.array(z.number().int()).optional(),
    })
    .default({}),
  page: z.number().int().min(1),
  size: z.number().int().min(1),
});
/** INFERENCE: named after listTask's taskData. */
export const ZNxOrderData = z.object({
  orderID: z.string(),
  userPhone: z.string(),
  userName: z.string().optional(),
  customerName: z.string().optional(),
  other: z.string().optional(),
  finish: z.boolean(),
  callStatus: ZIntLike.nullable().optional(),
  callCount: z.number().optional(),
});
export const ZNxListOrderResponse = ZNxEnvelope.extend({
  orderData: z.array(ZNxOrderData).default([]),
  totalCount: z.number().default(0),
});

export const ZNxListCallRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1),
  options: z
    .object({
      callID: z.array(z.string()).optional(),
      intentID: z.array(z.string()).optional(),
      intentName: z.array(z.string()).optional(),
      intentTag: z.array(z.string()).optional(),
      intentLevel: z.array(z.union([z.string(), z.number()])).optional(),
      turnTime: ZRange.optional(),
      callDuration: ZRange.optional(),
      callStatus: z.array(z.number().int()).optional(),
      startTs: z.number().int().optional(),
      endTs: z.number().int().optional(),
    })
    .default({}),
  page: z.number().int().min(1),
  size: z.number().int().min(1),
});
export const ZNxCallData = ZNxCallInfoDetail.extend({
  orderID: z.string(),
  userPhone: z.string().optional(),
  userTaskID: z.string().optional(),
  taskID: ZNxId.optional(),
});
/** INFERENCE: named after listTask's taskData. */
export const ZNxListCallResponse = ZNxEnvelope.extend({
  callData: z.array(ZNxCallData).default([]),
  totalCount: z.number().default(0),
});

export const ZNxStopOrderRequest = z.object({
  productID: z.literal("callbot"),
  userTaskID: z.string().min(1).optional(),
  orderIDs: z.array(z.string()).min(1),
  delCall: z.union([z.literal(0), z.literal(1)]).default(0),
});

/** listOrderDetail: "at most 500 order ids" (providers.md addendum §3). */
export const NXCLOUD_ORDER_DETAIL_MAX = 500;
export const ZNxListOrderDetailRequest = z.object({
  productID: z.literal("callbot"),
  orderList: z.array(z.string()).min(1),
});
export const ZNxOrderDetail = z.object({
  orderID: z.string(),
  userPhone: z.string(),
  userName: z.string().optional(),
  sceneID: z.string().optional(),
  userTaskID: z.string().optional(),
  taskID: ZNxId.optional(),
  finish: z.boolean(),
  other: z.string().optional(),
  callInfoDetailList: z.array(ZNxCallInfoDetail).default([]),
});
export const ZNxListOrderDetailResponse = ZNxEnvelope.extend({
  orderDetailList: z.array(ZNxOrderDetail).default([]),
});

// ---- webhooks (providers.md §3 "Webhooks") ----
/** callbackType is a string in the by-order example and an integer by call; accept both. */
const ZCallbackType = z.union([z.string(), z.number()]);

export const ZNxTaskCallback = z.object({
  callbackType: ZCallbackType.optional(),
  userTaskID: z.string().default(""),
  taskID: ZNxId,
  sceneID: z.string().optional(),
  taskStatus: ZIntLike,
  /** INFERENCE: the time of the status change, Unix seconds. */
  createTs: ZIntLike,
  taskStat: ZNxTaskStat.optional(),
});
export type TNxTaskCallback = z.infer<typeof ZNxTaskCallback>;

export const ZNxOrderCallback = z.object({
  callbackType: ZCallbackType.optional(),
  orderID: z.string(),
  userPhone: z.string().optional(),
  userName: z.string().optional(),
  sceneID: z.string().optional(),
  userTaskID: z.string().default(""),
  taskID: ZNxId,
  finish: z.boolean().optional(),
  other: z.string().optional(),
  callInfoDetail: ZNxCallInfoDetail,
});
export type TNxOrderCallback = z.infer<typeof ZNxOrderCallback>;
