// Request validation as the documents state it (docs/providers/nxcloud.md §1.4), written independently of the
// client. A refusal carries the documented retCode: a missing field 2, a wrong type 3, a bad value 4.
import { z } from "zod";
import { BATCH_MAX, ORDER_DETAIL_MAX, PAGE_SIZE_MAX, RET, TEXT_MAX } from "./protocol";

export class NxRefusal extends Error {
  constructor(
    readonly retCode: number,
    message: string,
  ) {
    super(message);
  }
}

const text = z.string().max(TEXT_MAX);
const id = z.string().min(1).max(128);
const productID = z.literal("callbot");
const int = z.number().int();
/** "Multiple values are separated by commas": every value an integer in [min, max]. */
const intList = (min: number, max: number) =>
  z.string().refine(
    (s) => s.trim() === "" || s.split(",").every((v) => /^\s*\d+\s*$/.test(v) && Number(v) >= min && Number(v) <= max),
    `comma-separated integers in [${min},${max}]`,
  );
/** A callback URL NXCloud could post to. */
const callbackUrl = z
  .string()
  .min(1)
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), "an http(s) URL");

/** createTask's example spells "dialAtUpHour " with a trailing space; a reader of the documents would accept it. */
function typoKeys(input: unknown): unknown {
  if (typeof input !== "object" || input === null || !("dialAtUpHour " in input)) return input;
  const { "dialAtUpHour ": typo, ...rest } = input as Record<string, unknown>;
  return "dialAtUpHour" in rest ? rest : { ...rest, dialAtUpHour: typo };
}

const manualCallSetting = z.object({
  agentGroup: text.default(""),
  // "Outbound type, 0: none, 1: ratio-based outbound, 3: pre-test outbound 2.0".
  dispatchType: z.union([z.literal(0), z.literal(1), z.literal(3)]),
  ratioCallRate: z.number().min(0).optional(),
  predictCallRate: z.number().min(0).optional(),
});

// No defaults here: updateTask sends "any subset" of these, and a missing field must keep the task's value.
const settingShape = {
  strategyName: text.optional(),
  startupType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  startupAt: int.min(0).optional(),
  // "an offset value in seconds relative to UTC" — UTC−12 … UTC+14.
  zoneSecond: int.min(-12 * 3600).max(14 * 3600),
  dialAtWeekDay: intList(1, 7),
  dialAtUpHour: intList(0, 23),
  dialAtDownHour: intList(0, 23),
  maxCall: int.min(1),
  taskName: z.string().min(1).max(TEXT_MAX),
  taskCallbackUrl: text.optional(),
  maxRingTime: int.min(0).optional(),
  routeID: text.optional(),
  manualCallSetting: manualCallSetting.optional(),
};

const smsFuncFlag = z.object({ smsID: text, intentID: z.array(text).max(100).default([]), intentName: z.array(text).max(100).default([]) });
const funcFlagShape = {
  taskKeep: z.boolean().default(false),
  roundRedial: z.boolean().default(false),
  wholeTTS: z.boolean().default(false),
  smsEnable: z.boolean().default(false),
  smsFuncFlag: z.array(smsFuncFlag.nullable()).max(100).default([]),
  phoneEncrypt: z.boolean().default(false),
};

export const ZCreateTask = z.object({
  productID,
  userTaskID: id,
  sceneID: id,
  taskCreateSetting: z.preprocess(typoKeys, z.object(settingShape)),
  funcFlag: z.object(funcFlagShape).default(() => z.object(funcFlagShape).parse({})),
  account: text.optional(),
  other: text.optional(),
  // The createTask example carries the callback URLs here, at the top level (docs/providers/nxcloud.md §2.2).
  taskCallbackUrl: text.optional(),
  orderCallbackUrl: text.optional(),
});
export type SimTaskSetting = z.output<typeof ZCreateTask>["taskCreateSetting"];
export type SimFuncFlag = z.output<typeof ZCreateTask>["funcFlag"];

export const ZUpdateTask = z.object({
  productID,
  userTaskID: id,
  // The updateTask example names the task's script template (docs/providers/nxcloud.md §2.5).
  sceneID: id,
  taskCreateSetting: z.preprocess(typoKeys, z.object(settingShape).partial()).optional(),
  funcFlag: z
    .object({
      taskKeep: z.boolean(),
      roundRedial: z.boolean(),
      wholeTTS: z.boolean(),
      smsEnable: z.boolean(),
      smsFuncFlag: z.array(smsFuncFlag.nullable()).max(100),
      phoneEncrypt: z.boolean(),
    })
    .partial()
    .optional(),
});

