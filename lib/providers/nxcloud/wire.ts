// The NXCloud Callbot API v3 on the wire (docs/providers/nxcloud.md §1): request payloads as the documents
// show them (TypeScript types the simulator may share with `import type`), and zod schemas of the answers and
// callbacks the client reads — lenient where the documents are loose, so nothing undocumented fails a read.
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

/** docs/providers/nxcloud.md §1.3 "retCode". */
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

/** docs/providers/nxcloud.md §1.5 "Enumerations". */
export const NXCLOUD_TASK_STATUS = { pending: 1, running: 2, completed: 3, failed: 4, paused: 5 } as const;
export const NXCLOUD_TASK_OPERATE = { start: 1, pause: 2, complete: 3 } as const;
export const NXCLOUD_STARTUP_TYPE = { manual: 1, scheduled: 2, immediate: 3 } as const;

/**
 * INFERENCE (docs/providers/nxcloud.md §4.1): the callStatus enumeration is not published. These values are
 * ours; the client trusts an answer time or talk time first and this table second.
 */
export const NXCLOUD_CALL_STATUS = { answered: 1, noAnswer: 2, busy: 3, unreachable: 4, rejected: 5, failed: 6 } as const;

/** listOrderDetail: "List of order IDs, limited to a maximum of 500" (docs/providers/nxcloud.md §1.4). */
export const NXCLOUD_ORDER_DETAIL_MAX = 500;

// ---- requests (as the documents' examples show them) ----

export interface TNxManualCallSetting {
  agentGroup: string;
  /** 0 none, 1 ratio-based, 3 predictive 2.0 (AICC templates only). */
  dispatchType: 0 | 1 | 3;
  ratioCallRate?: number;
  predictCallRate?: number;
}

export interface TNxTaskCreateSetting {
  strategyName: string;
  startupType: 1 | 2 | 3;
  /** Unix seconds; only with startupType 2. */
  startupAt?: number;
  /** Offset from UTC in seconds (UTC+8 = 28800). */
  zoneSecond: number;
  /** "1,2,3": 1 = Monday … 7 = Sunday. */
  dialAtWeekDay: string;
  /** Hour h enables [h:00, h:30). */
  dialAtUpHour: string;
  /** Hour h enables [h:30, h+1:00). */
  dialAtDownHour: string;
  maxCall: number;
  taskName: string;
  taskCallbackUrl?: string;
  maxRingTime?: number;
  routeID?: string;
  manualCallSetting?: TNxManualCallSetting;
}

export interface TNxSmsFuncFlag {
  smsID: string;
  intentID: string[];
  intentName: string[];
}

export interface TNxFuncFlag {
  taskKeep: boolean;
  roundRedial: boolean;
  wholeTTS: boolean;
  smsEnable: boolean;
  smsFuncFlag: (TNxSmsFuncFlag | null)[];
  phoneEncrypt: boolean;
}

export interface TNxCreateTaskRequest {
  productID: "callbot";
  userTaskID: string;
  sceneID: string;
  taskCreateSetting: TNxTaskCreateSetting;
  funcFlag: TNxFuncFlag;
  account?: string;
  other?: string;
  /** The createTask example puts the task-status callback URL here, at the top level (docs/providers/nxcloud.md §2.2). */
  taskCallbackUrl?: string;
  orderCallbackUrl?: string;
}

export interface TNxUpdateTaskRequest {
  productID: "callbot";
  userTaskID: string;
  /** The updateTask example names the task's script template (docs/providers/nxcloud.md §2.5). */
  sceneID: string;
  taskCreateSetting?: Partial<TNxTaskCreateSetting>;
  funcFlag?: Partial<TNxFuncFlag>;
}

export interface TNxMgrTaskStatusRequest {
  productID: "callbot";
  userTaskID: string;
  taskOperate: 1 | 2 | 3;
  /** 0 keep, 1 delete undialled data ("use with caution"). */
  delCall?: 0 | 1;
}

export interface TNxListTaskRequest {
  productID: "callbot";
  page: number;
  size: number;
  queryConditions: {
    taskStatus?: number[];
    taskName?: string[];
    sceneID?: string;
    userTaskID?: string[];
    startTs?: number;
    endTs?: number;
  };
}

export interface TNxParam {
  name: string;
  value: string;
}

export interface TNxCallListItem {
  /** Caller-generated, globally unique. */
  orderID: string;
  /** Country code, digits only, e.g. 8615600000000. */
  userPhone: string;
  other?: string;
  userName?: string;
  customerName?: string;
  params?: TNxParam[];
}

export interface TNxAddBatchCallRequest {
  productID: "callbot";
  userTaskID: string;
  callInfoList: {
    /** Required (docs/providers/nxcloud.md §2.1): where NXCloud reports a finished order. */
    orderCallbackUrl: string;
    /** Required (docs/providers/nxcloud.md §2.1): where NXCloud reports every call. */
    callCallbackUrl: string;
    callList: TNxCallListItem[];
  };
}

