// NXCloud wire ↔ domain: task status, stats, the half-hour dial-slot encoding of call-time groups,
// the one-redial retry flag, calls and phone numbers (docs/providers/nxcloud.md §1.5, §1.7).
import { tzOffset } from "@date-fns/tz";
import {
  emptyWeek,
  formatMinute,
  formatRange,
  ISO_WEEKDAYS,
  isoWeekdayName,
  normalizeRanges,
  type CallTimeGroup,
  type Encoded,
  type IsoWeekday,
  type LocalizedText,
  type MinuteRange,
} from "../../domain/call-time-group";
import { CALL_OUTCOMES, type CallOutcome, type RetryStrategy, type RetryableOutcome } from "../../domain/retry-strategy";
import { statsFromNxcloud } from "../../domain/stats";
import { formatList, type Locale } from "../../domain/text";
import type { TaskStatus } from "../../domain/task";
import type { RemoteTask } from "../types";
import { nxText, nxTextEach } from "./text";
import { NXCLOUD_CALL_STATUS, NXCLOUD_TASK_STATUS, type TNxCallInfoDetail, type TNxTaskData } from "./wire";

export const NXCLOUD_TASK_TYPE = "callbot";

// ---- task status ----

/** docs/providers/nxcloud.md §1.5: 1 pending, 2 running, 3 completed, 4 completed (failed), 5 paused. */
export function taskStatusFromNxcloud(raw: number): TaskStatus {
  switch (raw) {
    case NXCLOUD_TASK_STATUS.pending:
      return "pending";
    case NXCLOUD_TASK_STATUS.running:
      return "running";
    case NXCLOUD_TASK_STATUS.completed:
      return "completed";
    case NXCLOUD_TASK_STATUS.failed:
      return "failed";
    case NXCLOUD_TASK_STATUS.paused:
      return "paused";
    default:
      // An undocumented value: treat the task as not yet started; rawStatus keeps the truth and
      // NXCloud itself rejects any operation the status does not allow.
      return "pending";
  }
}

/** listTask keys everything on userTaskID; a task made in the NXCloud backend may lack one (docs/providers/nxcloud.md §4.14). */
export function remoteIdOf(task: { userTaskID: string; taskID: string }): string {
  return task.userTaskID || task.taskID;
}

export function remoteTaskFromNxcloud(task: TNxTaskData, raw: unknown): RemoteTask {
  const setting = task.taskSetting?.taskCreateSetting;
  return {
    remoteId: remoteIdOf(task),
    name: setting?.taskName ?? "",
    kind: "call",
    taskType: NXCLOUD_TASK_TYPE,
    status: taskStatusFromNxcloud(task.taskStatus),
    rawStatus: String(task.taskStatus),
    createdAt: task.createTs > 0 ? new Date(task.createTs * 1000) : null,
    stats: task.taskStat ? statsFromNxcloud(task.taskStat) : null,
    concurrency: setting?.maxCall ?? null,
    raw,
  };
}

// ---- call-time group ↔ dial slots ----

/** The four createTask fields that say when a task may dial (docs/providers/nxcloud.md §1.7). */
export interface NxcloudDialTime {
  /** Offset from UTC in seconds, e.g. 28800 for UTC+8. */
  zoneSecond: number;
  /** "1,2,3,4,5": 1 = Monday … 7 = Sunday. */
  dialAtWeekDay: string;
  /** Hour h enables [h:00, h:30). */
  dialAtUpHour: string;
  /** Hour h enables [h:30, h+1:00). */
  dialAtDownHour: string;
}

const SLOT_MINUTES = 30;
const SLOTS_PER_DAY = 48;

/** A run of half-hour slots [from, to), slot i = [i·30 min, (i+1)·30 min). */
interface SlotRun {
  from: number;
  to: number;
}

function runToRange(run: SlotRun): MinuteRange {
  return { start: run.from * SLOT_MINUTES, end: run.to * SLOT_MINUTES };
}

function formatRanges(ranges: MinuteRange[], locale: Locale): string {
  return formatList(ranges.map(formatRange), locale);
}

function weekdayList(days: IsoWeekday[], locale: Locale): string {
  return formatList(
    days.map((d) => isoWeekdayName(d, locale)),
    locale,
  );
}

