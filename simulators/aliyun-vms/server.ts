// Aliyun VMS simulator: the Dyvmsapi 2017-05-25 Cloud* actions over RPC (GET query or POST form),
// strict RPC V2 signature checks, the documented limits and state rules (providers.md §2 and
// addendum §2), and dialling through the shared engine inside each task's time conditions.
// Aliyun pushes no per-task webhooks (CallbackUrl is deprecated), so this simulator sends none.
import { createHmac } from "node:crypto";
import type { CallTimeGroup, DateOverride, IsoWeekday, MinuteRange } from "../../lib/domain/call-time-group";
import { ZRetryStrategyBasic } from "../../lib/providers/aliyun-vms/wire";
import { SimClock } from "../core/clock";
import { demoPhones, DEMO_TASK_NAMES } from "../core/demo-names";
import { DEFAULT_DIALING, DialingEngine } from "../core/dialer";
import { FaultInjector, faultsFromEnv, mulberry32 } from "../core/faults";
import { json, startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { JsonStore } from "../core/store";
import type { DialableTask, DialOrder, SimCall, Simulator, SimulatorOptions } from "../core/types";

const VERSION = "2017-05-25";
/** providers.md §2: Timestamp must be within 15 minutes; a nonce is remembered as long. */
const CLOCK_SKEW_MS = 15 * 60_000;
const MAX_TASKS = 100;
const MAX_ACTIVE_TASKS = 10;
const MAX_TELS_PER_BATCH = 100_000;
const MAX_CALL_RECORDS = 2_000;
const DEMO_ENTERPRISE = "7000002";

type Value = string | number;

export interface SimCondition {
  Id: number;
  Name: string;
  Type: number;
  TimeType: number;
  DayOfWeek: string;
  FromDay: string;
  ToDay: string;
  StartTime: string;
  EndTime: string;
  Priority: number;
  CreateTime: string;
  EnterpriseId: string;
}

export interface SimTaskCall {
  callId: string;
  phone: string;
  outcome: string;
  startedAt: number;
  endedAt: number;
  durationSec: number;
  attempt: number;
}

export interface SimTask {
  /** Task fields as CloudQueryTask returns them (numbers for the SDK's long fields). */
  props: Record<string, Value>;
  orders: DialOrder[];
  calls: SimTaskCall[];
  /** Sim epoch ms, for AutoDelete's "earliest created". */
  createdAt: number;
  fileIds: number[];
}

export interface AliyunVmsSimState {
  nextTaskId: number;
  nextConditionId: number;
  nextFileId: number;
  /** CloudCreateTask calls that created a task, so tests can prove a create was never sent twice. */
  createCount: number;
  enterprises: Record<string, { tasks: SimTask[]; conditions: SimCondition[] }>;
}

export interface AliyunVmsSimulator extends Simulator {
  readonly clock: SimClock;
  readonly engine: DialingEngine;
  readonly faults: FaultInjector;
  state(): AliyunVmsSimState;
  /** Runs the AutoStart/AutoStop schedule and the dialing engine up to the clock's now. */
  tick(): SimCall[];
}

// String fields of CloudCreateTask; the SDK's long fields are the RANGES/ENUMS keys and Type, kept as numbers.
const STRING_FIELDS = [
  "Name", "Description", "TemplateName", "AutoStartDay", "AutoStartTime", "AutoStopDay", "AutoStopTime",
  "AutoTriggerTimeStrategy", "RetryStrategy", "CallPriorityStrategy", "CustomerClids", "ClidProperty",
  "CustomerClidWeight", "CustomerClidsGroup", "IvrName", "UserFields", "CallVariables", "TimeStrategy", "Cnos",
  "AgentGroup", "CallLimitStrategy", "CustomerMoh", "CustomerVoice",
];
/** Documented ranges (seed 001, providers.md §2 table). */
const RANGES: Record<string, [number, number]> = {
  CustomerTimeout: [5, 60],
  AgentTimeout: [5, 60],
  Wrapup: [1, 10800],
  MaxWaitTime: [10, 600],
  MinAvailableAgentCount: [1, 10],
  PredictAdjust: [50, 400],
  AnswerRate: [1, 100],
  WarmUpDuration: [60, 600],
  Concurrency: [0, 100_000],
  IvrId: [0, Number.MAX_SAFE_INTEGER],
};
const ENUMS: Record<string, number[]> = {
  AutoStart: [0, 1],
  AutoStop: [0, 1],
  ForceEndFlag: [0, 1],
  AutoTaskType: [0, 1],
  AutoComplete: [0, 1],
  IsRewarm: [0, 1],
  AutoDelete: [0, 1],
  CustomerClidWeightFlag: [0, 1],
  CallGroupType: [1, 2],
  CallStrategy: [1, 2, 3, 4],
  CallRouteStrategy: [1, 2],
  CustomerClidsCategory: [1, 2, 4, 5],
  CustomerClidType: [1, 2],
  RetryStrategyTimeType: [1, 2],
  RetryStrategyOnlyToday: [0, 1, 2, 3],
};
const DEFAULTS: Record<string, Value> = {
  AutoStart: 0,
  AutoStop: 0,
  ForceEndFlag: 0,
  AutoTaskType: 0,
  AutoComplete: 1,
  IsRewarm: 1,
  CallGroupType: 1,
  CallStrategy: 1,
  CustomerTimeout: 30,
  AgentTimeout: 10,
  Wrapup: 30,
  MaxWaitTime: 40,
  MinAvailableAgentCount: 10,
  Quotiety: 1,
  PredictAdjust: 100,
  AnswerRate: 50,
  WarmUpDuration: 300,
  RetryStrategyTimeType: 1,
  RetryStrategyOnlyToday: 0,
  CustomerClidType: 1,
  IsRandom: 0,
};

/** A documented rule was broken: answered as the gateway answers, `{RequestId, HostId, Code, Message}`. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const missing = (name: string) =>
  new ApiError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
const invalid = (name: string, why: string) => new ApiError(400, "InvalidParameter", `The specified parameter "${name}" is not valid: ${why}`);
// providers.md §2: Cloud* business codes are NOT FOUND; these names are ours (INFERENCE), used for the documented rules.
const notFound = () => new ApiError(400, "Task.NotFound", "The specified task does not exist.");
const statusNotAllowed = (why: string) => new ApiError(400, "Task.StatusNotAllowed", why);

// ---------------------------------------------------------------------------------------------
// RPC V2 signature, written here from providers.md §2 on its own (byte-wise), so a client bug is not mirrored.

function rfc3986(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function serverStringToSign(method: string, params: Map<string, string>): string {
  const names = [...params.keys()].filter((k) => k !== "Signature").sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const canonical = names.map((k) => `${rfc3986(k)}=${rfc3986(params.get(k) ?? "")}`).join("&");
  return `${method}&${rfc3986("/")}&${rfc3986(canonical)}`;
}

// ---------------------------------------------------------------------------------------------
// Time

/** China has had no DST since 1991: the call centre's local time is UTC+8. */
function shanghaiParts(ms: number) {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}
const dateTimeText = (ms: number) => {
  const p = shanghaiParts(ms);
  return `${p.date} ${p.time}`;
};
function shanghaiMs(date: string, time: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return Date.UTC(y, m - 1, d, hh - 8, mm, ss ?? 0);
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Open minutes of one local day from time conditions: [StartTime, EndTime) at minute precision (INFERENCE). */
function maskOf(rows: SimCondition[]): boolean[] {
  const mask = new Array<boolean>(1440).fill(false);
  for (const r of rows) for (let m = minuteOf(r.StartTime); m < minuteOf(r.EndTime); m++) mask[m] = true;
  return mask;
}

function rangesOf(mask: boolean[]): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (let m = 0; m < 1440; m++) {
    if (!mask[m]) continue;
    const last = out[out.length - 1];
    if (last && last.end === m) last.end = m + 1;
    else out.push({ start: m, end: m + 1 });
  }
  return out;
}

/** Aliyun DayOfWeek (Sun = 1 … Sat = 7) of an ISO weekday (Mon = 1 … Sun = 7). */
const aliyunDay = (iso: number) => (iso === 7 ? 1 : iso + 1);

// ---------------------------------------------------------------------------------------------

export function createAliyunVmsSimulator(opts: SimulatorOptions): AliyunVmsSimulator {
  const faults = new FaultInjector({ ...faultsFromEnv("aliyun-vms"), ...opts.faults });
  const dialing = { ...DEFAULT_DIALING, ...opts.dialing };
  const clock = new SimClock({ startAt: opts.startAt, factor: dialing.factor });
  const store = new JsonStore<AliyunVmsSimState>(opts.stateFile, () => ({
    nextTaskId: 1,
    nextConditionId: 1,
    nextFileId: 1,
    createCount: 0,
    enterprises: {},
  }));
  /** nonce → real ms when first seen (real time: the 15-minute window is the gateway's, not the call centre's). */
  const nonces = new Map<string, number>();
  let server: RunningSimServer | null = null;
  let scheduleTimer: NodeJS.Timeout | null = null;
  let requestId = 0;

  const engine = new DialingEngine({
    clock,
    calendar: opts.calendar,
    config: dialing,
    onCall: (dialable, call) => {
      const found = findTaskAnywhere(dialable.id);
      if (!found) return;
      found.calls.push({
        callId: call.callId,
        phone: call.phone,
        outcome: call.outcome,
        startedAt: call.startedAt.getTime(),
        endedAt: call.endedAt.getTime(),
        durationSec: call.durationSec,
        attempt: call.attempt,
      });
      if (found.calls.length > MAX_CALL_RECORDS) found.calls.splice(0, found.calls.length - MAX_CALL_RECORDS);
      store.save();
    },
    onTaskDrained: (dialable) => {
      const found = findTaskAnywhere(dialable.id);
      if (!found || found.props.Status !== 1) return;
      // Seed 001 AutoComplete: on → the task ends when every number is called; off → it pauses.
      if (found.props.AutoComplete === 1) endTask(found);
      else setStatus(found, 2, 0);
      store.save();
    },
  });

  function enterprise(id: string) {
    const e = store.state.enterprises[id] ?? { tasks: [], conditions: [] };
    store.state.enterprises[id] = e;
    return e;
  }

  function findTaskAnywhere(id: string): SimTask | undefined {
    for (const e of Object.values(store.state.enterprises)) {
      const t = e.tasks.find((task) => String(task.props.Id) === id);
      if (t) return t;
    }
    return undefined;
  }

  function setStatus(task: SimTask, status: number, trigger: 0 | 1): void {
    task.props.Status = status;
    task.props.StatusTriggerType = trigger;
  }

  function endTask(task: SimTask): void {
    setStatus(task, 3, 0);
    task.props.OverTime = dateTimeText(clock.nowMs());
  }

  function conditionsOf(entId: string, ids: Value | undefined): SimCondition[] {
    const wanted = String(ids ?? "").split(",").filter(Boolean).map(Number);
    return enterprise(entId).conditions.filter((c) => wanted.includes(c.Id));
  }

  /** The task's dialling windows: AutoTriggerTimeStrategy allows (interval calling), TimeStrategy forbids. */
  function groupOf(task: SimTask): CallTimeGroup {
    const entId = String(task.props.EnterpriseId);
    const allowed = task.props.AutoTaskType === 1 ? conditionsOf(entId, task.props.AutoTriggerTimeStrategy) : null;
    const forbidden = conditionsOf(entId, task.props.TimeStrategy);
    const open = (weekly: (rows: SimCondition[]) => SimCondition[]) => {
      const allow = allowed === null ? new Array<boolean>(1440).fill(true) : maskOf(weekly(allowed));
      const deny = maskOf(weekly(forbidden));
      return rangesOf(allow.map((a, m) => a && !deny[m]));
    };
    const weeklyRows = (iso: number) => (rows: SimCondition[]) =>
      rows.filter((r) => r.Type === 1 && r.DayOfWeek.split(",").map(Number).includes(aliyunDay(iso)));
    const weekly = {} as Record<IsoWeekday, MinuteRange[]>;
    for (let iso = 1; iso <= 7; iso++) weekly[iso as IsoWeekday] = open(weeklyRows(iso));
    const dates = new Set<string>();
    for (const r of [...(allowed ?? []), ...forbidden]) {
      if (r.Type !== 2) continue;
      for (let t = Date.parse(`${r.FromDay}T00:00:00Z`); t <= Date.parse(`${r.ToDay}T00:00:00Z`) && dates.size < 400; t += 86_400_000) {
        dates.add(new Date(t).toISOString().slice(0, 10));
      }
    }
    const overrides: DateOverride[] = [...dates].sort().map((date) => {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      const forDate = (rows: SimCondition[]) => [
        ...weeklyRows(day === 0 ? 7 : day)(rows),
        ...rows.filter((r) => r.Type === 2 && r.FromDay <= date && date <= r.ToDay),
      ];
      return { date, ranges: open(forDate) };
    });
    return { name: String(task.props.Name), timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides, isDefault: false };
  }

  function dialable(task: SimTask): DialableTask {
    const retry = parseRetry(task.props.RetryStrategy);
    const concurrency = Number(task.props.Concurrency ?? 0);
    return {
      id: String(task.props.Id),
      isRunning: () => task.props.Status === 1,
      group: groupOf(task),
      // Concurrency 0 means "unlimited" for predictive tasks; the simulated centre has 10 lines.
      concurrency: concurrency > 0 ? concurrency : 10,
      maxAttempts: 1 + (retry?.retry ?? 0),
      retryGapMinutes: retry?.firstGapMinutes ?? 30,
      orders: task.orders,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Request handling

  function params(req: SimRequest): Map<string, string> {
    const all = new Map<string, string>();
    for (const [k, v] of req.query) all.set(k, v);
    const type = req.headers["content-type"] ?? "";
    if (req.method === "POST" && req.rawBody && type.includes("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(req.rawBody)) all.set(k, v);
    }
    return all;
  }

  function authenticate(req: SimRequest, p: Map<string, string>): void {
    for (const name of ["AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version"]) {
      if (!p.get(name)) throw missing(name);
    }
    if (p.get("Version") !== VERSION) throw new ApiError(400, "NoSuchVersion", `The specified version "${p.get("Version")}" does not exist.`);
    if (p.get("SignatureMethod") !== "HMAC-SHA1" || p.get("SignatureVersion") !== "1.0") {
      throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    }
    if (p.get("Format") && !["JSON", "XML"].includes(p.get("Format") ?? "")) throw invalid("Format", "JSON or XML");
    if (p.get("AccessKeyId") !== opts.credentials.accessKeyId) {
      throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    const stamp = p.get("Timestamp") ?? "";
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(stamp) ? Date.parse(stamp) : NaN;
    if (!Number.isFinite(at) || Math.abs(Date.now() - at) > CLOCK_SKEW_MS) {
      throw new ApiError(400, "IllegalTimestamp", `The input parameter "Timestamp" that is mandatory for processing this request is not supplied or is out of the 15-minute window.`);
    }
    const method = req.method === "GET" ? "GET" : "POST";
    const toSign = serverStringToSign(method, p);
    const expected = createHmac("sha1", `${opts.credentials.accessKeySecret}&`).update(toSign, "utf8").digest("base64");
    if (expected !== p.get("Signature")) {
      throw new ApiError(403, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${toSign}`);
    }
    // INFERENCE (Alibaba common errors): a nonce seen within 15 minutes is a replay.
    const now = Date.now();
    for (const [nonce, seen] of nonces) if (now - seen > CLOCK_SKEW_MS) nonces.delete(nonce);
    const nonce = p.get("SignatureNonce") ?? "";
    if (nonces.has(nonce)) throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    nonces.set(nonce, now);
  }

  function handle(req: SimRequest): SimResponse {
    const rid = `SIM-${String(++requestId).padStart(8, "0")}`;
    if (req.path !== "/") return json(404, { RequestId: rid, Code: "InvalidAction.NotFound", Message: "Specified api is not found." });
    try {
      const p = params(req);
      authenticate(req, p);
      const data = dispatch(p.get("Action") ?? "", p);
      store.save();
      return json(200, { RequestId: rid, Code: "OK", Message: "OK", Data: data });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return json(err.status, { RequestId: rid, HostId: "dyvmsapi.aliyuncs.com", Code: err.code, Message: err.message });
    }
  }

  const ACTIONS = new Set([
    "CloudCreateTask", "CloudUpdateTask", "CloudQueryTask", "CloudGetTask", "CloudStartTask", "CloudPauseTask",
    "CloudDeleteTask", "CloudImportTaskTel", "CloudMonitorTask", "CloudListEnterpriseTime", "CloudCreateEnterpriseTime",
  ]);

  function dispatch(action: string, p: Map<string, string>): unknown {
    if (!ACTIONS.has(action)) throw new ApiError(404, "InvalidAction.NotFound", `Specified api "${action}" is not found.`);
    const entId = requiredInt(p, "EnterpriseId");
    const ent = enterprise(String(entId));
    const taskOf = () => {
      const id = String(requiredInt(p, "TaskId"));
      const task = ent.tasks.find((t) => String(t.props.Id) === id);
      if (!task) throw notFound();
      return task;
    };
    switch (action) {
      case "CloudCreateTask":
        return createTask(String(entId), p);
      case "CloudUpdateTask":
        return updateTask(String(entId), taskOf(), p);
      case "CloudQueryTask":
        return queryTasks(ent.tasks, p);
      case "CloudGetTask":
        return { TaskProperty: { ...taskOf().props } };
      case "CloudStartTask":
        return startTask(ent.tasks, taskOf());
      case "CloudPauseTask":
        return pauseTask(taskOf(), p);
      case "CloudDeleteTask": {
        const task = taskOf();
        // providers.md §2: only initial (0) or ended (3) tasks can be deleted.
        if (task.props.Status !== 0 && task.props.Status !== 3) throw statusNotAllowed("Only tasks in initial or ended status can be deleted.");
        ent.tasks.splice(ent.tasks.indexOf(task), 1);
        engine.remove(String(task.props.Id));
        return { Result: 0 };
      }
      case "CloudImportTaskTel":
        return importTels(taskOf(), p);
      case "CloudMonitorTask":
        return monitor(taskOf());
      case "CloudListEnterpriseTime":
        return listConditions(ent.conditions, p);
      case "CloudCreateEnterpriseTime":
      default:
        return createCondition(String(entId), p);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Tasks

  function createTask(entId: string, p: Map<string, string>): unknown {
    const name = p.get("Name");
    if (!name) throw missing("Name");
    if (!p.get("Type")) throw missing("Type");
    const fields = readTaskFields(entId, p, null);
    const ent = enterprise(entId);
    if (ent.tasks.length >= MAX_TASKS) {
      // Seed 001: AutoDelete=1 deletes the earliest-created ended task; otherwise the request fails.
      const ended = ent.tasks.filter((t) => t.props.Status === 3).sort((a, b) => a.createdAt - b.createdAt)[0];
      if (optionalInt(p, "AutoDelete") !== 1 || !ended) {
        throw new ApiError(400, "Task.LimitExceeded", `The call centre already has ${MAX_TASKS} tasks.`);
      }
      ent.tasks.splice(ent.tasks.indexOf(ended), 1);
      engine.remove(String(ended.props.Id));
    }
    const now = clock.nowMs();
    const task: SimTask = {
      props: {
        ...DEFAULTS,
        ...fields,
        Id: store.state.nextTaskId++,
        EnterpriseId: entId,
        Status: 0,
        StatusTriggerType: 1,
        CreateTime: dateTimeText(now),
      },
      orders: [],
      calls: [],
      createdAt: now,
      fileIds: [],
    };
    ent.tasks.push(task);
    store.state.createCount++;
    engine.add(dialable(task));
    // providers.md §2 "Type quirk": CloudCreateTask's Data fields are strings, except AutoComplete.
    return Object.fromEntries(Object.entries(task.props).map(([k, v]) => [k, k === "AutoComplete" ? Number(v) : String(v)]));
  }

  function updateTask(entId: string, task: SimTask, p: Map<string, string>): unknown {
    // INFERENCE: no documented rule; a dialling or ended task is not edited.
    if (task.props.Status !== 0 && task.props.Status !== 2) throw statusNotAllowed("Only tasks in initial or paused status can be updated.");
    const fields = readTaskFields(entId, p, task);
    if (fields.Type !== undefined && fields.Type !== task.props.Type) throw invalid("Type", "the task type cannot be changed");
    if (fields.CallGroupType !== undefined && fields.CallGroupType !== task.props.CallGroupType) {
      throw invalid("CallGroupType", "the agent assignment type cannot be changed");
    }
    Object.assign(task.props, fields);
    engine.add(dialable(task));
    return { Result: 0 };
  }

  /** Parses and checks the create/update fields. `current` = the task being updated (its values fill the gaps for cross-field rules). */
  function readTaskFields(entId: string, p: Map<string, string>, current: SimTask | null): Record<string, Value> {
    const fields: Record<string, Value> = {};
    for (const key of STRING_FIELDS) if (p.has(key)) fields[key] = p.get(key) ?? "";
    for (const key of [...Object.keys(RANGES), ...Object.keys(ENUMS), "Type"]) {
      const v = optionalInt(p, key);
      if (v !== undefined) fields[key] = v;
    }
    if (fields.Type !== undefined && fields.Type !== 1 && fields.Type !== 2) throw invalid("Type", "1 or 2");
    for (const [key, [min, max]] of Object.entries(RANGES)) {
      const v = fields[key];
      if (v !== undefined && (Number(v) < min || Number(v) > max)) throw invalid(key, `must be between ${min} and ${max}`);
    }
    for (const [key, allowed] of Object.entries(ENUMS)) {
      const v = fields[key];
      if (v !== undefined && !allowed.includes(Number(v))) throw invalid(key, `must be one of ${allowed.join(", ")}`);
    }
    delete fields.AutoDelete;
    if (p.has("Quotiety")) {
      const q = Number(p.get("Quotiety"));
      // Seed 001: greater than 0, at most 20, two decimals.
      if (!/^\d+(\.\d{1,2})?$/.test(p.get("Quotiety") ?? "") || q <= 0 || q > 20) throw invalid("Quotiety", "must be in (0, 20] with at most 2 decimals");
      fields.Quotiety = q;
    }
    // Seed 001: Name shorter than 50 characters, Description shorter than 200.
    if (fields.Name !== undefined && [...String(fields.Name)].length >= 50) throw invalid("Name", "must be shorter than 50 characters");
    if (fields.Description !== undefined && [...String(fields.Description)].length >= 200) throw invalid("Description", "must be shorter than 200 characters");

    const merged: Record<string, Value | undefined> = { ...DEFAULTS, ...current?.props, ...fields };
    const has = (k: string) => merged[k] !== undefined && String(merged[k]) !== "";
    if (Number(merged.Type) === 2 && !has("IvrId") && !has("IvrName")) throw missing("IvrId");
    if (Number(merged.CallGroupType) === 1 && !has("Cnos")) throw missing("Cnos");
    if (Number(merged.CallGroupType) === 2 && !has("AgentGroup")) throw missing("AgentGroup");
    const category = merged.CustomerClidsCategory === undefined ? null : Number(merged.CustomerClidsCategory);
    if ((category === 1 || category === 2) && !has("CustomerClids")) throw missing("CustomerClids");
    if ((category === 4 || category === 5) && !has("CustomerClidsGroup")) throw missing("CustomerClidsGroup");
    if (Number(merged.AutoTaskType) === 1 && !has("AutoTriggerTimeStrategy")) throw missing("AutoTriggerTimeStrategy");
    for (const side of ["Start", "Stop"]) {
      if (Number(merged[`Auto${side}`]) === 1 && !has(`Auto${side}Day`) && !has(`Auto${side}Time`)) throw missing(`Auto${side}Day`);
      const day = fields[`Auto${side}Day`];
      const time = fields[`Auto${side}Time`];
      if (day && !/^\d{4}-\d{2}-\d{2}$/.test(String(day))) throw invalid(`Auto${side}Day`, "yyyy-MM-dd");
      if (time && !/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(String(time))) throw invalid(`Auto${side}Time`, "HH:mm:ss");
    }
    for (const key of ["AutoTriggerTimeStrategy", "TimeStrategy"]) {
      const ids = String(fields[key] ?? "").split(",").filter(Boolean);
      const known = new Set(enterprise(entId).conditions.map((c) => String(c.Id)));
      const unknown = ids.find((id) => !known.has(id));
      if (unknown) throw invalid(key, `time condition ${unknown} does not exist`);
    }
    if (fields.CallVariables) {
      const vars = jsonArray("CallVariables", String(fields.CallVariables));
      if (vars.length > 5) throw invalid("CallVariables", "at most 5 variables");
    }
    if (fields.UserFields) jsonArray("UserFields", String(fields.UserFields));
    if (fields.RetryStrategy) {
      const retry = parseRetry(fields.RetryStrategy);
      if (!retry) throw invalid("RetryStrategy", "not a valid retry strategy");
      // providers.md §2: with time type 1 each round's time must be greater than the previous one's.
      if (Number(merged.RetryStrategyTimeType) === 1 && !retry.increasing) throw invalid("RetryStrategy", "each round must be later than the previous one");
    }
    return fields;
  }

  function queryTasks(tasks: SimTask[], p: Map<string, string>): unknown {
    const type = requiredInt(p, "Type");
    if (type !== 1 && type !== 2) throw invalid("Type", "1 or 2");
    const start = optionalInt(p, "Start") ?? 0;
    const limit = optionalInt(p, "Limit") ?? 10;
    if (start < 0) throw invalid("Start", "must be 0 or more");
    if (limit < 1 || limit > 100) throw invalid("Limit", "must be between 1 and 100");
    const name = p.get("Name");
    const status = optionalInt(p, "Status");
    const rows = tasks
      .filter((t) => t.props.Type === type && (!name || String(t.props.Name).includes(name)) && (status === undefined || t.props.Status === status))
      .sort((a, b) => Number(a.props.Id) - Number(b.props.Id))
      .slice(start, start + limit);
    return { TaskProperties: rows.map((t) => ({ ...t.props })) };
  }

  function startTask(tasks: SimTask[], task: SimTask): unknown {
    // Replay dialling up to now under the old status first, so the task dials from this instant on.
    engine.tick();
    if (task.props.Status === 1) return { Result: 0 };
    if (task.props.Status === 3) throw statusNotAllowed("An ended task cannot be started again.");
    // CloudStartTask help page: at most 10 tasks running or paused per enterprise.
    const active = tasks.filter((t) => t !== task && (t.props.Status === 1 || t.props.Status === 2)).length;
    if (task.props.Status === 0 && active >= MAX_ACTIVE_TASKS) {
      throw new ApiError(400, "Task.RunningLimitExceeded", `At most ${MAX_ACTIVE_TASKS} tasks can be running or paused.`);
    }
    setStatus(task, 1, 1);
    if (!task.props.StartTime) task.props.StartTime = dateTimeText(clock.nowMs());
    engine.add(dialable(task));
    return { Result: 0 };
  }

  function pauseTask(task: SimTask, p: Map<string, string>): unknown {
    engine.tick();
    if (task.props.Status !== 1) throw statusNotAllowed("Only a running task can be paused.");
    const duration = optionalInt(p, "PauseDuration") ?? 0;
    if (duration < 0) throw invalid("PauseDuration", "must be 0 or more");
    setStatus(task, 2, 1);
    task.props.PauseDuration = duration;
    task.props.PauseTime = dateTimeText(clock.nowMs());
    return { Result: 0 };
  }

  function importTels(task: SimTask, p: Map<string, string>): unknown {
    const list = p.get("TaskTelList");
    if (!list) throw missing("TaskTelList");
    if (task.props.Status === 3) throw statusNotAllowed("Numbers cannot be added to an ended task.");
    const rows = jsonArray("TaskTelList", list);
    if (rows.length > MAX_TELS_PER_BATCH) throw invalid("TaskTelList", `at most ${MAX_TELS_PER_BATCH} numbers per batch`);
    const isRepeat = optionalInt(p, "IsRepeat") ?? 1;
    if (![0, 1, 2, 3].includes(isRepeat)) throw invalid("IsRepeat", "0, 1, 2 or 3");
    const fileId = optionalInt(p, "FileId") ?? store.state.nextFileId++;
    if (!task.fileIds.includes(fileId)) task.fileIds.push(fileId);
    const inTask = new Set(task.orders.map((o) => o.phone));
    const inBatch = new Set(task.orders.filter((o) => o.id.startsWith(`${fileId}-`)).map((o) => o.phone));
    const inRequest = new Set<string>();
    let invalidTotal = 0;
    let success = 0;
    for (const row of rows) {
      const tel = typeof row === "object" && row !== null ? String((row as Record<string, unknown>).Tel ?? "") : "";
      if (!/^\d{5,20}$/.test(tel)) {
        invalidTotal++;
        continue;
      }
      // providers.md §2: IsRepeat 0 no dedupe, 1 within the task (default), 2 within this import, 3 within the batch.
      const duplicate =
        (isRepeat === 1 && (inTask.has(tel) || inRequest.has(tel))) ||
        (isRepeat === 2 && inRequest.has(tel)) ||
        (isRepeat === 3 && (inBatch.has(tel) || inRequest.has(tel)));
      inRequest.add(tel);
      if (duplicate) continue;
      inTask.add(tel);
      inBatch.add(tel);
      task.orders.push({ id: `${fileId}-${task.orders.length + 1}`, phone: tel, attempts: 0, finished: false, answered: false, notBefore: null });
      success++;
    }
    engine.add(dialable(task));
    return {
      FileId: String(fileId),
      TaskId: String(task.props.Id),
      ImportTotal: String(rows.length),
      InvalidTotal: String(invalidTotal),
      SuccessTotal: String(success),
    };
  }

  function monitor(task: SimTask): unknown {
    const today = shanghaiParts(clock.nowMs()).date;
    const todayCalls = task.calls.filter((c) => shanghaiParts(c.startedAt).date === today);
    const statistic = (calledPhones: Set<string>, answered: number) => ({
      AgentCount: 10,
      AnswerCount: answered,
      CallAgentCount: answered,
      CalledCount: calledPhones.size,
      UncalledCount: task.orders.filter((o) => o.attempts === 0 && !o.finished).length,
      CtiLinkTaskProperty: {
        Id: task.props.Id,
        Name: task.props.Name,
        StartTime: task.props.StartTime ?? "",
        OverTime: task.props.OverTime ?? "",
        Status: task.props.Status,
      },
    });
    return {
      Statistic: statistic(new Set(task.orders.filter((o) => o.attempts > 0).map((o) => o.phone)), task.orders.filter((o) => o.answered).length),
      TodayStatistic: statistic(new Set(todayCalls.map((c) => c.phone)), todayCalls.filter((c) => c.outcome === "answered").length),
      AgentInfo: { AvailableCount: 10, BridgeCount: 0, OnlineCount: 10, RingingCount: 0, TotalCount: 10, WrapupCount: 0 },
      ChannelInfo: { AnswerCount: 0, BridgedCount: 0, ChannelCount: 0, EnterpriseChannelCount: 30, IvrCount: 0, WaitAgentCount: 0, WaitAnswerCount: 0 },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Time conditions

  const conditionOut = (c: SimCondition) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)]));

  function listConditions(conditions: SimCondition[], p: Map<string, string>): unknown {
    const name = p.get("Name");
    const type = optionalInt(p, "Type");
    const priority = optionalInt(p, "Priority");
    const rows = conditions.filter(
      (c) => (!name || c.Name.includes(name)) && (type === undefined || c.Type === type) && (priority === undefined || c.Priority === priority),
    );
    return { List: rows.map(conditionOut) };
  }

  function createCondition(entId: string, p: Map<string, string>): unknown {
    for (const key of ["Name", "Priority", "Type", "TimeType", "StartTime", "EndTime"]) if (!p.get(key)) throw missing(key);
    const type = requiredInt(p, "Type");
    const timeType = requiredInt(p, "TimeType");
    const priority = requiredInt(p, "Priority");
    if (type !== 1 && type !== 2) throw invalid("Type", "1 or 2");
    if (timeType !== 1 && timeType !== 2) throw invalid("TimeType", "1 or 2");
    if (priority < 1) throw invalid("Priority", "starts at 1");
    const start = p.get("StartTime") ?? "";
    const end = p.get("EndTime") ?? "";
    if (!HH_MM.test(start)) throw invalid("StartTime", "HH:mm");
    if (!HH_MM.test(end)) throw invalid("EndTime", "HH:mm");
    if (minuteOf(start) >= minuteOf(end)) throw invalid("StartTime", "must be before EndTime");
    let dayOfWeek = "";
    let fromDay = "";
    let toDay = "";
    if (type === 1) {
      dayOfWeek = p.get("DayOfWeek") ?? "";
      if (!dayOfWeek) throw missing("DayOfWeek");
      if (!dayOfWeek.split(",").every((d) => /^[1-7]$/.test(d))) throw invalid("DayOfWeek", "comma-separated 1 (Sunday) … 7 (Saturday)");
    } else {
      fromDay = p.get("FromDay") ?? "";
      toDay = p.get("ToDay") ?? "";
      if (!fromDay) throw missing("FromDay");
      if (!toDay) throw missing("ToDay");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(toDay) || fromDay > toDay) {
        throw invalid("FromDay", "yyyy-MM-dd, not after ToDay");
      }
    }
    const ent = enterprise(entId);
    const name = p.get("Name") ?? "";
    // SDK model comments: Name and Priority are unique per call centre.
    if (ent.conditions.some((c) => c.Name === name || c.Priority === priority)) {
      throw new ApiError(400, "TimeCondition.Duplicate", "A time condition with this name or priority already exists.");
    }
    const condition: SimCondition = {
      Id: store.state.nextConditionId++,
      Name: name,
      Type: type,
      TimeType: timeType,
      DayOfWeek: dayOfWeek,
      FromDay: fromDay,
      ToDay: toDay,
      StartTime: start,
      EndTime: end,
      Priority: priority,
      CreateTime: dateTimeText(clock.nowMs()),
      EnterpriseId: entId,
    };
    ent.conditions.push(condition);
    return conditionOut(condition);
  }

  // -------------------------------------------------------------------------------------------
  // Schedule: AutoStart / AutoStop (seed 001)

  function runSchedule(): void {
    const now = clock.nowMs();
    for (const e of Object.values(store.state.enterprises)) {
      for (const task of e.tasks) {
        const createdDay = shanghaiParts(task.createdAt).date;
        const at = (side: "Start" | "Stop", defaultTime: string) =>
          shanghaiMs(String(task.props[`Auto${side}Day`] || createdDay), String(task.props[`Auto${side}Time`] || defaultTime));
        if (task.props.AutoStart === 1 && task.props.Status === 0 && now >= at("Start", "00:00:00")) {
          const active = e.tasks.filter((t) => t.props.Status === 1 || t.props.Status === 2).length;
          if (active < MAX_ACTIVE_TASKS) setStatus(task, 1, 0);
        }
        if (task.props.AutoStop === 1 && (task.props.Status === 1 || task.props.Status === 2) && now >= at("Stop", "23:59:59")) {
          // ForceEndFlag: ended regardless of numbers left; without it the task stops dialling (paused).
          if (task.props.ForceEndFlag === 1) endTask(task);
          else setStatus(task, 2, 0);
        }
      }
    }
  }

  function tick(): SimCall[] {
    runSchedule();
    const calls = engine.tick();
    store.save();
    return calls;
  }

  // -------------------------------------------------------------------------------------------

  function seedDemo(): void {
    const random = mulberry32(7);
    const ent = enterprise(DEMO_ENTERPRISE);
    const now = clock.nowMs();
    const condition = (name: string, dayOfWeek: string, start: string, end: string): number => {
      const c: SimCondition = {
        Id: store.state.nextConditionId++,
        Name: name,
        Type: 1,
        TimeType: 1,
        DayOfWeek: dayOfWeek,
        FromDay: "",
        ToDay: "",
        StartTime: start,
        EndTime: end,
        Priority: ent.conditions.length + 1,
        CreateTime: dateTimeText(now),
        EnterpriseId: DEMO_ENTERPRISE,
      };
      ent.conditions.push(c);
      return c.Id;
    };
    const morning = condition("工作日上午", "2,3,4,5,6", "09:00", "12:00");
    const afternoon = condition("工作日下午", "2,3,4,5,6", "13:30", "18:00");
    const weekendClosed = condition("周末禁呼", "1,7", "00:00", "23:59");
    const demo: { type: 1 | 2; status: number; numbers: number; called: number }[] = [
      { type: 1, status: 0, numbers: 40, called: 0 },
      { type: 1, status: 1, numbers: 120, called: 35 },
      { type: 2, status: 1, numbers: 80, called: 20 },
      { type: 1, status: 2, numbers: 60, called: 28 },
      { type: 2, status: 3, numbers: 50, called: 50 },
      { type: 2, status: 0, numbers: 30, called: 0 },
    ];
    demo.forEach((d, i) => {
      const createdAt = now - (demo.length - i) * 86_400_000;
      const phones = demoPhones(d.numbers, random);
      const orders: DialOrder[] = phones.map((phone, n) => {
        const called = n < d.called;
        const answered = called && random() < 0.45;
        return { id: `demo-${i}-${n}`, phone, attempts: called ? 1 : 0, finished: called && (answered || d.status === 3), answered, notBefore: null };
      });
      const props: Record<string, Value> = {
        ...DEFAULTS,
        Id: store.state.nextTaskId++,
        EnterpriseId: DEMO_ENTERPRISE,
        Name: DEMO_TASK_NAMES[i % DEMO_TASK_NAMES.length].zh,
        Description: DEMO_TASK_NAMES[i % DEMO_TASK_NAMES.length].en,
        Type: d.type,
        Status: d.status,
        StatusTriggerType: 1,
        CreateTime: dateTimeText(createdAt),
        Concurrency: d.type === 1 ? 0 : 5,
        RetryStrategy: JSON.stringify({ retry: 1, strategy: [{ round: 1, time: "0-0-30" }] }),
        ...(d.type === 1 ? { CallGroupType: 1, Cnos: "2001,2002,2003" } : { CallGroupType: 2, AgentGroup: "33", IvrId: 330 }),
        ...(i % 2 === 0
          ? { AutoTaskType: 1, AutoTriggerTimeStrategy: `${morning},${afternoon}` }
          : { AutoTaskType: 0, TimeStrategy: String(weekendClosed) }),
        ...(d.status > 0 ? { StartTime: dateTimeText(createdAt + 3_600_000) } : {}),
        ...(d.status === 3 ? { OverTime: dateTimeText(createdAt + 2 * 86_400_000) } : {}),
      };
      const task: SimTask = { props, orders, calls: [], createdAt, fileIds: [] };
      for (const o of orders.filter((x) => x.attempts > 0)) {
        task.calls.push({
          callId: `${props.Id}-${o.id}-1`,
          phone: o.phone,
          outcome: o.answered ? "answered" : "no-answer",
          startedAt: createdAt + 3_600_000,
          endedAt: createdAt + 3_660_000,
          durationSec: o.answered ? 60 : 0,
          attempt: 1,
        });
      }
      ent.tasks.push(task);
    });
  }

  if (opts.seedDemo && Object.keys(store.state.enterprises).length === 0) {
    seedDemo();
    store.saveNow();
  }
  for (const e of Object.values(store.state.enterprises)) for (const t of e.tasks) engine.add(dialable(t));

  return {
    kind: "aliyun-vms",
    clock,
    engine,
    faults,
    state: () => store.state,
    tick,
    get url() {
      if (!server) throw new Error("aliyun-vms simulator is not started");
      return server.url;
    },
    async start() {
      if (server) return server.url;
      server = await startSimServer({
        kind: "aliyun-vms",
        host: opts.host,
        port: opts.port,
        faults,
        handle,
        admin: {
          state: () => store.state,
          reset: () => {
            for (const e of Object.values(store.state.enterprises)) for (const t of e.tasks) engine.remove(String(t.props.Id));
            store.reset();
            nonces.clear();
            if (opts.seedDemo) seedDemo();
            for (const e of Object.values(store.state.enterprises)) for (const t of e.tasks) engine.add(dialable(t));
            store.saveNow();
          },
          config: (body) => {
            const b = body as { dialing?: Parameters<DialingEngine["setConfig"]>[0] };
            if (b.dialing && typeof b.dialing === "object") engine.setConfig(b.dialing);
          },
          tick: () => void tick(),
        },
      });
      scheduleTimer = setInterval(runSchedule, dialing.tickMs);
      scheduleTimer.unref();
      engine.start();
      return server.url;
    },
    async stop() {
      engine.stop();
      if (scheduleTimer) clearInterval(scheduleTimer);
      scheduleTimer = null;
      store.saveNow();
      await server?.close();
      server = null;
    },
  };
}

function requiredInt(p: Map<string, string>, name: string): number {
  const v = optionalInt(p, name);
  if (v === undefined) throw missing(name);
  return v;
}

function optionalInt(p: Map<string, string>, name: string): number | undefined {
  const raw = p.get(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalid(name, "must be an integer");
  return Number(raw);
}

function jsonArray(name: string, text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(name, "must be a JSON array");
  }
  if (!Array.isArray(parsed)) throw invalid(name, "must be a JSON array");
  return parsed;
}

/** Basic-mode RetryStrategy (providers.md §2): retries, the first gap and whether rounds increase. */
function parseRetry(value: Value | undefined): { retry: number; firstGapMinutes: number; increasing: boolean } | null {
  if (value === undefined || value === "") return { retry: 0, firstGapMinutes: 30, increasing: true };
  let json: unknown;
  try {
    json = JSON.parse(String(value));
  } catch {
    return null;
  }
  const parsed = ZRetryStrategyBasic.safeParse(json);
  if (!parsed.success) return null;
  const minutes = [...parsed.data.strategy]
    .sort((a, b) => a.round - b.round)
    .map((s) => {
      const [d, h, m] = s.time.split("-").map(Number);
      return d * 1440 + h * 60 + m;
    });
  return {
    retry: parsed.data.retry,
    firstGapMinutes: minutes[0] ?? 30,
    increasing: minutes.every((m, i) => i === 0 || m > minutes[i - 1]),
  };
}