export interface TNxRange {
  gt?: number;
  lt?: number;
  enable?: boolean;
}

export interface TNxListOrderRequest {
  productID: "callbot";
  userTaskID: string;
  options: {
    orderID?: string[] | null;
    intentID?: string[] | null;
    intentName?: string[] | null;
    intentTag?: string[] | null;
    intentLevel?: number[] | null;
    /** INFERENCE (docs/providers/nxcloud.md §4.3): 1 finished, 0 unfinished. */
    finish?: number | null;
    turnTime?: TNxRange | null;
    callDuration?: TNxRange | null;
    callStatus?: number[] | null;
  };
  page: number;
  size: number;
}

export interface TNxListCallRequest {
  productID: "callbot";
  userTaskID: string;
  options: {
    callID?: string[] | null;
    intentID?: string[] | null;
    intentName?: string[] | null;
    intentTag?: string[] | null;
    intentLevel?: number[] | null;
    turnTime?: TNxRange | null;
    callDuration?: TNxRange | null;
    callStatus?: number[] | null;
    startTs?: number;
    endTs?: number;
  };
  page: number;
  size: number;
}

export interface TNxStopOrderRequest {
  productID: "callbot";
  /** Required by the stopOrder document (docs/providers/nxcloud.md §2.4). */
  userTaskID: string;
  orderIDs: string[];
  delCall?: 0 | 1;
}

export interface TNxListOrderDetailRequest {
  productID: "callbot";
  /** Required by the listOrderDetail document (docs/providers/nxcloud.md §2.4). */
  userTaskID: string;
  /** ≤ NXCLOUD_ORDER_DETAIL_MAX ids. */
  orderList: string[];
}

// ---- answers ----

/** Ids are documented as strings; a number (or one beyond 2^53, kept as a string by the lossless parse) is accepted. */
export const ZNxId = z.union([z.string(), z.number()]).transform(String);
/** Integers that the documents show as numbers but copies sometimes quote. */
const ZIntLike = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

export const ZNxEnvelope = z.object({
  retCode: ZIntLike,
  retMsg: z.string().default(""),
  responseID: z.string().default(""),
});

/** Ping answers in its own envelope; `timestamp` is "current second level timestamp" (docs/providers/nxcloud.md §2.6). */
export const ZNxPingResponse = z.object({
  data: z.string().optional(),
  timestamp: z.number().optional(),
  /** INFERENCE (docs/providers/nxcloud.md §4.7): 0 = success, otherwise a retCode from the same table. */
  code: ZIntLike,
  msg: z.string().default(""),
  reqId: z.string().default(""),
});

/** The documents' createTask example spells one key "dialAtUpHour " with a trailing space; read it as dialAtUpHour. */
function acceptTypoKeys(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const src = input as Record<string, unknown>;
  if (!("dialAtUpHour " in src)) return input;
  const { "dialAtUpHour ": typo, ...rest } = src;
  return rest.dialAtUpHour === undefined ? { ...rest, dialAtUpHour: typo } : rest;
}

/** INFERENCE (docs/providers/nxcloud.md §4.2): createTask's answer is not readable; NXCloud's taskID is expected back. */
export const ZNxCreateTaskResponse = ZNxEnvelope.extend({ taskID: ZNxId.optional(), userTaskID: z.string().optional() });

export const ZNxMgrTaskStatusResponse = ZNxEnvelope.extend({ taskID: ZNxId.optional(), taskStatus: ZIntLike.optional() });

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

/** Read side of the settings: the seed's example even shows `"startupType": "["`, so nothing here may fail a list. */
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

const ZNxFuncFlagRead = z.object({
  taskKeep: z.boolean().optional(),
  roundRedial: z.boolean().optional(),
  wholeTTS: z.boolean().optional(),
  smsEnable: z.boolean().optional(),
  smsFuncFlag: z.array(z.unknown()).optional(),
  phoneEncrypt: z.boolean().optional(),
});

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
      funcFlag: ZNxFuncFlagRead.optional().catch(undefined),
    })
    .optional(),
});
export type TNxTaskData = z.infer<typeof ZNxTaskData>;

export const ZNxListTaskResponse = ZNxEnvelope.extend({
  taskData: z.array(ZNxTaskData).default([]),
  totalCount: z.number().default(0),
});

export const ZNxErrItem = z.object({ orderID: z.string(), errMsg: z.string().default("") });
/** stopOrder's documented answer; INFERENCE (docs/providers/nxcloud.md §4.2): addBatchCall answers in the same shape. */
export const ZNxBatchResult = ZNxEnvelope.extend({
  totalCount: z.number().default(0),
  successCount: z.number().default(0),
  errList: z.array(ZNxErrItem).nullable().default([]).transform((l) => l ?? []),
});

