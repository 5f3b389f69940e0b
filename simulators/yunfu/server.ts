// Yunfu AI (云蝠智能) agent-api simulator: the documented paths, Bearer auth, envelope, limits and
// error codes (providers.md §1, §7 "Yunfu simulator", addendum §1), dialling through the shared
// DialingEngine, and the task create/delete callback of seed 000.
//
// Where the docs are silent the simulator answers as a Laravel API would (the paginator meta gives
// the framework away), each marked INFERENCE: HTTP 422 + code 422 for invalid input, 404 + code 404
// for an unknown task or group, 401 + code 401 for a missing or wrong token.
import { randomUUID } from "node:crypto";
import { isCallable } from "../../lib/domain/schedule";
import type { CallOutcome } from "../../lib/domain/retry-strategy";
import {
  decodeCallTimeGroup,
  formatChinaDateTime,
  parseChinaDateTime,
  weekFromIso,
  YUNFU_CALL_STATUS,
} from "../../lib/providers/yunfu/mapping";
import {
  YUNFU_TIME,
  ZYunfuDialTimeGroupBody,
  ZYunfuNumberImport,
  ZYunfuTaskBody,
  type TYunfuDayContent,
  type TYunfuTaskBody,
} from "../../lib/providers/yunfu/wire";
import { SimClock } from "../core/clock";
import { DEMO_TASK_NAMES, demoPhones } from "../core/demo-names";
import { DEFAULT_DIALING, DialingEngine } from "../core/dialer";
import { FaultInjector, faultsFromEnv, mulberry32 } from "../core/faults";
import { json, startSimServer, type RunningSimServer, type SimRequest, type SimResponse } from "../core/http";
import { simId } from "../core/ids";
import { JsonStore } from "../core/store";
import type { DialableTask, DialingConfig, DialOrder, SimCall, Simulator, SimulatorOptions } from "../core/types";
import { WebhookSender } from "../core/webhooks";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";

/** The synchronous number import takes at most 100 rows (providers.md §1 "Numbers"). */
const MAX_NUMBERS_PER_REQUEST = 100;
const DEFAULT_PER_PAGE = 15;

interface SimGroup {
  id: number;
  name: string;
  content: TYunfuDayContent[];
  is_default: boolean;
  skip_holiday: boolean;
}

interface SimOrder extends DialOrder {
  name?: string;
}

interface SimTask {
  uuid: string;
  body: TYunfuTaskBody;
  /** Copy of the group at create/update time: later group edits do not reach a 2.0 task (help.telrobot.top). */
  group: SimGroup;
  enable: boolean;
  create_datetime: string;
  alter_datetime: string;
  orders: SimOrder[];
}

interface SimRecord {
  callid: string;
  task_uuid: string;
  number: string;
  name: string | null;
  status: number;
  calldate: string;
  answerdate: string | null;
  hangupdate: string;
  bill: number;
}

export interface YunfuSimState {
  tasks: SimTask[];
  groups: SimGroup[];
  records: SimRecord[];
  nextGroupId: number;
  /** Successful task creates, so tests can prove a create was never sent twice. */
  createCount: number;
  webhookUrl: string | null;
  callbackSecret: string | null;
}

export interface YunfuSimulator extends Simulator {
  readonly clock: SimClock;
  /** Runs the dialing engine up to the clock's now. */
  tick(): SimCall[];
  state(): YunfuSimState;
  /** Resolves when every queued callback was delivered or given up. */
  flushWebhooks(): Promise<void>;
}

const CALL_STATUS_BY_OUTCOME: Record<CallOutcome, number> = {
  answered: YUNFU_CALL_STATUS.answered,
  "no-answer": YUNFU_CALL_STATUS.noAnswer,
  busy: YUNFU_CALL_STATUS.busy,
  unreachable: YUNFU_CALL_STATUS.poweredOff,
  rejected: YUNFU_CALL_STATUS.rejected,
  failed: YUNFU_CALL_STATUS.carrierBlocked,
};

