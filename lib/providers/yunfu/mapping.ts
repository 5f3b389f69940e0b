// Yunfu wire ↔ Dialboard domain: call-time groups (呼叫时间组), redial settings, task status,
// statistics and the task create/delete callback (seed 000).
import {
  emptyWeek,
  ISO_WEEKDAYS,
  type CallTimeGroup,
  type Encoded,
  type IsoWeekday,
  type LocalizedText,
  type MinuteRange,
} from "../../domain/call-time-group";
import type { CallOutcome, RetryStrategy, RetryableOutcome } from "../../domain/retry-strategy";
import { statsFromYunfu } from "../../domain/stats";
import type { TaskStats } from "../../domain/stats-types";
import type { TaskStatus } from "../../domain/task";
import { formatMinute, MINUTES_PER_DAY, parseHhMm } from "../../domain/time-format";
import type { RemoteTask, TaskDraft, WebhookEvent } from "../types";
import type {
  TYunfuCallRecord,
  TYunfuDayContent,
  TYunfuDialTimeGroup,
  TYunfuDialTimeGroupBody,
  TYunfuRedial,
  TYunfuTask,
  TYunfuTaskBody,
  TYunfuTaskCallback,
} from "./wire";

/** Yunfu has no time-zone field: groups and datetimes are China time (UTC+8, no DST since 1991). */
export const YUNFU_TIME_ZONE = "Asia/Shanghai";

/**
 * What `content[].week` 0 means. The seed says Monday ("0 = 周一"); the save example and the 2.0
 * task's work_week read like Sunday (providers.md §1, addendum §1/§6), so it is an account setting.
 */
export type YunfuWeekBase = "monday" | "sunday";

export function weekBaseOf(settings: Record<string, string> | undefined): YunfuWeekBase {
  return settings?.weekBase === "sunday" ? "sunday" : "monday";
}

export function weekFromIso(iso: IsoWeekday, base: YunfuWeekBase): number {
  return base === "monday" ? iso - 1 : iso % 7;
}

export function isoFromWeek(week: number, base: YunfuWeekBase): IsoWeekday {
  return (base === "monday" ? week + 1 : week === 0 ? 7 : week) as IsoWeekday;
}

// ---------------------------------------------------------------- call-time groups

// Yunfu validates times as H:i (the API is Laravel: its paginator meta gives it away), which stops
// at 23:59, so a range that runs to midnight is sent as ending at 23:59.
const LAST_YUNFU_MINUTE = "23:59";

const WEEKDAY_NAMES: Record<IsoWeekday, LocalizedText> = {
  1: { en: "Monday", zh: "周一" },
  2: { en: "Tuesday", zh: "周二" },
  3: { en: "Wednesday", zh: "周三" },
  4: { en: "Thursday", zh: "周四" },
  5: { en: "Friday", zh: "周五" },
  6: { en: "Saturday", zh: "周六" },
  7: { en: "Sunday", zh: "周日" },
};

export function encodeCallTimeGroup(group: CallTimeGroup, base: YunfuWeekBase): Encoded<TYunfuDialTimeGroupBody> {
  const losses: LocalizedText[] = [];
  if (group.timeZone !== YUNFU_TIME_ZONE) {
    losses.push({
      en: `Yunfu has no time zone field: the hours are dialled in China time, but the group is in ${group.timeZone}`,
      zh: `云蝠没有时区字段：时间按北京时间拨打，而该时间组使用 ${group.timeZone}`,
    });
  }
  if (group.overrides.length > 0) {
    const dates = group.overrides.map((o) => o.date).join(", ");
    losses.push({
      en: `Yunfu time groups have no date exceptions; these are not sent: ${dates}`,
      zh: `云蝠时间组不支持按日期例外，以下日期设置不会发送：${dates}`,
    });
  }
  // INFERENCE: skip_holiday follows the national arrangement, make-up workdays (调休) included, and
  // on such a day Yunfu uses that weekday's own hours, which is our makeUpDayAs = null.
  if (group.makeUpDayAs !== null) {
    const day = WEEKDAY_NAMES[group.makeUpDayAs];
    losses.push({
      en: `Yunfu dials a make-up workday with that weekday's own hours, not with ${day.en}'s`,
      zh: `云蝠在调休工作日按当天星期的时段拨打，而不是按${day.zh}的时段`,
    });
  }

  const content: TYunfuDayContent[] = [];
  const cutAtMidnight: IsoWeekday[] = [];
  for (const iso of ISO_WEEKDAYS) {
    const ranges = group.weekly[iso];
    if (ranges.length === 0) continue;
    content.push({
      week: weekFromIso(iso, base),
      times: ranges.map((r) => {
        if (r.end === MINUTES_PER_DAY) cutAtMidnight.push(iso);
        return {
          begin_time: formatMinute(r.start),
          end_time: r.end === MINUTES_PER_DAY ? LAST_YUNFU_MINUTE : formatMinute(r.end),
        };
      }),
    });
  }
  if (cutAtMidnight.length > 0) {
    losses.push({
      en: `Yunfu times end at 23:59, so the last minute before midnight is not dialled on ${cutAtMidnight.map((d) => WEEKDAY_NAMES[d].en).join(", ")}`,
      zh: `云蝠时间最晚为 23:59，${cutAtMidnight.map((d) => WEEKDAY_NAMES[d].zh).join("、")}午夜前最后一分钟不会拨打`,
    });
  }
  return {
    value: { name: group.name, content, is_default: group.isDefault, skip_holiday: group.skipHolidays },
    losses,
  };
}