const ZNxParamRead = z.object({ name: z.string().nullable().optional(), value: z.string().nullable().optional() });

export const ZNxIntent = z.object({
  intentID: z.string().optional(),
  intentTag: z.string().optional(),
  intentName: z.string().optional(),
  intentLevel: z.union([z.string(), z.number()]).optional(),
});

export const ZNxCallInfoDetail = z.object({
  callID: ZNxId,
  callStatus: ZIntLike.optional(),
  /** INFERENCE (docs/providers/nxcloud.md §4.4): Unix seconds like createTs; 0 = did not happen. */
  callStartTs: ZIntLike.default(0),
  callAnswerTs: ZIntLike.default(0),
  callEndTs: ZIntLike.default(0),
  callDuration: z.number().default(0),
  callAudioUrl: z.string().optional(),
  hangupCause: z.union([z.string(), z.number()]).optional(),
  termSipCode: z.union([z.string(), z.number()]).optional(),
  intents: z.array(ZNxIntent).default([]),
  sms: z.array(z.unknown()).default([]),
  agent: z.record(z.string(), z.unknown()).nullable().optional(),
  params: z.array(ZNxParamRead).default([]),
  callingNumber: z.string().optional(),
  lineAddress: z.string().optional(),
});
export type TNxCallInfoDetail = z.infer<typeof ZNxCallInfoDetail>;

/** INFERENCE (docs/providers/nxcloud.md §4.2): listOrder's answer is not readable; an order has listOrderDetail's order fields. */
export const ZNxOrderData = z.object({
  orderID: z.string(),
  userPhone: z.string().default(""),
  userName: z.string().optional(),
  customerName: z.string().optional(),
  other: z.string().optional(),
  finish: z.boolean().default(false),
  callStatus: ZIntLike.nullable().optional(),
});
export type TNxOrderData = z.infer<typeof ZNxOrderData>;

/**
 * INFERENCE (docs/providers/nxcloud.md §4.2): the array's name in listOrder's answer is not readable; `orderData`
 * (after listTask's `taskData`) is read first, else the one array of objects that carry an orderID.
 */
export const ZNxListOrderResponse = z.preprocess(
  (input) => {
    if (typeof input !== "object" || input === null || "orderData" in input) return input;
    const orders = Object.values(input).find((v) => Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null && "orderID" in v[0]);
    return orders ? { ...input, orderData: orders } : input;
  },
  ZNxEnvelope.extend({ orderData: z.array(ZNxOrderData).default([]), totalCount: z.number().default(0) }),
);

/** INFERENCE (docs/providers/nxcloud.md §4.2): listCall's answer is not readable; a call is a callInfoDetail with order ids. */
export const ZNxCallData = ZNxCallInfoDetail.extend({
  orderID: z.string().default(""),
  userPhone: z.string().optional(),
  userTaskID: z.string().optional(),
  taskID: ZNxId.optional(),
});
export const ZNxListCallResponse = z.preprocess(
  (input) => {
    if (typeof input !== "object" || input === null || "callData" in input) return input;
    const calls = Object.values(input).find((v) => Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null && "callID" in v[0]);
    return calls ? { ...input, callData: calls } : input;
  },
  ZNxEnvelope.extend({ callData: z.array(ZNxCallData).default([]), totalCount: z.number().default(0) }),
);

export const ZNxOrderDetail = z.object({
  orderID: z.string(),
  userPhone: z.string().default(""),
  userName: z.string().optional(),
  sceneID: z.string().optional(),
  userTaskID: z.string().optional(),
  taskID: ZNxId.optional(),
  finish: z.boolean().default(false),
  other: z.string().optional(),
  callInfoDetailList: z.array(ZNxCallInfoDetail).nullable().default([]).transform((l) => l ?? []),
});
export type TNxOrderDetail = z.infer<typeof ZNxOrderDetail>;
export const ZNxListOrderDetailResponse = ZNxEnvelope.extend({
  orderDetailList: z.array(ZNxOrderDetail).nullable().default([]).transform((l) => l ?? []),
});

// ---- callbacks (docs/providers/nxcloud.md §1.6) ----

/** callbackType is a string in the by-order example and an integer by call; accept both. */
const ZCallbackType = z.union([z.string(), z.number()]);

export const ZNxTaskCallback = z.object({
  callbackType: ZCallbackType.optional(),
  userTaskID: z.string().default(""),
  taskID: ZNxId,
  sceneID: z.string().optional(),
  taskStatus: ZIntLike,
  /** "Task creation timestamp" (docs/providers/nxcloud.md §2.7): not the time of this event. */
  createTs: ZIntLike.optional(),
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