function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? "−" : "+";
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * Rounds one day's ranges INWARD to whole half-hour slots (start up, end down), so NXCloud never dials
 * outside the group's hours; it may dial a little less. Reports every boundary that moved.
 */
function slotsForDay(ranges: MinuteRange[], losses: Map<string, LocalizedText>): SlotRun[] {
  const runs: SlotRun[] = [];
  for (const range of normalizeRanges(ranges)) {
    const from = Math.ceil(range.start / SLOT_MINUTES);
    const to = Math.floor(range.end / SLOT_MINUTES);
    if (from >= to) {
      const text = formatRange(range);
      losses.set(`short:${text}`, nxText("losses.short", { range: text }));
      continue;
    }
    if (range.start % SLOT_MINUTES !== 0) {
      const was = formatMinute(range.start);
      const now = formatMinute(from * SLOT_MINUTES);
      losses.set(`start:${was}`, nxText("losses.start", { was, now }));
    }
    if (range.end % SLOT_MINUTES !== 0) {
      const was = formatMinute(range.end);
      const now = formatMinute(to * SLOT_MINUTES);
      losses.set(`end:${was}`, nxText("losses.end", { was, now }));
    }
    const last = runs[runs.length - 1];
    if (last && last.to >= from) last.to = Math.max(last.to, to);
    else runs.push({ from, to });
  }
  return runs;
}

function slotKey(runs: SlotRun[]): string {
  return runs.map((r) => `${r.from}-${r.to}`).join(",");
}

/**
 * The zone's UTC offset at `now`. NXCloud stores one fixed offset (zoneSecond), so a zone with daylight
 * saving time is reported: from the other season on, calls run an hour off the group's local hours.
 */
function encodeZone(timeZone: string, now: Date, losses: Map<string, LocalizedText>): number {
  const zoneSecond = tzOffset(timeZone, now) * 60;
  const year = now.getUTCFullYear();
  const seasonal = [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)].map((t) => tzOffset(timeZone, new Date(t)) * 60);
  const other = seasonal.find((s) => s !== zoneSecond);
  if (other !== undefined) {
    const fixed = formatOffset(zoneSecond);
    const changed = formatOffset(other);
    losses.set("dst", nxText("losses.dst", { zone: timeZone, fixed, changed }));
  }
  return zoneSecond;
}

/**
 * Encodes a group as NXCloud dial settings. NXCloud has ONE set of half-hour slots for all selected
 * weekdays (docs/providers/nxcloud.md §1.7, §4.12): when weekdays differ, the hours shared by the most weekdays are sent
 * (ties: the earliest weekday's) and every other weekday is reported with the hours it will really get.
 */
export function encodeCallTimeGroup(group: CallTimeGroup, now: Date): Encoded<NxcloudDialTime> {
  const losses = new Map<string, LocalizedText>();
  const zoneSecond = encodeZone(group.timeZone, now, losses);

  const patterns = new Map<string, { runs: SlotRun[]; days: IsoWeekday[] }>();
  for (const day of ISO_WEEKDAYS) {
    const runs = slotsForDay(group.weekly[day] ?? [], losses);
    if (runs.length === 0) continue;
    const key = slotKey(runs);
    const entry = patterns.get(key);
    if (entry) entry.days.push(day);
    else patterns.set(key, { runs, days: [day] });
  }

  let chosen: { runs: SlotRun[]; days: IsoWeekday[] } | null = null;
  for (const p of patterns.values()) if (!chosen || p.days.length > chosen.days.length) chosen = p;

  const days: IsoWeekday[] = [];
  for (const p of patterns.values()) days.push(...p.days);
  days.sort((a, b) => a - b);

  if (chosen) {
    const sent = chosen.runs.map(runToRange);
    for (const p of patterns.values()) {
      if (p === chosen) continue;
      const own = p.runs.map(runToRange);
      const values = (locale: Locale) => ({
        days: weekdayList(p.days, locale),
        own: formatRanges(own, locale),
        sent: formatRanges(sent, locale),
        chosen: weekdayList(chosen.days, locale),
      });
      losses.set(`days:${slotKey(p.runs)}`, nxTextEach("losses.days", { en: values("en"), zh: values("zh-CN") }));
    }
  }

  const up: number[] = [];
  const down: number[] = [];
  for (const run of chosen?.runs ?? []) {
    for (let slot = run.from; slot < run.to; slot++) (slot % 2 === 0 ? up : down).push(Math.floor(slot / 2));
  }

  if (group.skipHolidays) {
    losses.set("holidays", nxText("losses.holidays"));
  }
  if (group.makeUpDayAs !== null) {
    const day = group.makeUpDayAs;
    losses.set("makeUpDayAs", nxTextEach("losses.makeUpDayAs", { en: { day: isoWeekdayName(day, "en") }, zh: { day: isoWeekdayName(day, "zh-CN") } }));
  }
  if (group.overrides.length > 0) {
    const dates = group.overrides.map((o) => o.date).join(", ");
    losses.set("overrides", nxText("losses.overrides", { dates }));
  }

  return {
    value: {
      zoneSecond,
      dialAtWeekDay: days.join(","),
      dialAtUpHour: up.join(","),
      dialAtDownHour: down.join(","),
    },
    losses: [...losses.values()],
  };
}