/** A Yunfu group (listed, or in a callback's time_range) as a domain group. */
export function decodeCallTimeGroup(wire: TYunfuDialTimeGroup | TYunfuDialTimeGroupBody, base: YunfuWeekBase): CallTimeGroup {
  const weekly = emptyWeek();
  for (const day of wire.content) {
    const iso = isoFromWeek(day.week, base);
    for (const slot of day.times) {
      const start = parseYunfuTime(slot.begin_time);
      let end = parseYunfuTime(slot.end_time);
      if (end === 0) end = MINUTES_PER_DAY;
      if (end > start) {
        weekly[iso].push({ start, end });
      } else {
        // A slot across midnight ("22:00"–"02:00"): our ranges never cross midnight, so split it.
        weekly[iso].push({ start, end: MINUTES_PER_DAY });
        weekly[((iso % 7) + 1) as IsoWeekday].push({ start: 0, end });
      }
    }
  }
  for (const iso of ISO_WEEKDAYS) weekly[iso] = mergeRanges(weekly[iso]);
  const id = "id" in wire ? wire.id : "";
  return {
    name: wire.name ?? `呼叫时间组 ${id}`.trim(),
    timeZone: YUNFU_TIME_ZONE,
    weekly,
    skipHolidays: wire.skip_holiday ?? false,
    makeUpDayAs: null,
    overrides: [],
    isDefault: wire.is_default ?? false,
  };
}

function parseYunfuTime(text: string): number {
  const minute = parseHhMm(text);
  if (minute === null) throw new Error(`Yunfu time "${text}" is not H:MM`);
  return minute;
}

