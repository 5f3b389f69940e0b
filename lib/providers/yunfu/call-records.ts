// Yunfu call records (通话列表, 通话详情; docs/providers/yunfu.md §8): read row by row and tolerantly, so
// a row that does not fit is counted, logged (never its number) and skipped instead of failing the task's
// statistics; and read in bounded refreshes that keep what they read.
//
// A task's statistics need every call (distinct numbers called and answered), and the list pages 100 rows
// at a time: a task with 200 000 calls is 2 000 requests. So one refresh reads at most
// MAX_RECORD_PAGES_PER_REFRESH pages, and what it read is kept (by call id, in this process) for the next
// refresh to continue from, instead of starting over or giving up. The list's order is not documented;
// a refresh first reads from page 1 until a page brings nothing new (new calls, if the list is newest
// first), then continues where the kept calls end (the rest of the list, whichever its order). A page
// that fails after others were read leaves the statistics of what was read.
import { createHash } from "node:crypto";
import type { CallOutcome } from "../../domain/retry-strategy";
import { statsFromYunfu } from "../../domain/stats";
import type { TaskStats } from "../../domain/stats-types";
import { ProviderError } from "../errors";
import type { CallRecordEvent, Page, ProviderContext } from "../types";
import { callYunfu, localError, userIdOf } from "./client";
import { parseChinaDateTime, YUNFU_CALL_STATUS } from "./mapping";
import { e164FromYunfu } from "./phones";
import { yunfuText } from "./text";
import { ZYunfuCallDetail, ZYunfuCallRow } from "./wire";

export const RECORD_PAGE_SIZE = 100;
/** 20 pages of 100: one refresh reads at most 2 000 calls of a task. */
export const MAX_RECORD_PAGES_PER_REFRESH = 20;
/** Tasks whose read calls are kept between refreshes (least recently refreshed dropped first). */
const MAX_TALLIED_TASKS = 64;
/** Calls kept per task: beyond, the statistics stay those of the first 200 000 calls. */
const MAX_CALLS_PER_TALLY = 200_000;
/** Rows without a number that listCalls asks 通话详情 about, per page. */
const MAX_DETAIL_LOOKUPS_PER_PAGE = 10;

/** A record's call status as a domain outcome (0 "waiting" is not a call). */
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

export interface CallRow {
  callId: string;
  /** As Yunfu wrote it (number_data.number, else phone); null when the row names none. */
  phone: string | null;
  outcome: CallOutcome;
  startedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSec: number;
}

export type UnreadableReason = "notAnObject" | "noCallId";
export type RowReading = { row: CallRow } | { unreadable: UnreadableReason };

/**
 * One row of the record list. Only a call id is required (callid, or record_id which is the same id); every
 * other field is read if it fits and ignored if not. Answered: the 13-code status when the row has one,
 * else an answer time or talk time (the call callback's fields).
 */
export function readCallRow(raw: unknown): RowReading {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { unreadable: "notAnObject" };
  const r = ZYunfuCallRow.parse(raw);
  const callId = r.callid ?? r.record_id;
  if (!callId) return { unreadable: "noCallId" };
  const phone = r.number_data?.number?.trim() || r.phone?.trim() || null;
  const answeredAt = parseChinaDateTime(r.answerdate);
  const durationSec = Math.round(r.bill ?? 0);
  const outcome: CallOutcome =
    r.status !== null && r.status !== undefined && r.status > 0
      ? outcomeFromCallStatus(r.status)
      : answeredAt || durationSec > 0
        ? "answered"
        : "no-answer";
  return {
    row: {
      callId,
      phone,
      outcome,
      startedAt: parseChinaDateTime(r.calldate),
      answeredAt,
      endedAt: parseChinaDateTime(r.hangupdate),
      durationSec,
    },
  };
}

/** A row that cannot be told by its call id is remembered by its digest, so it is counted and logged once. */
const digest = (raw: unknown) => createHash("sha256").update(JSON.stringify(raw) ?? "").digest("base64url").slice(0, 22);

interface RecordPage {
  readings: { raw: unknown; reading: RowReading }[];
  total: number | null;
  lastPage: number;
}

const recordsPath = (ctx: ProviderContext, taskId: string) => `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(taskId)}/record`;

async function readRecordPage(ctx: ProviderContext, taskId: string, page: number): Promise<RecordPage> {
  const { data, meta } = await callYunfu(ctx, "GET", recordsPath(ctx, taskId), { query: { page, per_page: RECORD_PAGE_SIZE }, safe: true });
  // The page is read row by row: `data` not being an array at all is an answer we cannot read.
  if (!Array.isArray(data)) throw localError("BAD_RESPONSE", `record list data is ${typeof data}`, yunfuText("error.badResponse"));
  return {
    readings: data.map((raw) => ({ raw, reading: readCallRow(raw) })),
    total: meta?.total ?? null,
    lastPage: meta?.last_page ?? page,
  };
}

// ---------------------------------------------------------------- statistics

interface Tally {
  calls: Map<string, { phone: string | null; answered: boolean }>;
  unreadable: Set<string>;
}

const tallies = new Map<string, Tally>();

/** Forgets every kept call (tests). */
export function clearCallTallies(): void {
  tallies.clear();
}

function tallyFor(key: string): Tally {
  const tally = tallies.get(key) ?? { calls: new Map(), unreadable: new Set() };
  tallies.delete(key);
  tallies.set(key, tally);
  while (tallies.size > MAX_TALLIED_TASKS) tallies.delete(tallies.keys().next().value as string);
  return tally;
}

const seenRows = (t: Tally) => t.calls.size + t.unreadable.size;

