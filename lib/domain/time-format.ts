// Times of day as the console shows and accepts them. A time of day is minutes after local
// midnight (docs/design.md "Domain model"); 1440 is the end of the day and reads "24:00".

import type { MinuteRange } from "./call-time-group";

export const MINUTES_PER_DAY = 1440;

/** 540 → "09:00", 1440 → "24:00". */
export function formatMinute(minute: number): string {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** { start: 540, end: 720 } → "09:00–12:00" (en dash, as in both languages' UI). */
export function formatRange(range: MinuteRange): string {
  return `${formatMinute(range.start)}–${formatMinute(range.end)}`;
}

// "9:00" and "09:00" both appear in provider payloads (docs/providers/research.md §6, Yunfu), and a Chinese
// input method types the full-width colon.
const HH_MM = /^(\d{1,2})[:：](\d{2})$/;

/** "9:00" | "09:00" | "24:00" → minutes after midnight; anything else → null. */
export function parseHhMm(text: string): number | null {
  const match = HH_MM.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

const WALL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * A stored datetime as a datetime-local value ("2026-12-01T08:00"), read as wall time in `timeZone`: a
 * value without an offset is already wall time; an instant (ISO with Z or an offset) is shown in the zone.
 * "" for anything else, so an input never receives an invalid value.
 */
export function wallDateTimeValue(value: unknown, timeZone: string): string {
  if (typeof value !== "string" || value.trim() === "") return "";
  const text = value.trim();
  const wall = WALL.exec(text);
  if (wall) return `${wall[1]}T${wall[2]}`;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return "";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