function parseNumberList(text: string, min: number, max: number): number[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= min && n <= max);
}

// Fixed-offset zones for offsets that are not whole hours (Etc/GMT±h covers whole hours only).
const FRACTIONAL_OFFSET_ZONES: Record<number, string> = {
  [5.5 * 3600]: "Asia/Kolkata",
  [5.75 * 3600]: "Asia/Kathmandu",
  [6.5 * 3600]: "Asia/Yangon",
  [4.5 * 3600]: "Asia/Kabul",
  [3.5 * 3600]: "Asia/Tehran",
  [9.5 * 3600]: "Australia/Darwin",
};

/** An IANA zone with exactly this fixed offset: Asia/Shanghai for UTC+8 (our default), else Etc/GMT∓h. */
export function timeZoneForZoneSecond(zoneSecond: number): string {
  if (zoneSecond === 8 * 3600) return "Asia/Shanghai";
  if (zoneSecond === 0) return "UTC";
  if (zoneSecond % 3600 === 0) {
    const hours = zoneSecond / 3600;
    // POSIX-style Etc zones invert the sign: Etc/GMT-8 is UTC+8.
    return `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
  }
  return FRACTIONAL_OFFSET_ZONES[zoneSecond] ?? "UTC";
}

/** Dial settings back to a group (the same hours on every selected weekday, no holidays or exceptions). */
export function decodeCallTimeGroup(value: NxcloudDialTime, name: string): CallTimeGroup {
  const slots = new Array<boolean>(SLOTS_PER_DAY).fill(false);
  for (const h of parseNumberList(value.dialAtUpHour, 0, 23)) slots[2 * h] = true;
  for (const h of parseNumberList(value.dialAtDownHour, 0, 23)) slots[2 * h + 1] = true;
  const ranges: MinuteRange[] = [];
  for (let i = 0; i < SLOTS_PER_DAY; i++) {
    if (!slots[i]) continue;
    const last = ranges[ranges.length - 1];
    if (last && last.end === i * SLOT_MINUTES) last.end += SLOT_MINUTES;
    else ranges.push({ start: i * SLOT_MINUTES, end: (i + 1) * SLOT_MINUTES });
  }
  const weekly = emptyWeek();
  for (const day of parseNumberList(value.dialAtWeekDay, 1, 7)) weekly[day as IsoWeekday] = ranges.map((r) => ({ ...r }));
  return {
    name,
    timeZone: timeZoneForZoneSecond(value.zoneSecond),
    weekly,
    skipHolidays: false,
    makeUpDayAs: null,
    overrides: [],
    isDefault: false,
  };
}

// ---- retry strategy ↔ funcFlag.roundRedial ----

const OUTCOME_NAMES: Record<RetryableOutcome, LocalizedText> = {
  "no-answer": nxText("outcomes.noAnswer"),
  busy: nxText("outcomes.busy"),
  unreachable: nxText("outcomes.unreachable"),
  rejected: nxText("outcomes.rejected"),
  failed: nxText("outcomes.failed"),
};

function intervalText(after: RetryStrategy["rounds"][number]["after"]): LocalizedText {
  const parts = [
    nxText("units.days", { n: after.days }),
    nxText("units.hours", { n: after.hours }),
    nxText("units.minutes", { n: after.minutes }),
  ].filter((_, i) => [after.days, after.hours, after.minutes][i] > 0);
  const shown = parts.length > 0 ? parts : [nxText("units.minutes", { n: 0 })];
  return { en: shown.map((t) => t.en).join(" "), zh: shown.map((t) => t.zh).join("") };
}

/**
 * NXCloud's only retry control is funcFlag.roundRedial: "unanswered calls within a round are redialled
 * once" (docs/providers/nxcloud.md §1.5). Any strategy with a round turns it on; everything beyond that is a loss.
 */
export function encodeRetryStrategy(strategy: RetryStrategy | null): Encoded<{ roundRedial: boolean }> {
  if (!strategy || strategy.rounds.length === 0) return { value: { roundRedial: false }, losses: [] };
  const losses: LocalizedText[] = [];
  if (strategy.rounds.length > 1) {
    const dropped = strategy.rounds.length - 1;
    losses.push(nxText("losses.retryRounds", { dropped }));
  }
  const wait = intervalText(strategy.rounds[0].after);
  losses.push(nxTextEach("losses.retryWait", { en: { wait: wait.en }, zh: { wait: wait.zh } }));
  const unanswered = CALL_OUTCOMES.filter((o): o is RetryableOutcome => o !== "answered");
  const notRetried = unanswered.filter((o) => !strategy.retryOn.includes(o));
  if (notRetried.length > 0) {
    losses.push(
      nxTextEach("losses.retryOutcomes", {
        en: { outcomes: notRetried.map((o) => OUTCOME_NAMES[o].en).join(", ") },
        zh: { outcomes: notRetried.map((o) => OUTCOME_NAMES[o].zh).join("、") },
      }),
    );
  }
  return { value: { roundRedial: true }, losses };
}

// ---- calls and numbers ----

/**
 * Outcome of one call. INFERENCE (docs/providers/nxcloud.md §4.1): the callStatus enumeration is not published, so an
 * answer time or talk time is trusted first and NXCLOUD_CALL_STATUS (our reading, shared with the simulator) second.
 */
export function callOutcomeFromNxcloud(detail: Pick<TNxCallInfoDetail, "callStatus" | "callAnswerTs" | "callDuration">): CallOutcome {
  if (detail.callAnswerTs > 0 || detail.callDuration > 0) return "answered";
  switch (detail.callStatus) {
    case NXCLOUD_CALL_STATUS.answered:
      return "answered";
    case NXCLOUD_CALL_STATUS.noAnswer:
      return "no-answer";
    case NXCLOUD_CALL_STATUS.busy:
      return "busy";
    case NXCLOUD_CALL_STATUS.unreachable:
      return "unreachable";
    case NXCLOUD_CALL_STATUS.rejected:
      return "rejected";
    default:
      return "failed";
  }
}

export function callStatusToNxcloud(outcome: CallOutcome): number {
  const table: Record<CallOutcome, number> = {
    answered: NXCLOUD_CALL_STATUS.answered,
    "no-answer": NXCLOUD_CALL_STATUS.noAnswer,
    busy: NXCLOUD_CALL_STATUS.busy,
    unreachable: NXCLOUD_CALL_STATUS.unreachable,
    rejected: NXCLOUD_CALL_STATUS.rejected,
    failed: NXCLOUD_CALL_STATUS.failed,
  };
  return table[outcome];
}

/** "+8613800138000" → "8613800138000": userPhone is "with country code, without symbols" (docs/providers/nxcloud.md §1.4). */
export function phoneToNxcloud(e164: string): string | null {
  const match = /^\+(\d{6,20})$/.exec(e164.trim());
  return match ? match[1] : null;
}

export function phoneFromNxcloud(userPhone: string | undefined): string | null {
  return userPhone && /^\d+$/.test(userPhone) ? `+${userPhone}` : null;
}

/** Unix seconds (0 = never) → Date | null. */
export function dateFromNxcloudTs(ts: number): Date | null {
  return ts > 0 ? new Date(ts * 1000) : null;
}
