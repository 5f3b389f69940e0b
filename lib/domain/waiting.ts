// What a task that is not dialling is waiting for (issue 14 goal 5): from the schedule engine, the
// task's status and counters, and what the mirror knows of the provider. Pure: `now` is an argument.

import type { CallTimeGroup } from "./call-time-group";
import type { HolidayCalendar } from "./holiday-calendar";
import { describeDays, isCallable, nextWindow } from "./schedule";
import type { TaskKind, TaskStatus } from "./task";

export type WaitingReason =
  /** The provider could not be reached at the last sync: what the page shows may be out of date. */
  | { kind: "provider-unreachable"; since: Date | null }
  /** Paused, and no user paused it here (balance, line fault, the provider's own schedule…). */
  | { kind: "paused-by-provider" }
  /** Every number is finished (or the task has none): nothing left to dial. */
  | { kind: "no-numbers-left" }
  /** Today is a public holiday the group skips. */
  | { kind: "holiday"; name: string | null; nextWindow: Date | null }
  /** Outside the group's hours; the next window opens at `nextWindow` (null: none within a year). */
  | { kind: "outside-window"; nextWindow: Date | null };

export interface WaitingInput {
  kind: TaskKind;
  status: TaskStatus;
  totalOrders: number;
  finishedOrders: number;
  /** The group the task dials by; null when Dialboard does not know it. */
  group: CallTimeGroup | null;
  calendar: HolidayCalendar;
  /** The latest start/pause here was a pause (so a paused task is not "paused by the provider"). */
  pausedByUser: boolean;
  /** When the account's latest sync failed, else null. */
  providerFailedAt: Date | null;
}

/** Why a live task is not dialling now, or null when nothing holds it (or it is over). */
export function waitingReason(input: WaitingInput, now: Date): WaitingReason | null {
  if (input.kind !== "call") return null;
  const live = input.status === "running" || input.status === "pending" || input.status === "paused";
  if (!live) return null;
  if (input.providerFailedAt) return { kind: "provider-unreachable", since: input.providerFailedAt };
  if (input.status === "paused") return input.pausedByUser ? null : { kind: "paused-by-provider" };
  if (input.status !== "running") return null;
  if (input.totalOrders === 0 || input.finishedOrders >= input.totalOrders) return { kind: "no-numbers-left" };
  if (!input.group || isCallable(input.group, now, input.calendar)) return null;
  const next = nextWindow(input.group, now, input.calendar)?.start ?? null;
  const today = describeDays(input.group, now, new Date(now.getTime() + 1), input.calendar)[0];
  if (today?.rule === "holiday") return { kind: "holiday", name: today.holidayName ?? null, nextWindow: next };
  return { kind: "outside-window", nextWindow: next };
}
