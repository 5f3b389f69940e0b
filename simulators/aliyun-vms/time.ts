// The call centre's clock and the simulator's own reading of time conditions (docs/providers/aliyun-vms.md
// §Time conditions). A condition is `Type` 1 weekly (DayOfWeek, Sun = 1 … Sat = 7) or 2 fixed dates (FromDay..ToDay),
// `TimeType` 1 continuous (连续) or 2 interval (间隔). Interval: every listed day, StartTime to EndTime. Continuous:
// INFERENCE, the strictest reading — one span from the first day's StartTime to the last day's EndTime. A client
// that sends multi-day continuous conditions for daily hours is caught here by calls at night.
import type { CallTimeGroup, DateOverride, IsoWeekday, MinuteRange } from "../../lib/domain/call-time-group";
import type { SimCondition, SimTask } from "./state";

const DAY_MS = 86_400_000;
const MINUTES = 1440;

/** China has had no DST since 1991: the call centre's local time is UTC+8. */
export function shanghaiParts(ms: number) {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`,
  };
}

export const dateTimeText = (ms: number) => {
  const p = shanghaiParts(ms);
  return `${p.date} ${p.time}`;
};

export function shanghaiMs(date: string, time: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return Date.UTC(y, m - 1, d, hh - 8, mm, ss ?? 0);
}

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const YMD = /^\d{4}-\d{2}-\d{2}$/;
export const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** ISO weekday (Mon = 1 … Sun = 7) of a yyyy-MM-dd date. */
function isoOfDate(date: string): IsoWeekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/** Aliyun DayOfWeek (Sun = 1 … Sat = 7) → ISO weekday. */
const isoOfAliyun = (day: number) => (day === 1 ? 7 : day - 1) as IsoWeekday;

function datesFrom(from: string, to: string, max = 400): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < max; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The minutes one condition opens, per ISO weekday (weekly) or per date (fixed dates): [StartTime, EndTime) (INFERENCE, docs/providers/aliyun-vms.md §Time conditions). */
export function conditionSpans(c: SimCondition): { weekly: Map<IsoWeekday, MinuteRange[]>; dates: Map<string, MinuteRange[]> } {
  const weekly = new Map<IsoWeekday, MinuteRange[]>();
  const dates = new Map<string, MinuteRange[]>();
  const start = minuteOf(c.StartTime);
  const end = minuteOf(c.EndTime);
  const add = <K>(map: Map<K, MinuteRange[]>, key: K, range: MinuteRange) => {
    if (range.end > range.start) map.set(key, [...(map.get(key) ?? []), range]);
  };
  if (c.Type === 1) {
    const days = c.DayOfWeek.split(",").filter(Boolean).map(Number).sort((a, b) => a - b);
    if (days.length === 0) return { weekly, dates };
    const first = days[0];
    const last = days[days.length - 1];
    if (c.TimeType === 2 || first === last) {
      for (const d of days) add(weekly, isoOfAliyun(d), { start, end });
    } else {
      // Continuous: the first day from StartTime, every day between whole, the last day until EndTime.
      add(weekly, isoOfAliyun(first), { start, end: MINUTES });
      for (let d = first + 1; d < last; d++) add(weekly, isoOfAliyun(d), { start: 0, end: MINUTES });
      add(weekly, isoOfAliyun(last), { start: 0, end });
    }
  } else {
    const all = datesFrom(c.FromDay, c.ToDay);
    if (c.TimeType === 2 || all.length === 1) {
      for (const date of all) add(dates, date, { start, end });
    } else {
      all.forEach((date, i) => add(dates, date, { start: i === 0 ? start : 0, end: i === all.length - 1 ? end : MINUTES }));
    }
  }
  return { weekly, dates };
}

function mask(ranges: MinuteRange[]): boolean[] {
  const m = new Array<boolean>(MINUTES).fill(false);
  for (const r of ranges) for (let i = r.start; i < r.end; i++) m[i] = true;
  return m;
}

function rangesOf(m: boolean[]): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (let i = 0; i < MINUTES; i++) {
    if (!m[i]) continue;
    const last = out[out.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else out.push({ start: i, end: i + 1 });
  }
  return out;
}

/** Conditions named by a comma-separated id list (TimeStrategy, AutoTriggerTimeStrategy). */
export function conditionsByIds(all: SimCondition[], ids: string | number | undefined): SimCondition[] {
  const wanted = String(ids ?? "").split(",").filter(Boolean).map(Number);
  return all.filter((c) => wanted.includes(c.Id));
}

/**
 * The task's dialling windows as a call-time group for the dialing engine: with AutoTaskType 1 (interval calling)
 * only inside AutoTriggerTimeStrategy, always outside TimeStrategy (禁呼时间).
 */
export function taskGroup(task: SimTask, conditions: SimCondition[]): CallTimeGroup {
  const allowed = Number(task.props.AutoTaskType) === 1 ? conditionsByIds(conditions, task.props.AutoTriggerTimeStrategy).map(conditionSpans) : null;
  const forbidden = conditionsByIds(conditions, task.props.TimeStrategy).map(conditionSpans);
  const open = (pick: (s: ReturnType<typeof conditionSpans>) => MinuteRange[]) => {
    const allow = allowed === null ? new Array<boolean>(MINUTES).fill(true) : mask(allowed.flatMap(pick));
    const deny = mask(forbidden.flatMap(pick));
    return rangesOf(allow.map((a, i) => a && !deny[i]));
  };
  const weekly = {} as Record<IsoWeekday, MinuteRange[]>;
  for (let iso = 1; iso <= 7; iso++) weekly[iso as IsoWeekday] = open((s) => s.weekly.get(iso as IsoWeekday) ?? []);
  const dates = new Set<string>();
  for (const s of [...(allowed ?? []), ...forbidden]) for (const date of s.dates.keys()) dates.add(date);
  const overrides: DateOverride[] = [...dates].sort().map((date) => ({
    date,
    ranges: open((s) => [...(s.weekly.get(isoOfDate(date)) ?? []), ...(s.dates.get(date) ?? [])]),
  }));
  return { name: String(task.props.Name), timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides, isDefault: false };
}