function statsOf(tally: Tally, numberCount: number): TaskStats {
  const called = new Set<string>();
  const answered = new Set<string>();
  let answeredCalls = 0;
  for (const call of tally.calls.values()) {
    if (call.phone) called.add(call.phone);
    if (!call.answered) continue;
    answeredCalls++;
    if (call.phone) answered.add(call.phone);
  }
  return statsFromYunfu({
    numberCount: Math.max(numberCount, called.size),
    calledCount: called.size,
    answeredCount: answered.size,
    callCount: tally.calls.size,
    answeredCallCount: answeredCalls,
  });
}

/**
 * The task's statistics from its numbers (number_count) and its call records, reading at most
 * MAX_RECORD_PAGES_PER_REFRESH pages and keeping what was read for the next refresh (see the file's head).
 */
export async function recordStats(ctx: ProviderContext, taskId: string, numberCount: number): Promise<TaskStats> {
  const key = [ctx.baseUrl, ctx.settings.userId ?? "", ctx.settings.subUserId ?? "", taskId].join("\n");
  const tally = tallyFor(key);
  const skipped: Record<UnreadableReason, number> = { notAnObject: 0, noCallId: 0 };
  let pages = 0;
  let total: number | null = null;
  let lastPage = 1;

  /** Reads one page into the tally; how many of its rows were new. */
  const read = async (page: number): Promise<{ fresh: number; rows: number }> => {
    const result = await readRecordPage(ctx, taskId, page);
    pages++;
    total = result.total;
    lastPage = result.lastPage;
    let fresh = 0;
    for (const { raw, reading } of result.readings) {
      if ("row" in reading) {
        if (tally.calls.has(reading.row.callId) || tally.calls.size >= MAX_CALLS_PER_TALLY) continue;
        tally.calls.set(reading.row.callId, { phone: reading.row.phone, answered: reading.row.outcome === "answered" });
        fresh++;
      } else {
        const id = digest(raw);
        if (tally.unreadable.has(id)) continue;
        tally.unreadable.add(id);
        skipped[reading.unreadable]++;
        fresh++;
      }
    }
    return { fresh, rows: result.readings.length };
  };

  try {
    let page = 1;
    for (;;) {
      const { fresh, rows } = await read(page);
      if (rows === 0 || fresh === 0 || page >= lastPage || pages >= MAX_RECORD_PAGES_PER_REFRESH) break;
      page++;
    }
    // Continue where the kept rows end (rows already kept on the way are skipped by their id).
    let next = Math.max(page + 1, Math.floor(seenRows(tally) / RECORD_PAGE_SIZE) + 1);
    while (pages < MAX_RECORD_PAGES_PER_REFRESH && next <= lastPage && seenRows(tally) < (total ?? Infinity)) await read(next++);
  } catch (e) {
    // Nothing read, now or before: the refresh fails (the sync retries it). Otherwise keep what was read.
    if (!(e instanceof ProviderError) || tally.calls.size + tally.unreadable.size === 0) throw e;
    ctx.log?.("warn", "yunfu call records: a page failed, statistics kept from the calls read", { taskId, code: e.code, read: seenRows(tally) });
  }
  const skippedNow = skipped.notAnObject + skipped.noCallId;
  if (skippedNow > 0) ctx.log?.("warn", "yunfu call records: rows skipped", { taskId, skipped: skippedNow, ...skipped });
  if (total !== null && seenRows(tally) < total) {
    ctx.log?.("info", "yunfu call records: read in part, the next refresh continues", { taskId, read: seenRows(tally), total, pages });
  }
  return statsOf(tally, numberCount);
}

// ---------------------------------------------------------------- listCalls

/** 通话详情: the called number of a record, from its first sentence's `callee`. */
async function calleeOf(ctx: ProviderContext, taskId: string, callId: string): Promise<string | null> {
  const path = `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(taskId)}/detail/${encodeURIComponent(callId)}`;
  const { data } = await callYunfu(ctx, "GET", path, { safe: true }, ZYunfuCallDetail);
  return data.records.find((r) => r.callee)?.callee ?? null;
}

function pageOfCursor(cursor: string | null): number {
  if (cursor === null) return 1;
  const page = Number(cursor);
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) {
    throw localError("BAD_CURSOR", `unreadable cursor ${cursor.slice(0, 20)}`, yunfuText("error.badResponse"));
  }
  return page;
}

/** The task's call records, a page at a time; a row without a number is completed from 通话详情 (bounded). */
export async function listCalls(ctx: ProviderContext, taskId: string, cursor: string | null): Promise<Page<CallRecordEvent>> {
  const page = pageOfCursor(cursor);
  const result = await readRecordPage(ctx, taskId, page);
  const items: CallRecordEvent[] = [];
  let skipped = 0;
  let lookups = 0;
  for (const { reading } of result.readings) {
    if (!("row" in reading)) {
      skipped++;
      continue;
    }
    const row = reading.row;
    const startedAt = row.startedAt ?? row.answeredAt ?? row.endedAt;
    if (!startedAt) {
      skipped++;
      continue;
    }
    let phone = row.phone;
    if (!phone && lookups < MAX_DETAIL_LOOKUPS_PER_PAGE) {
      lookups++;
      phone = await calleeOf(ctx, taskId, row.callId).catch(() => null);
    }
    items.push({
      callId: row.callId,
      orderId: null,
      phone: phone ? e164FromYunfu(phone) : null,
      outcome: row.outcome,
      startedAt,
      answeredAt: row.answeredAt,
      endedAt: row.endedAt,
      durationSec: row.durationSec,
      orderFinished: null,
    });
  }
  if (skipped > 0) ctx.log?.("warn", "yunfu call records: rows skipped", { taskId, skipped, page });
  const more = result.readings.length > 0 && page < result.lastPage;
  return { items, nextCursor: more ? String(page + 1) : null, total: result.total };
}
