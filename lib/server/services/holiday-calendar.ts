// The CN holiday calendar in the database (docs/design.md "Holiday calendar"): seeded from chinese-days
// the first time, then edited by administrators and extended by importing a year's arrangement.
// The schedule engine reads it as a HolidayCalendar value, cached here per process.
import "server-only";
import { z } from "zod";
import en from "../../../messages/en/timeGroups.json" with { type: "json" };
import zh from "../../../messages/zh-CN/timeGroups.json" with { type: "json" };
import { isIsoDate } from "../../domain/call-time-group";
import {
  HOLIDAY_YEAR_MAX,
  HOLIDAY_YEAR_MIN,
  HOLIDAY_YEARS_MAX,
  type HolidayCalendar,
  type HolidayDay,
  type HolidayKind,
} from "../../domain/holiday-calendar";
import { cnCalendarFromPackage, parseYearArrangement } from "../../domain/holidays";
import { recordAudit, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { domainText } from "../../domain/catalog";
import { catalogText } from "../../domain/text";

const text = catalogText(en, zh);

const REGION = "CN";
// Another instance may have edited the calendar; re-read after this long even without a local edit.
const CACHE_MS = 60_000;

let cache: { calendar: HolidayCalendar; loadedAt: number } | null = null;
let seeding: Promise<void> | null = null;

function invalidate(): void {
  cache = null;
}

async function seedFromPackage(): Promise<void> {
  const db = getDb();
  if ((await db.holidayYear.count({ where: { region: REGION } })) > 0) return;
  const source = cnCalendarFromPackage();
  await db.$transaction(async (tx) => {
    if ((await tx.holidayYear.count({ where: { region: REGION } })) > 0) return;
    await tx.holidayDay.createMany({
      data: Object.entries(source.days).map(([date, day]) => ({ region: REGION, date, kind: day.kind, name: day.name })),
    });
    await tx.holidayYear.createMany({ data: source.coveredYears.map((year) => ({ region: REGION, year, source: "package" })) });
  });
}

async function ensureSeeded(): Promise<void> {
  seeding ??= seedFromPackage().finally(() => {
    seeding = null;
  });
  await seeding;
}

/** The calendar the schedule engine uses. A year without a HolidayYear row is unknown. */
export async function getHolidayCalendar(): Promise<HolidayCalendar> {
  if (cache && Date.now() - cache.loadedAt < CACHE_MS) return cache.calendar;
  await ensureSeeded();
  const db = getDb();
  const [years, days] = await Promise.all([
    db.holidayYear.findMany({ where: { region: REGION }, select: { year: true }, orderBy: { year: "asc" } }),
    db.holidayDay.findMany({ where: { region: REGION }, select: { date: true, kind: true, name: true } }),
  ]);
  const byDate: Record<string, HolidayDay> = {};
  for (const day of days) byDate[day.date] = { kind: day.kind as HolidayKind, name: day.name };
  const calendar: HolidayCalendar = { region: REGION, coveredYears: years.map((y) => y.year), days: byDate };
  cache = { calendar, loadedAt: Date.now() };
  return calendar;
}

/** Only the given years of the calendar: what a browser needs for a two-week preview. */
export function calendarForYears(calendar: HolidayCalendar, years: readonly number[]): HolidayCalendar {
  const wanted = new Set(years.map(String));
  const days: Record<string, HolidayDay> = {};
  for (const [date, day] of Object.entries(calendar.days)) if (wanted.has(date.slice(0, 4))) days[date] = day;
  return { region: calendar.region, coveredYears: calendar.coveredYears.filter((y) => years.includes(y)), days };
}


/**
 * The calendar for the years a browser asks for (`?years=2027,2028`): previews load the years of the month
 * or the retry timeline they show, on demand, instead of a fixed range around today.
 */
export async function holidayYearsCalendar(yearsParam: string | null): Promise<{ years: number[]; calendar: HolidayCalendar }> {
  const parts = (yearsParam ?? "").slice(0, 64).split(",").filter((p) => p.length > 0);
  const years = [...new Set(parts.map(Number))];
  const valid = years.every((y) => Number.isInteger(y) && y >= HOLIDAY_YEAR_MIN && y <= HOLIDAY_YEAR_MAX);
  if (years.length === 0 || years.length > HOLIDAY_YEARS_MAX || !valid) {
    throw new AppError("INVALID", text("holidayYears.invalid", { max: HOLIDAY_YEARS_MAX, min: HOLIDAY_YEAR_MIN, last: HOLIDAY_YEAR_MAX }), "years");
  }
  return { years, calendar: calendarForYears(await getHolidayCalendar(), years) };
}

export interface HolidayYearRow {
  year: number;
  source: string;
  updatedAt: Date;
  holidays: number;
  makeUpWorkdays: number;
}

export async function listHolidayYears(): Promise<HolidayYearRow[]> {
  await ensureSeeded();
  const db = getDb();
  const [years, days] = await Promise.all([
    db.holidayYear.findMany({ where: { region: REGION }, select: { year: true, source: true, updatedAt: true }, orderBy: { year: "desc" } }),
    db.holidayDay.findMany({ where: { region: REGION }, select: { date: true, kind: true } }),
  ]);
  const counts = new Map<number, { holidays: number; makeUpWorkdays: number }>();
  for (const day of days) {
    const year = Number(day.date.slice(0, 4));
    const count = counts.get(year) ?? { holidays: 0, makeUpWorkdays: 0 };
    if (day.kind === "holiday") count.holidays++;
    else count.makeUpWorkdays++;
    counts.set(year, count);
  }
  return years.map((y) => ({ ...y, ...(counts.get(y.year) ?? { holidays: 0, makeUpWorkdays: 0 }) }));
}

export interface HolidayDayRow {
  date: string;
  kind: HolidayKind;
  name: string;
}

export async function listHolidayDays(year: number): Promise<HolidayDayRow[]> {
  await ensureSeeded();
  const rows = await getDb().holidayDay.findMany({
    where: { region: REGION, date: { startsWith: `${year}-` } },
    select: { date: true, kind: true, name: true },
    orderBy: { date: "asc" },
  });
  return rows.map((row) => ({ ...row, kind: row.kind as HolidayKind }));
}

export const ZHolidayDayInput = z.object({
  date: z.string().trim().max(10),
  kind: z.enum(["holiday", "makeUpWorkday"]),
  name: z.string().trim().max(100),
});
export type THolidayDayInput = z.infer<typeof ZHolidayDayInput>;

async function requireCoveredYear(date: string): Promise<number> {
  if (!isIsoDate(date)) {
    throw new AppError("INVALID", domainText("notADate", { date }), "date");
  }
  const year = Number(date.slice(0, 4));
  const known = await getDb().holidayYear.findUnique({ where: { region_year: { region: REGION, year } }, select: { id: true } });
  // A single added day must not make a whole year look known: the rest of it would read as normal.
  if (!known) {
    throw new AppError("INVALID", text("errors.yearNotCovered", { year: String(year) }), "date");
  }
  return year;
}

/** Adds a holiday or make-up workday, or changes the kind and name of a date already listed. */
export async function setHolidayDay({ actor, data }: { actor: AuditActor; data: THolidayDayInput }): Promise<void> {
  await ensureSeeded();
  const year = await requireCoveredYear(data.date);
  if (data.name.length === 0 || data.name.length > 80) {
    throw new AppError("INVALID", text("errors.holidayName"), "name");
  }
  const db = getDb();
  const where = { region_date: { region: REGION, date: data.date } };
  const before = await db.holidayDay.findUnique({ where, select: { kind: true, name: true } });
  await db.$transaction([
    db.holidayDay.upsert({
      where,
      create: { region: REGION, date: data.date, kind: data.kind, name: data.name },
      update: { kind: data.kind, name: data.name },
      select: { id: true },
    }),
    db.holidayYear.update({ where: { region_year: { region: REGION, year } }, data: { source: "manual" }, select: { id: true } }),
  ]);
  invalidate();
  recordAudit({ actor, action: "holiday.set", targetType: "holidayDay", targetId: data.date, before, after: { kind: data.kind, name: data.name } });
}

/** Makes a listed date an ordinary day of its (still known) year. */
export async function removeHolidayDay({ actor, date }: { actor: AuditActor; date: string }): Promise<void> {
  await ensureSeeded();
  const year = await requireCoveredYear(date);
  const db = getDb();
  const where = { region_date: { region: REGION, date } };
  const before = await db.holidayDay.findUnique({ where, select: { kind: true, name: true } });
  if (!before) {
    throw new AppError("NOT_FOUND", text("errors.notAHolidayDay", { date }), "date");
  }
  await db.$transaction([
    db.holidayDay.delete({ where, select: { id: true } }),
    db.holidayYear.update({ where: { region_year: { region: REGION, year } }, data: { source: "manual" }, select: { id: true } }),
  ]);
  invalidate();
  recordAudit({ actor, action: "holiday.remove", targetType: "holidayDay", targetId: date, before });
}

/**
 * Replaces one year with an arrangement (JSON text or object, see ZYearArrangement), e.g. when the
 * State Council publishes next year's notice. The year becomes known.
 */
export async function importYearArrangement({
  actor,
  arrangement,
}: {
  actor: AuditActor;
  arrangement: unknown;
}): Promise<{ year: number; holidays: number; makeUpWorkdays: number }> {
  await ensureSeeded();
  const parsed = parseYearArrangement(arrangement);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    throw new AppError("INVALID", first.message, first.path.join(".") || "arrangement");
  }
  const { year, days } = parsed;
  const db = getDb();
  const before = await db.holidayDay.count({ where: { region: REGION, date: { startsWith: `${year}-` } } });
  await db.$transaction(async (tx) => {
    await tx.holidayDay.deleteMany({ where: { region: REGION, date: { startsWith: `${year}-` } } });
    await tx.holidayDay.createMany({ data: days.map((d) => ({ region: REGION, date: d.date, kind: d.kind, name: d.name })) });
    await tx.holidayYear.upsert({
      where: { region_year: { region: REGION, year } },
      create: { region: REGION, year, source: "import" },
      update: { source: "import" },
      select: { id: true },
    });
  });
  invalidate();
  const holidays = days.filter((d) => d.kind === "holiday").length;
  const makeUpWorkdays = days.length - holidays;
  recordAudit({
    actor,
    action: "holiday.importYear",
    targetType: "holidayYear",
    targetId: String(year),
    before: { days: before },
    after: { holidays, makeUpWorkdays },
  });
  return { year, holidays, makeUpWorkdays };
}

/** Tests start each case from a fresh database; the cache must not outlive it. */
export function resetHolidayCalendarCache(): void {
  invalidate();
}