function mergeRanges(ranges: MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: MinuteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Whether a remote group dials exactly like the one we would send, so createTask reuses it instead
 * of creating a duplicate. Compares hours and holiday skipping, not names ("9:00" equals "09:00").
 */
export function sameDialingHours(remote: TYunfuDialTimeGroup, wanted: TYunfuDialTimeGroupBody, base: YunfuWeekBase): boolean {
  const a = decodeCallTimeGroup(remote, base);
  const b = decodeCallTimeGroup(wanted, base);
  return a.skipHolidays === b.skipHolidays && JSON.stringify(a.weekly) === JSON.stringify(b.weekly);
}

// ---------------------------------------------------------------- retry strategy

/** 13-code call status (addendum §1 "Enumerations", THIRD-PARTY). */
export const YUNFU_CALL_STATUS = {
  waiting: 0,
  answered: 1,
  carrierBlocked: 2,
  rejected: 3,
  noAnswer: 4,
  vacant: 5,
  poweredOff: 6,
  suspended: 7,
  busy: 8,
  incomingBarred: 9,
  arrears: 10,
  blacklisted: 11,
  userBlocked: 12,
} as const;

// The docs' redial example da_status [2,3,4,6,8,9,12] is exactly the union of these, i.e. the
// failures worth retrying; vacant, suspended, arrears and blacklisted numbers are never retried.
const DA_STATUS_BY_OUTCOME: Record<RetryableOutcome, number[]> = {
  "no-answer": [YUNFU_CALL_STATUS.noAnswer],
  busy: [YUNFU_CALL_STATUS.busy],
  rejected: [YUNFU_CALL_STATUS.rejected],
  unreachable: [YUNFU_CALL_STATUS.poweredOff, YUNFU_CALL_STATUS.incomingBarred],
  failed: [YUNFU_CALL_STATUS.carrierBlocked, YUNFU_CALL_STATUS.userBlocked],
};

export interface YunfuRetryEncoding {
  /** Max redials after a failed call ("呼叫失败最大重拨次数", seed 000). */
  recycle_limit: number;
  redial: TYunfuRedial;
}

const minutesOf = (after: { days: number; hours: number; minutes: number }) => after.days * 1440 + after.hours * 60 + after.minutes;

export function encodeRetryStrategy(strategy: RetryStrategy | null): Encoded<YunfuRetryEncoding> {
  if (!strategy || strategy.rounds.length === 0 || strategy.retryOn.length === 0) {
    return { value: { recycle_limit: 0, redial: { redial_enabled: 0 } }, losses: [] };
  }
  const losses: LocalizedText[] = [];
  // Yunfu has one redial_interval, counted between calls (INFERENCE, as the name says). Turn the
  // rounds into gaps between consecutive calls; equal gaps are exact, anything else is a loss.
  const offsets = strategy.rounds.map((r) => minutesOf(r.after));
  const gaps =
    strategy.measureFrom === "previous-call" ? offsets : offsets.map((m, i) => m - (i === 0 ? 0 : offsets[i - 1]));
  const interval = gaps[0];
  if (gaps.some((g) => g !== interval)) {
    losses.push({
      en: `Yunfu waits the same time before every redial: all ${gaps.length} redials will wait ${interval} minutes`,
      zh: `云蝠每次重拨的间隔相同：${gaps.length} 次重拨都将间隔 ${interval} 分钟`,
    });
  }
  if (strategy.onlyToday) {
    losses.push({
      en: "Yunfu cannot drop pending redials at the end of the day; they continue the next dialling day",
      zh: "云蝠无法在当天结束时取消未完成的重拨，重拨会在下一个可拨打日继续",
    });
  }
  const daStatus = [...new Set(strategy.retryOn.flatMap((o) => DA_STATUS_BY_OUTCOME[o]))].sort((a, b) => a - b);
  return {
    value: {
      recycle_limit: strategy.rounds.length,
      redial: {
        redial_enabled: 1,
        redial_max_times: strategy.rounds.length,
        redial_interval: interval,
        redial_conditions: { da_status: daStatus },
      },
    },
    losses,
  };
}

// ---------------------------------------------------------------- tasks

/**
 * Status from enable + new_task_extra.call_status (help.telrobot.top 2.0任务列表):
 * (true,true) 拨打中, (false,false) 暂停中, (true,false) 等待执行. Raw value: the edit/all_task code
 * 1 paused, 2 running, 3 waiting. (false,true) is undocumented: a task still winding down, so paused.
 */
export function taskStatusFromYunfu(row: Pick<TYunfuTask, "enable" | "status" | "new_task_extra">): {
  status: TaskStatus;
  rawStatus: string;
} {
  const enable = row.new_task_extra?.enable ?? row.enable;
  const calling = row.new_task_extra?.call_status;
  if (enable !== undefined) {
    if (!enable) return { status: "paused", rawStatus: "1" };
    return calling ? { status: "running", rawStatus: "2" } : { status: "pending", rawStatus: "3" };
  }
  switch (row.status) {
    case 2:
      return { status: "running", rawStatus: "2" };
    case 3:
      return { status: "pending", rawStatus: "3" };
    default:
      return { status: "paused", rawStatus: String(row.status ?? 1) };
  }
}

/** "2020-10-27 16:12:17" in China time → instant. */
export function parseChinaDateTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Instant → "YYYY-MM-DD HH:mm:ss" China time (task_extras.start_time / stop_time). */
export function formatChinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

export function remoteTaskFromYunfu(row: TYunfuTask, stats: TaskStats | null = null): RemoteTask {
  const { status, rawStatus } = taskStatusFromYunfu(row);
  return {
    remoteId: row.uuid,
    name: row.name,
    kind: "call",
    taskType: "2.0",
    status,
    rawStatus,
    createdAt: parseChinaDateTime(row.create_datetime),
    stats,
    concurrency: row.maximumcall ?? row.new_task_extra?.limit ?? null,
    raw: row,
  };
}

// ---------------------------------------------------------------- statistics

/** TaskStats from the task's number_count and its call records (counted per number and per call). */
export function statsFromYunfuRecords(
  numberCount: number,
  records: Pick<TYunfuCallRecord, "number" | "status">[],
): TaskStats {
  const called = new Set<string>();
  const answered = new Set<string>();
  let answeredCallCount = 0;
  for (const r of records) {
    called.add(r.number);
    if (r.status === YUNFU_CALL_STATUS.answered) {
      answered.add(r.number);
      answeredCallCount++;
    }
  }
  return statsFromYunfu({
    numberCount: Math.max(numberCount, called.size),
    calledCount: called.size,
    answeredCount: answered.size,
    callCount: records.length,
    answeredCallCount,
  });
}

/** A record's call status as a domain outcome (0 "waiting" is not a call and never reaches here). */
export function outcomeFromCallStatus(status: number): CallOutcome {
  switch (status) {
    case YUNFU_CALL_STATUS.answered:
      return "answered";
    case YUNFU_CALL_STATUS.noAnswer:
      return "no-answer";
    case YUNFU_CALL_STATUS.busy:
      return "busy";
    case YUNFU_CALL_STATUS.rejected:
      return "rejected";
    case YUNFU_CALL_STATUS.vacant:
    case YUNFU_CALL_STATUS.poweredOff:
    case YUNFU_CALL_STATUS.suspended:
    case YUNFU_CALL_STATUS.incomingBarred:
    case YUNFU_CALL_STATUS.arrears:
      return "unreachable";
    default:
      return "failed";
  }
}

// ---------------------------------------------------------------- callback (seed 000)

/** Events of a task create (type 1) / delete (type 2) callback. */
export function eventsFromTaskCallback(body: TYunfuTaskCallback, base: YunfuWeekBase, receivedAt: Date): WebhookEvent[] {
  const t = body.task_data;
  const changedAt = t.alter_datetime ?? t.create_datetime ?? "";
  const dedupeKey = `yunfu:${body.type}:${t.uuid}:${changedAt}`;
  if (body.type === 2) {
    return [{ type: "task-deleted", dedupeKey, remoteTaskId: t.uuid, occurredAt: parseChinaDateTime(t.alter_datetime) ?? receivedAt }];
  }
  // start: 1 开启 / 0 暂停 (seed 000). An enabled new task waits for its dialling window (INFERENCE).
  const started = t.start === 1;
  const task: RemoteTask = {
    remoteId: t.uuid,
    name: t.name,
    kind: "call",
    taskType: t.task_type === 6 ? "2.0" : String(t.task_type ?? "2.0"),
    status: started ? "pending" : "paused",
    rawStatus: started ? "3" : "1",
    createdAt: parseChinaDateTime(t.create_datetime),
    stats: null,
    concurrency: t.maximumcall ?? null,
    raw: t,
  };
  return [
    {
      type: "task-created",
      dedupeKey,
      remoteTaskId: t.uuid,
      occurredAt: parseChinaDateTime(t.create_datetime) ?? receivedAt,
      task,
      timeGroups: t.time_range.map((g) => decodeCallTimeGroup(g, base)),
    },
  ];
}

// ---------------------------------------------------------------- task body

/**
 * A datetime parameter as an instant. A value without an offset ("2026-12-01 09:00", or the form's
 * "2026-12-01T09:00") is China time, as Yunfu reads it; ISO strings with an offset are exact.
 */
export function parseTaskDateTime(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(text);
  if (local) return parseChinaDateTime(`${local[1]} ${local[2]}`);
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

const intParam = (v: string | number | boolean | null | undefined): number | undefined => {
  if (v === null || v === undefined || v === "" || typeof v === "boolean") return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
};

/** The create/update body (help.ccgpt.net 2.0任务创建) from a draft, its time group id and redial encoding. */
export function taskBodyFromDraft(draft: TaskDraft, dialTimeId: string, retry: YunfuRetryEncoding): TYunfuTaskBody {
  const p = draft.params;
  const start = parseTaskDateTime(p.start_time);
  const stop = parseTaskDateTime(p.stop_time);
  if (!start || !stop) throw new Error("start_time and stop_time are required datetimes");
  const lines = typeof p.line === "string" ? p.line.split(",").map((s) => s.trim()).filter(Boolean) : [];
  const dialTimeNumber = Number(dialTimeId);
  const optional: Record<string, number | undefined> = {
    auto_recycle_rule_id: intParam(p.auto_recycle_rule_id),
    end_action: intParam(p.end_action),
    enable_type: intParam(p.enable_type),
    is_call_in: intParam(p.is_call_in),
    bridge_group_id: intParam(p.bridge_group_id),
    background_id: intParam(p.background_id),
    llm_intention_id: intParam(p.llm_intention_id),
  };
  return {
    name: draft.name,
    destination_extension: intParam(p.destination_extension) ?? String(p.destination_extension ?? ""),
    dial_time_id: Number.isInteger(dialTimeNumber) ? dialTimeNumber : dialTimeId,
    maximumcall: intParam(p.maximumcall) ?? 1,
    ...(draft.description ? { remark: draft.description } : {}),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    recycle_limit: retry.recycle_limit,
    task_extras: {
      start_time: formatChinaDateTime(start),
      stop_time: formatChinaDateTime(stop),
      // Both arrays "must be sent, even as []" (help.ccgpt.net 2.0任务创建).
      holiday: [],
      line: lines,
      ...(intParam(p.interval_time) !== undefined ? { interval_time: intParam(p.interval_time) } : {}),
      ...(intParam(p.pop_mode) !== undefined ? { pop_mode: intParam(p.pop_mode) } : {}),
      ...retry.redial,
    },
  };
}