export const ZMgrTaskStatus = z.object({
  productID,
  userTaskID: id,
  taskOperate: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  delCall: z.union([z.literal(0), z.literal(1)]).default(0),
});

const page = int.min(1);
const size = int.min(1).max(PAGE_SIZE_MAX);
const idList = z.array(text).max(ORDER_DETAIL_MAX);

export const ZListTask = z.object({
  productID,
  page,
  size,
  queryConditions: z.object({
    taskStatus: z.array(int).max(10).optional(),
    taskName: idList.optional(),
    sceneID: text.optional(),
    userTaskID: idList.optional(),
    startTs: int.optional(),
    endTs: int.optional(),
  }),
});

export const ZAddBatchCall = z.object({
  productID,
  userTaskID: id,
  callInfoList: z.object({
    // Both marked "Required" in addBatchOrder (docs/providers/nxcloud.md §2.1).
    orderCallbackUrl: callbackUrl,
    callCallbackUrl: callbackUrl,
    callList: z
      .array(
        z.object({
          orderID: id,
          // "User's phone number with country code, without symbols, e.g., 86156…".
          userPhone: z.string().regex(/^[1-9]\d{5,19}$/, "country code and number, digits only"),
          other: text.optional(),
          userName: text.optional(),
          customerName: text.optional(),
          params: z.array(z.object({ name: text.nullable(), value: text.nullable() })).max(100).default([]),
        }),
      )
      .min(1),
  }),
});

const range = z.object({ gt: int.optional(), lt: int.optional(), enable: z.boolean().optional() }).nullable().optional();
const filter = <T extends z.ZodType>(item: T) => z.array(item).max(ORDER_DETAIL_MAX).nullable().optional();

export const ZListOrder = z.object({
  productID,
  userTaskID: id,
  options: z.object({
    orderID: filter(text),
    intentID: filter(text),
    intentName: filter(text),
    intentTag: filter(text),
    intentLevel: filter(int),
    // INFERENCE (docs/providers/nxcloud.md §4.3): "completed calls", the example uses 1.
    finish: z.union([z.literal(0), z.literal(1)]).nullable().optional(),
    turnTime: range,
    callDuration: range,
    callStatus: filter(int),
  }),
  page,
  size,
});

export const ZListCall = z.object({
  productID,
  userTaskID: id,
  options: z.object({
    callID: filter(text),
    intentID: filter(text),
    intentName: filter(text),
    intentTag: filter(text),
    intentLevel: filter(int),
    turnTime: range,
    callDuration: range,
    callStatus: filter(int),
    startTs: int.optional(),
    endTs: int.optional(),
  }),
  page,
  size,
});

export const ZStopOrder = z.object({
  productID,
  // "userTaskID … Yes" on the stopOrder page (docs/providers/nxcloud.md §2.4).
  userTaskID: id,
  orderIDs: z.array(text).min(1),
  delCall: z.union([z.literal(0), z.literal(1)]).default(0),
});

export const ZListOrderDetail = z.object({
  productID,
  // "userTaskID … Yes" on the orderDetailList page (docs/providers/nxcloud.md §2.4).
  userTaskID: id,
  orderList: z.array(text).min(1),
});

export const ZPing = z.object({ data: text });

/** The first problem as NXCloud would name it: missing → 2, wrong type → 3, bad value → 4. */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.join(".");
  let value: unknown = body;
  for (const key of issue.path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  if (value === undefined) throw new NxRefusal(RET.missingParameter, `missing parameter: ${where}`);
  if (issue.code === "invalid_type") throw new NxRefusal(RET.badFormat, `parameter format error: ${where}`);
  throw new NxRefusal(RET.badValue, `invalid parameter value: ${where} (${issue.message})`);
}

/** Arrays beyond a documented (or inferred) limit are a capacity error, 4001. */
export function requireAtMost(count: number, max: number, what: string): void {
  if (count > max) throw new NxRefusal(RET.tooManyElements, `${what} has ${count} elements, at most ${max}`);
}

export { BATCH_MAX, ORDER_DETAIL_MAX };
