// Yunfu wire ↔ Dialboard domain: call-time groups (呼叫时间组), redial settings, task status and the task
// body (docs/providers/yunfu.md §3–docs/providers/yunfu.md §6, docs/providers/yunfu.md §10). Call records are read in call-records.ts, the task
// create/delete callback in callback.ts.
import {
  emptyWeek,
  ISO_WEEKDAYS,
  type CallTimeGroup,
  type Encoded,
  type IsoWeekday,
  type LocalizedText,
  type MinuteRange,
} from "../../domain/call-time-group";
import type { RetryStrategy, RetryableOutcome } from "../../domain/retry-strategy";
import type { TaskStats } from "../../domain/stats-types";
import type { TaskStatus } from "../../domain/task";
import { formatMinute, MINUTES_PER_DAY, parseHhMm } from "../../domain/time-format";
import type { RemoteTask, TaskDraft } from "../types";
import { yunfuText, yunfuTextPer } from "./text";
import type { TYunfuDayContent, TYunfuDialTimeGroup, TYunfuDialTimeGroupBody, TYunfuRedial, TYunfuTask, TYunfuTaskBody } from "./wire";

/** Yunfu has no time-zone field: groups and datetimes are China time (UTC+8, no DST since 1991; docs/providers/yunfu.md §10). */
export const YUNFU_TIME_ZONE = "Asia/Shanghai";

/**
 * What `content[].week` 0 means. The seed says Monday ("0 = 周一"); the save example and the 2.0
 * task's work_week read like Sunday (docs/providers/yunfu.md §5), so it is an account setting.
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
// at 23:59, so a range that runs to midnight is sent as ending at 23:59 (INFERENCE, docs/providers/yunfu.md §5).
const LAST_YUNFU_MINUTE = "23:59";

const weekdayName = (day: IsoWeekday): LocalizedText => yunfuText(`weekday.${day}`);

export function encodeCallTimeGroup(group: CallTimeGroup, base: YunfuWeekBase): Encoded<TYunfuDialTimeGroupBody> {
  const losses: LocalizedText[] = [];
  if (group.timeZone !== YUNFU_TIME_ZONE) {
    losses.push(yunfuText("loss.timeZone", { zone: group.timeZone }));
  }
  if (group.overrides.length > 0) {
    losses.push(yunfuText("loss.overrides", { dates: group.overrides.map((o) => o.date).join(", ") }));
  }
  // INFERENCE (docs/providers/yunfu.md §5): skip_holiday follows the national arrangement, make-up workdays (调休) included, and
  // on such a day Yunfu uses that weekday's own hours, which is our makeUpDayAs = null.
  if (group.makeUpDayAs !== null) {
    const day = weekdayName(group.makeUpDayAs);
    losses.push(yunfuTextPer("loss.makeUpDay", (lang) => ({ day: day[lang] })));
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
    losses.push(yunfuTextPer("loss.midnight", (lang) => ({ days: cutAtMidnight.map((d) => weekdayName(d)[lang]).join(lang === "zh" ? "、" : ", ") })));
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

/** The 13-code call status of a number (批量重置号码状态; docs/providers/yunfu.md §7). */
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
  // Yunfu has one redial_interval, counted between calls (INFERENCE, docs/providers/yunfu.md §6, as the name says). Turn the
  // rounds into gaps between consecutive calls; equal gaps are exact, anything else is a loss.
  const offsets = strategy.rounds.map((r) => minutesOf(r.after));
  const gaps =
    strategy.measureFrom === "previous-call" ? offsets : offsets.map((m, i) => m - (i === 0 ? 0 : offsets[i - 1]));
  const interval = gaps[0];
  if (gaps.some((g) => g !== interval)) {
    losses.push(yunfuText("loss.sameInterval", { count: gaps.length, minutes: interval }));
  }
  if (strategy.onlyToday) {
    losses.push(yunfuText("loss.onlyToday"));
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
 * Status from enable + new_task_extra.call_status (2.0任务列表; docs/providers/yunfu.md §4):
 * (true,true) 拨打中, (false,false) 暂停中, (true,false) 等待执行. Raw value: the edit/all_task code
 * 1 paused, 2 running, 3 waiting. (false,true) is undocumented: a task still winding down, so paused.
 *
 * Yunfu has no "ended" state (docs/providers/yunfu.md §4): a task that has called every number, or whose
 * stop_time has passed, stays "waiting" for ever. Such a task is completed, not "not started", so that the
 * page offers no Start it could never honour. `seen` is what the caller knows besides the row.
 */
export function taskStatusFromYunfu(
  row: Pick<TYunfuTask, "enable" | "status" | "new_task_extra">,
  seen: { now?: Date; stats?: TaskStats | null } = {},
): {
  status: TaskStatus;
  rawStatus: string;
} {
  const enable = row.new_task_extra?.enable ?? row.enable;
  const calling = row.new_task_extra?.call_status;
  const waiting = { status: ended(row, seen) ? ("completed" as const) : ("pending" as const), rawStatus: "3" };
  if (enable !== undefined) {
    if (!enable) return { status: "paused", rawStatus: "1" };
    return calling ? { status: "running", rawStatus: "2" } : waiting;
  }
  switch (row.status) {
    case 2:
      return { status: "running", rawStatus: "2" };
    case 3:
      return waiting;
    default:
      return { status: "paused", rawStatus: String(row.status ?? 1) };
  }
}

function ended(row: Pick<TYunfuTask, "new_task_extra">, seen: { now?: Date; stats?: TaskStats | null }): boolean {
  const stop = parseChinaDateTime(row.new_task_extra?.stop_time);
  if (stop && seen.now && stop.getTime() <= seen.now.getTime()) return true;
  const stats = seen.stats;
  return Boolean(stats && stats.totalOrders > 0 && stats.finishedOrders >= stats.totalOrders);
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

export function remoteTaskFromYunfu(row: TYunfuTask, stats: TaskStats | null = null, now?: Date): RemoteTask {
  const { status, rawStatus } = taskStatusFromYunfu(row, { stats, now });
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

/** The create/update body (2.0任务创建; docs/providers/yunfu.md §3) from a draft, its time group id and redial encoding. */
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
      // Both arrays "must be sent, even as []" (2.0任务创建; docs/providers/yunfu.md §3).
      holiday: [],
      line: lines,
      ...(intParam(p.interval_time) !== undefined ? { interval_time: intParam(p.interval_time) } : {}),
      ...(intParam(p.pop_mode) !== undefined ? { pop_mode: intParam(p.pop_mode) } : {}),
      ...retry.redial,
    },
  };
}