const ok = (message: string, data: unknown, meta?: Record<string, unknown>) =>
  json(200, { code: 200, status: "success", message, ...(meta ? { meta } : {}), data });
const fail = (http: number, code: number, message: string) => json(http, { code, status: "error", message, data: [] });
const invalid = (message: string) => fail(422, 422, message);
const notFound = (what: string) => fail(404, 404, `${what}不存在`);
// 6007 is documented with HTTP status unknown; the envelope carries the code (INFERENCE: HTTP 200).
const taskRunning = () => fail(200, 6007, "2.0任务启动中,请先停止任务");

function paginate<T>(items: T[], query: URLSearchParams): { page: T[]; meta: Record<string, unknown> } {
  const perPage = Math.min(Math.max(Number(query.get("per_page")) || DEFAULT_PER_PAGE, 1), 100);
  const current = Math.max(Number(query.get("page")) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  return {
    page: items.slice((current - 1) * perPage, current * perPage),
    // per_page is a string in the documented examples (addendum §1).
    meta: { has_pages: lastPage > 1, total: items.length, last_page: lastPage, current_page: current, per_page: String(perPage) },
  };
}

function parseBody(raw: string): unknown {
  try {
    return raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "body";
  return issue?.message.includes("received undefined") ? `${field} 不能为空` : `${field} 格式错误`;
}

/** H:i with begin before end, as the platform validates group times. */
function timesProblem(content: TYunfuDayContent[]): string | null {
  for (const day of content) {
    for (const t of day.times) {
      for (const v of [t.begin_time, t.end_time]) {
        if (!YUNFU_TIME.test(v)) return `时间格式错误: ${v}`;
        const [h, m] = v.split(":").map(Number);
        if (h > 23 || m > 59) return `时间格式错误: ${v}`;
      }
      const minutes = (v: string) => v.split(":").map(Number).reduce((h, m) => h * 60 + m);
      if (minutes(t.begin_time) >= minutes(t.end_time)) return `开始时间必须早于结束时间: ${t.begin_time}-${t.end_time}`;
    }
  }
  return null;
}

const validPhone = (phone: string) => /^1\d{10}$/.test(phone) || /^0\d{9,11}$/.test(phone);

export function createYunfuSimulator(opts: SimulatorOptions): YunfuSimulator {
  const token = opts.credentials.token ?? DEMO_CREDENTIALS.token;
  const userId = opts.credentials.userId ?? DEMO_SETTINGS.userId;
  const faults = new FaultInjector({ ...opts.faults, ...faultsFromEnv("yunfu") });
  const dialing: Partial<DialingConfig> = { ...opts.dialing };
  const clock = new SimClock({ startAt: opts.startAt, factor: dialing.factor ?? DEFAULT_DIALING.factor });
  const random = mulberry32(faults.config.seed);
  const sender = new WebhookSender({ faults, retries: 3, backoffMs: 200 });
  const initial = (): YunfuSimState => ({
    tasks: [],
    groups: [],
    records: [],
    nextGroupId: 1,
    createCount: 0,
    webhookUrl: opts.webhookUrl ?? null,
    callbackSecret: opts.credentials.callbackSecret ?? DEMO_SETTINGS.callbackSecret ?? null,
  });
  const store = new JsonStore<YunfuSimState>(opts.stateFile, initial);
  const nowText = () => formatChinaDateTime(clock.now());

  const engine = new DialingEngine({
    clock,
    calendar: opts.calendar,
    config: dialing,
    random,
    onCall: (task, call) => {
      const simTask = findTask(task.id);
      const order = simTask?.orders.find((o) => o.id === call.orderId);
      store.state.records.push({
        callid: call.callId,
        task_uuid: task.id,
        number: call.phone,
        name: order?.name ?? null,
        status: CALL_STATUS_BY_OUTCOME[call.outcome],
        calldate: formatChinaDateTime(call.startedAt),
        answerdate: call.answeredAt ? formatChinaDateTime(call.answeredAt) : null,
        hangupdate: formatChinaDateTime(call.endedAt),
        bill: call.durationSec,
      });
      store.save();
    },
    onTaskDrained: (task) => {
      // end_action 1 = "暂停任务释放并发" when the task has nothing left to dial.
      const simTask = findTask(task.id);
      if (simTask && simTask.body.end_action === 1) {
        simTask.enable = false;
        simTask.alter_datetime = nowText();
        store.save();
      }
    },
  });

  const findTask = (uuid: string) => store.state.tasks.find((t) => t.uuid === uuid);

  const withinPeriod = (t: SimTask, at: number) => {
    const start = parseChinaDateTime(t.body.task_extras.start_time)?.getTime() ?? -Infinity;
    const stop = parseChinaDateTime(t.body.task_extras.stop_time)?.getTime() ?? Infinity;
    return at >= start && at < stop;
  };

  const redials = (t: SimTask) =>
    t.body.task_extras.redial_enabled === 1 ? (t.body.task_extras.redial_max_times ?? 0) : (t.body.recycle_limit ?? 0);

  function dialable(t: SimTask): DialableTask {
    return {
      id: t.uuid,
      isRunning: () => t.enable && withinPeriod(t, clock.nowMs()),
      // The platform reads week 0 as Monday, as its callback docs say (seed 000).
      group: decodeCallTimeGroup(t.group, "monday"),
      concurrency: t.body.maximumcall,
      maxAttempts: 1 + redials(t),
      retryGapMinutes: t.body.task_extras.redial_interval ?? 0,
      orders: t.orders,
    };
  }

  /** call_status: dialling now (enabled, inside the period and the group's hours, numbers left). */
  function calling(t: SimTask): boolean {
    const now = clock.now();
    return (
      t.enable &&
      withinPeriod(t, now.getTime()) &&
      t.orders.some((o) => !o.finished) &&
      isCallable(decodeCallTimeGroup(t.group, "monday"), now, opts.calendar)
    );
  }

  function taskRow(t: SimTask) {
    const days = t.group.content.filter((d) => d.times.length > 0);
    return {
      uuid: t.uuid,
      name: t.body.name,
      create_datetime: t.create_datetime,
      alter_datetime: t.alter_datetime,
      start: 0,
      enable: t.enable,
      maximumcall: t.body.maximumcall,
      recycle_limit: t.body.recycle_limit ?? 0,
      dial_time_id: t.group.id,
      destination_extension: String(t.body.destination_extension),
      remark: t.body.remark ?? null,
      user_id: userId,
      auto_recycle_rule_id: t.body.auto_recycle_rule_id ?? null,
      new_task_extra: {
        enable: t.enable,
        call_status: calling(t),
        number_count: t.orders.length,
        start_time: t.body.task_extras.start_time,
        stop_time: t.body.task_extras.stop_time,
        limit: t.body.maximumcall,
        line: t.body.task_extras.line,
        holiday: t.body.task_extras.holiday,
        interval_time: t.body.task_extras.interval_time ?? 0,
        redial_enabled: t.body.task_extras.redial_enabled ?? 0,
        redial_max_times: t.body.task_extras.redial_max_times ?? 0,
        redial_interval: t.body.task_extras.redial_interval ?? 0,
        // work_week / work_hour count 0 = Sunday (addendum §1), unlike the group's week.
        work_week: days.map((d) => (d.week + 1) % 7),
        work_hour: days.flatMap((d) => d.times.map((x) => ({ wday: (d.week + 1) % 7, begin: x.begin_time, end: x.end_time }))),
      },
    };
  }

  function editRow(t: SimTask) {
    const row = taskRow(t);
    const status = !t.enable ? 1 : row.new_task_extra.call_status ? 2 : 3;
    return { ...row, status, status_str: { 1: "暂停中", 2: "执行中", 3: "等待执行" }[status] };
  }

  function groupRow(g: SimGroup) {
    return { id: g.id, name: g.name, content: g.content, is_default: g.is_default, skip_holiday: g.skip_holiday };
  }

  /** 创建/删除任务回调 (seed 000), to the configured URL, retried by the sender. */
  function sendTaskCallback(type: 1 | 2, t: SimTask): void {
    const url = store.state.webhookUrl;
    if (!url) return;
    const row = taskRow(t);
    const body = {
      type,
      mode: "api_interface",
      task_data: {
        ...row,
        call_pause_second: t.body.task_extras.interval_time ?? 0,
        disable_dial_timegroup: null,
        start: t.enable ? 1 : 0,
        start_str: t.enable ? "开启" : "暂停",
        task_type: 6,
        enable_type: t.body.enable_type ?? 0,
        user_type: 4,
        time_range: [groupRow(t.group)],
      },
    };
    const headers: Record<string, string> = {};
    if (store.state.callbackSecret) headers["x-dialboard-token"] = store.state.callbackSecret;
    sender.send({ url, headers, body: JSON.stringify(body) });
  }

  function validateTaskBody(raw: string): { body: TYunfuTaskBody; group: SimGroup } | SimResponse {
    const parsed = ZYunfuTaskBody.safeParse(parseBody(raw));
    if (!parsed.success) return invalid(firstIssue(parsed.error));
    const body = parsed.data;
    const start = parseChinaDateTime(body.task_extras.start_time);
    const stop = parseChinaDateTime(body.task_extras.stop_time);
    if (!start || !stop || stop <= start) return invalid("task_extras.stop_time 必须晚于 task_extras.start_time");
    const group = store.state.groups.find((g) => String(g.id) === String(body.dial_time_id));
    if (!group) return invalid("呼叫时间组不存在");
    return { body, group: structuredClone(group) };
  }

  function addNumbers(t: SimTask, raw: string): SimResponse {
    if (t.enable) return taskRunning();
    const parsed = ZYunfuNumberImport.safeParse(parseBody(raw));
    if (!parsed.success) return invalid(firstIssue(parsed.error));
    const { data, skip_error } = parsed.data;
    if (data.length > MAX_NUMBERS_PER_REQUEST) return invalid(`单次最多导入${MAX_NUMBERS_PER_REQUEST}个号码`);
    const known = new Set(t.orders.map((o) => o.phone));
    const errors: { phone: string; message: string }[] = [];
    const fresh: SimOrder[] = [];
    for (const row of data) {
      if (!validPhone(row.phone)) errors.push({ phone: row.phone, message: "号码格式错误" });
      else if (known.has(row.phone)) errors.push({ phone: row.phone, message: "号码重复" });
      else {
        known.add(row.phone);
        fresh.push({ id: simId("num"), phone: row.phone, name: row.name, attempts: 0, finished: false, answered: false, notBefore: null });
      }
    }
    if (errors.length > 0 && skip_error !== 1) return invalid(`${errors[0].phone} ${errors[0].message}`);
    t.orders.push(...fresh);
    engine.add(dialable(t));
    store.save();
    return ok("号码导入成功", { success: fresh.length, fail: errors.length, errors });
  }

  function handle(req: SimRequest): SimResponse {
    if (req.headers.authorization !== `Bearer ${token}`) return fail(401, 401, "Unauthenticated.");
    const p = req.path;
    let m: RegExpExecArray | null;

    if (req.method === "GET" && p === "/agent-api/token") {
      return ok("查看合作伙伴token有效期成功", { expire_at: formatChinaDateTime(new Date(clock.nowMs() + 365 * 86_400_000)) });
    }

    m = /^\/agent-api\/(?:new\/)?user\/([^/]+)\//.exec(p);
    if (!m) return notFound("接口");
    if (decodeURIComponent(m[1]) !== userId) return notFound("用户");

    // ---- 2.0 tasks
    if ((m = /^\/agent-api\/new\/user\/[^/]+\/subset_task$/.exec(p)) && req.method === "GET") {
      const name = req.query.get("name");
      const tasks = store.state.tasks.filter((t) => !name || t.body.name.includes(name));
      const { page, meta } = paginate([...tasks].reverse(), req.query);
      return ok("返回任务列表信息成功", page.map(taskRow), meta);
    }
    if (/^\/agent-api\/new\/user\/[^/]+\/task$/.test(p) && req.method === "POST") {
      const v = validateTaskBody(req.rawBody);
      if ("status" in v) return v;
      const now = nowText();
      const task: SimTask = { uuid: randomUUID(), body: v.body, group: v.group, enable: false, create_datetime: now, alter_datetime: now, orders: [] };
      store.state.tasks.push(task);
      store.state.createCount++;
      engine.add(dialable(task));
      store.save();
      sendTaskCallback(1, task);
      return ok("创建任务成功", taskRow(task));
    }
    if ((m = /^\/agent-api\/new\/user\/[^/]+\/task\/([^/]+)\/edit$/.exec(p)) && req.method === "GET") {
      const t = findTask(decodeURIComponent(m[1]));
      return t ? ok("获取任务信息成功", editRow(t)) : notFound("任务");
    }
    if ((m = /^\/agent-api\/new\/user\/[^/]+\/task\/([^/]+)$/.exec(p)) && req.method === "PUT") {
      const t = findTask(decodeURIComponent(m[1]));
      if (!t) return notFound("任务");
      // INFERENCE: like number import, a started 2.0 task must be stopped before it is edited.
      if (t.enable) return taskRunning();
      const v = validateTaskBody(req.rawBody);
      if ("status" in v) return v;
      t.body = v.body;
      t.group = v.group;
      t.alter_datetime = nowText();
      engine.add(dialable(t));
      store.save();
      return ok("更新任务成功", taskRow(t));
    }
    if ((m = /^\/agent-api\/new\/user\/[^/]+\/task_(stop|start)\/([^/]+)$/.exec(p)) && req.method === "PUT") {
      const t = findTask(decodeURIComponent(m[2]));
      if (!t) return notFound("任务");
      t.enable = m[1] === "start";
      t.alter_datetime = nowText();
      store.save();
      return ok(t.enable ? "任务启动成功" : "任务暂停成功", taskRow(t));
    }
    if ((m = /^\/agent-api\/user\/[^/]+\/task\/([^/]+)$/.exec(p)) && req.method === "DELETE") {
      const t = findTask(decodeURIComponent(m[1]));
      if (!t) return notFound("任务");
      store.state.tasks = store.state.tasks.filter((x) => x !== t);
      engine.remove(t.uuid);
      t.alter_datetime = nowText();
      store.save();
      sendTaskCallback(2, t);
      return ok("删除任务成功", []);
    }

    // ---- numbers and call records
    if ((m = /^\/agent-api\/user\/[^/]+\/task\/([^/]+)\/number$/.exec(p)) && req.method === "POST") {
      const t = findTask(decodeURIComponent(m[1]));
      return t ? addNumbers(t, req.rawBody) : notFound("任务");
    }
    if ((m = /^\/agent-api\/user\/[^/]+\/task\/([^/]+)\/record$/.exec(p)) && req.method === "GET") {
      const uuid = decodeURIComponent(m[1]);
      if (!findTask(uuid)) return notFound("任务");
      const keyword = req.query.get("keyword");
      const rows = store.state.records.filter((r) => r.task_uuid === uuid && (!keyword || r.number.includes(keyword)));
      const { page, meta } = paginate([...rows].reverse(), req.query);
      return ok("查看通话记录列表成功", page.map(({ task_uuid: _task, ...r }) => ({ ...r, record_id: r.callid })), meta);
    }

    // ---- call-time groups
    if (/^\/agent-api\/user\/[^/]+\/dial-time-group$/.test(p)) {
      if (req.method === "GET") {
        if (!req.query.get("page")) return invalid("page 不能为空");
        const { page, meta } = paginate(store.state.groups, req.query);
        return ok("获取呼叫时间组成功", page.map(groupRow), meta);
      }
      if (req.method === "POST") {
        const parsed = ZYunfuDialTimeGroupBody.safeParse(parseBody(req.rawBody));
        if (!parsed.success) return invalid(firstIssue(parsed.error));
        const problem = timesProblem(parsed.data.content);
        if (problem) return invalid(problem);
        // "一个用户只能有一个默认组" (seed 000).
        if (parsed.data.is_default) for (const g of store.state.groups) g.is_default = false;
        const group: SimGroup = { id: store.state.nextGroupId++, ...parsed.data };
        delete (group as Partial<typeof parsed.data>).sub_user_id;
        store.state.groups.push(group);
        store.save();
        return ok("创建呼叫时间组成功", groupRow(group));
      }
    }
    if ((m = /^\/agent-api\/user\/[^/]+\/dial-time-group\/(\d+)$/.exec(p)) && req.method === "PUT") {
      const g = store.state.groups.find((x) => x.id === Number(m![1]));
      if (!g) return notFound("呼叫时间组");
      const parsed = ZYunfuDialTimeGroupBody.partial().required({ name: true }).safeParse(parseBody(req.rawBody));
      if (!parsed.success) return invalid(firstIssue(parsed.error));
      if (parsed.data.content) {
        const problem = timesProblem(parsed.data.content);
        if (problem) return invalid(problem);
        g.content = parsed.data.content;
      }
      if (parsed.data.is_default) for (const other of store.state.groups) other.is_default = false;
      g.name = parsed.data.name;
      if (parsed.data.is_default !== undefined) g.is_default = parsed.data.is_default;
      if (parsed.data.skip_holiday !== undefined) g.skip_holiday = parsed.data.skip_holiday;
      store.save();
      return ok("更新呼叫时间组成功", groupRow(g));
    }
    return notFound("接口");
  }

  function seedDemo(): void {
    const s = store.state;
    const now = clock.nowMs();
    const weekdays = (times: [string, string][]): TYunfuDayContent[] =>
      [1, 2, 3, 4, 5].map((iso) => ({
        week: weekFromIso(iso as 1, "monday"),
        times: times.map(([b, e]) => ({ begin_time: b, end_time: e })),
      }));
    const office: SimGroup = { id: s.nextGroupId++, name: "工作日 9-12 13-18", content: weekdays([["9:00", "12:00"], ["13:00", "18:00"]]), is_default: true, skip_holiday: true };
    const allWeek: SimGroup = {
      id: s.nextGroupId++,
      name: "全周 08:00-21:00",
      content: [0, 1, 2, 3, 4, 5, 6].map((week) => ({ week, times: [{ begin_time: "08:00", end_time: "21:00" }] })),
      is_default: false,
      skip_holiday: false,
    };
    const weekend: SimGroup = {
      id: s.nextGroupId++,
      name: "周末 10:00-17:00",
      content: [5, 6].map((week) => ({ week, times: [{ begin_time: "10:00", end_time: "17:00" }] })),
      is_default: false,
      skip_holiday: true,
    };
    s.groups.push(office, allWeek, weekend);

    const plans: { group: SimGroup; enable: boolean; numbers: number; called: number; redials: number }[] = [
      { group: allWeek, enable: true, numbers: 60, called: 25, redials: 2 },
      { group: weekend, enable: true, numbers: 30, called: 0, redials: 1 },
      { group: office, enable: false, numbers: 40, called: 40, redials: 0 },
      { group: office, enable: false, numbers: 20, called: 0, redials: 2 },
      { group: allWeek, enable: true, numbers: 15, called: 15, redials: 0 },
      { group: office, enable: false, numbers: 0, called: 0, redials: 1 },
    ];
    const outcomes: CallOutcome[] = ["answered", "answered", "no-answer", "busy", "answered", "unreachable", "rejected"];
    plans.forEach((plan, i) => {
      const created = now - (6 - i) * 86_400_000;
      const uuid = randomUUID();
      const orders: SimOrder[] = demoPhones(plan.numbers, random).map((phone, n) => ({
        id: `num_demo_${i}_${n}`,
        phone,
        name: n % 3 === 0 ? "张先生" : n % 3 === 1 ? "李女士" : "王先生",
        attempts: 0,
        finished: false,
        answered: false,
        notBefore: null,
      }));
      orders.slice(0, plan.called).forEach((o, n) => {
        const outcome = outcomes[Math.floor(random() * outcomes.length)];
        const startedAt = created + 3_600_000 + n * 90_000;
        const talk = outcome === "answered" ? 30 + Math.floor(random() * 120) : 0;
        o.attempts = 1;
        o.answered = outcome === "answered";
        o.finished = o.answered || plan.redials === 0;
        s.records.push({
          callid: randomUUID(),
          task_uuid: uuid,
          number: o.phone,
          name: o.name ?? null,
          status: CALL_STATUS_BY_OUTCOME[outcome],
          calldate: formatChinaDateTime(new Date(startedAt)),
          answerdate: o.answered ? formatChinaDateTime(new Date(startedAt + 8000)) : null,
          hangupdate: formatChinaDateTime(new Date(startedAt + 8000 + talk * 1000)),
          bill: talk,
        });
      });
      s.tasks.push({
        uuid,
        body: {
          name: DEMO_TASK_NAMES[i].zh,
          destination_extension: 297 + i,
          dial_time_id: plan.group.id,
          maximumcall: 2 + i,
          remark: DEMO_TASK_NAMES[i].en,
          end_action: 0,
          recycle_limit: plan.redials,
          task_extras: {
            start_time: formatChinaDateTime(new Date(created)),
            stop_time: formatChinaDateTime(new Date(created + 60 * 86_400_000)),
            holiday: [],
            line: [],
            interval_time: 0,
            redial_enabled: plan.redials > 0 ? 1 : 0,
            redial_max_times: plan.redials,
            redial_interval: 30,
            redial_conditions: { da_status: [2, 3, 4, 6, 8, 9, 12] },
          },
        },
        group: structuredClone(plan.group),
        enable: plan.enable,
        create_datetime: formatChinaDateTime(new Date(created)),
        alter_datetime: formatChinaDateTime(new Date(created)),
        orders,
      });
    });
    s.createCount = 0;
    store.saveNow();
  }

  function loadEngine(): void {
    for (const t of store.state.tasks) engine.add(dialable(t));
  }

  let server: RunningSimServer | null = null;

  return {
    kind: "yunfu",
    clock,
    get url() {
      if (!server) throw new Error("yunfu simulator is not started");
      return server.url;
    },
    tick: () => engine.tick(),
    state: () => store.state,
    flushWebhooks: () => sender.flush(),
    async start() {
      if (opts.seedDemo && store.state.tasks.length === 0 && store.state.groups.length === 0) seedDemo();
      loadEngine();
      server = await startSimServer({
        kind: "yunfu",
        host: opts.host,
        port: opts.port,
        faults,
        handle,
        admin: {
          state: () => store.state,
          reset: () => {
            for (const t of store.state.tasks) engine.remove(t.uuid);
            const { webhookUrl, callbackSecret } = store.state;
            store.reset();
            Object.assign(store.state, { webhookUrl, callbackSecret });
            if (opts.seedDemo) seedDemo();
            loadEngine();
          },
          config: (body) => {
            const b = (body ?? {}) as { webhookUrl?: unknown; callbackSecret?: unknown; dialing?: Partial<DialingConfig> };
            if (typeof b.webhookUrl === "string" || b.webhookUrl === null) store.state.webhookUrl = b.webhookUrl || null;
            if (typeof b.callbackSecret === "string" || b.callbackSecret === null) store.state.callbackSecret = b.callbackSecret || null;
            if (b.dialing && typeof b.dialing === "object") engine.setConfig(b.dialing);
            store.save();
          },
          tick: () => void engine.tick(),
        },
      });
      engine.start();
      return server.url;
    },
    async stop() {
      engine.stop();
      sender.stop();
      store.saveNow();
      await server?.close();
      server = null;
    },
  };
}
