// Numbers of a task (docs/providers/aliyun-vms.md §Numbers, §Call records): import (CloudImportTaskTel) with the
// batch's counts (CloudListTaskFile), removal (CloudDeleteTaskTel) and the predictive task's call records
// (CloudQueryPredictiveCallCdr), plus the number forms the call centre dials.
import type { CallRecordEvent, Contact, ContactsResult, Page, ProviderContext, RemoveNumbersResult } from "../types";
import { callAction, enterpriseId } from "./client";
import { formatAliyunDateTime, parseAliyunDateTime } from "./mapping";
import { aliyunText as t } from "./text";
import { ZGetTaskData, ZImportTaskTelData, ZListTaskFileData, ZPredictiveCdrData, ZResultData, type TPredictiveCdr, type TTaskFile, type TTaskTel } from "./wire";

/** CloudDeleteTaskTel "最多支持 10W 个号码" per request. */
export const REMOVE_BATCH = 100_000;
/** CloudListTaskFile Limit "最大不能超过5000"; pages read to find a batch just imported. */
const FILE_PAGE = 1000;
const FILE_PAGES = 10;
/** CloudQueryPredictiveCallCdr Limit "最大不能超过1000". */
const CDR_PAGE = 1000;
/** Months of call records read back from now at most: each month is at least one request. */
const CDR_MONTHS = 36;
const SHANGHAI = 8 * 3_600_000;

/** E.164 → the number as a Chinese call centre dials it: national form for +86, "00" prefix otherwise (INFERENCE, docs/providers/aliyun-vms.md §Numbers). */
export function telFromE164(phone: string): string | null {
  const match = /^\+(\d{6,15})$/.exec(phone.trim());
  if (!match) return null;
  const digits = match[1];
  if (!digits.startsWith("86")) return `00${digits}`;
  const national = digits.slice(2);
  // Mobile numbers are dialled as they are; landlines (Beijing's area code 10 too) get the trunk 0.
  return /^1[3-9]\d{9}$/.test(national) ? national : `0${national}`;
}

/** The call centre's form back to E.164 (the inverse of telFromE164); as sent when it reads as none. */
export function telToE164(tel: string): string {
  const digits = tel.trim();
  if (/^00\d{6,15}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^1[3-9]\d{9}$/.test(digits)) return `+86${digits}`;
  if (/^0[1-9]\d{6,11}$/.test(digits)) return `+86${digits.slice(1)}`;
  return digits;
}

/** The batch just imported, read back for its repeat and blocklist counts; null when it cannot be found. */
async function importedBatch(ctx: ProviderContext, taskId: string, fileId: string): Promise<TTaskFile | null> {
  for (let page = 0; page < FILE_PAGES; page++) {
    const data = await callAction(
      ctx,
      "CloudListTaskFile",
      { EnterpriseId: enterpriseId(ctx), TaskId: taskId, Start: page * FILE_PAGE, Limit: FILE_PAGE },
      ZListTaskFileData,
      { safe: true },
    );
    const rows = data.TaskFileList ?? [];
    const found = rows.find((f) => f.Id === fileId);
    if (found) return found;
    if (rows.length < FILE_PAGE) return null;
  }
  return null;
}

export async function addContacts(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult> {
  const rejected: ContactsResult["rejected"] = [];
  const seen = new Set<string>();
  const tels: TTaskTel[] = [];
  for (const contact of contacts) {
    const tel = telFromE164(contact.phone);
    if (tel === null) {
      rejected.push({ phone: contact.phone, reason: t("numbers.invalidPhone") });
    } else if (seen.has(tel)) {
      rejected.push({ phone: contact.phone, reason: t("numbers.duplicateInBatch") });
    } else {
      seen.add(tel);
      tels.push({ Tel: tel, Property: JSON.stringify({ name: contact.name, ...contact.variables }) });
    }
  }
  if (tels.length === 0) return { accepted: 0, rejected };
  const data = await callAction(
    ctx,
    "CloudImportTaskTel",
    {
      EnterpriseId: enterpriseId(ctx),
      TaskId: remoteId,
      // SDK model: the batch name is required; a new batch per request, named for when it was sent.
      Name: `Dialboard ${formatAliyunDateTime(ctx.now?.() ?? new Date())}`,
      TaskTelList: JSON.stringify(tels),
      // IsRepeat 1 (documented default): numbers already in the task are skipped, not dialled twice.
      IsRepeat: 1,
    },
    ZImportTaskTelData,
    { safe: false },
  );
  const accepted = Number(data.SuccessTotal ?? 0);
  let unexplained = Number(data.ImportTotal ?? tels.length) - accepted;
  const counted = (count: number, key: "invalidTotal" | "repeatTotal" | "restrictTotal" | "unexplainedTotal") => {
    const n = Math.min(Math.max(count, 0), unexplained);
    if (n === 0) return;
    rejected.push({ phone: "", reason: t(`numbers.${key}`, { n }) });
    unexplained -= n;
  };
  counted(Number(data.InvalidTotal ?? 0), "invalidTotal");
  // CloudListTaskFile says why the rest were skipped; the import stands even when that read fails.
  const batch = data.FileId && unexplained > 0 ? await importedBatch(ctx, remoteId, data.FileId).catch(() => null) : null;
  if (batch) {
    counted(Number(batch.RepeatCount ?? 0), "repeatTotal");
    counted(Number(batch.RestrictCount ?? 0), "restrictTotal");
  }
  counted(unexplained, "unexplainedTotal");
  return { accepted, rejected };
}

/**
 * CloudDeleteTaskTel by number, running tasks included. The answer is only Result 0, so every number sent is reported
 * removed: one that was not in the task will not be called either (docs/providers/aliyun-vms.md §Numbers).
 */
export async function removeNumbers(ctx: ProviderContext, remoteId: string, phones: string[]): Promise<RemoveNumbersResult> {
  const result: RemoveNumbersResult = { removed: [], notRemoved: [] };
  const byTel = new Map<string, string>();
  for (const phone of phones) {
    const tel = telFromE164(phone);
    if (tel === null) result.notRemoved.push({ phone, reason: t("numbers.invalidPhone") });
    else byTel.set(tel, phone);
  }
  const tels = [...byTel.keys()];
  for (let i = 0; i < tels.length; i += REMOVE_BATCH) {
    const chunk = tels.slice(i, i + REMOVE_BATCH);
    // Deleting a number twice deletes nothing more: safe to retry.
    const { Result } = await callAction(ctx, "CloudDeleteTaskTel", { EnterpriseId: enterpriseId(ctx), TaskId: remoteId, Tels: chunk.join(",") }, ZResultData, { safe: true });
    const phonesOf = chunk.map((tel) => byTel.get(tel) ?? tel);
    if (Result === 0) result.removed.push(...phonesOf);
    else for (const phone of phonesOf) result.notRemoved.push({ phone, reason: t("numbers.removeFailed") });
  }
  return result;
}

/** "yyyy-MM" of an instant in Beijing time, and the month's [start, next start) in epoch seconds. */
const monthKey = (ms: number) => new Date(ms + SHANGHAI).toISOString().slice(0, 7);
function monthBounds(key: string): [number, number] {
  const [y, m] = key.split("-").map(Number);
  return [(Date.UTC(y, m - 1, 1) - SHANGHAI) / 1000, (Date.UTC(y, m, 1) - SHANGHAI) / 1000];
}
function addMonths(key: string, n: number): string {
  const [y, m] = key.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
const nextMonth = (key: string) => addMonths(key, 1);

function callFrom(row: TPredictiveCdr): CallRecordEvent | null {
  const started = Number(row.StartTime ?? 0);
  const callId = row.UniqueId || row.CallId;
  if (!callId || started <= 0) return null;
  const at = (secs: number | null | undefined) => (secs && secs > 0 ? new Date(secs * 1000) : null);
  // StatusCode 41 customer answered, 43 both answered; 40 not answered, 42 called (INFERENCE: not answered), docs/providers/aliyun-vms.md §Call records.
  const answered = row.StatusCode === 41 || row.StatusCode === 43;
  return {
    callId,
    orderId: null,
    phone: row.CustomerNumber ? telToE164(row.CustomerNumber) : null,
    outcome: answered ? "answered" : "no-answer",
    startedAt: new Date(started * 1000),
    answeredAt: answered ? at(row.AnswerTime) : null,
    endedAt: at(row.EndTime),
    durationSec: answered ? Number(row.BridgeDuration ?? row.TotalDuration ?? 0) : 0,
    orderFinished: null,
  };
}

/**
 * A predictive task's calls, oldest first, month by month from the task's creation to the month after ours (the
 * action answers one month at a time, default the current one). Automatic (Type 2) tasks have no per-task records
 * in the Cloud* API: an empty list. Cursor "yyyy-MM:offset".
 */
export async function listCalls(ctx: ProviderContext, remoteId: string, cursor: string | null): Promise<Page<CallRecordEvent>> {
  const now = (ctx.now?.() ?? new Date()).getTime();
  // One month beyond ours: a provider clock a little ahead at a month's turn loses nothing.
  const lastMonth = nextMonth(monthKey(now));
  let month: string;
  let start: number;
  if (cursor === null) {
    const { TaskProperty } = await callAction(ctx, "CloudGetTask", { EnterpriseId: enterpriseId(ctx), TaskId: remoteId }, ZGetTaskData, { safe: true });
    if (Number(TaskProperty.Type) !== 1) return { items: [], nextCursor: null, total: null };
    const created = parseAliyunDateTime(TaskProperty.CreateTime)?.getTime() ?? now;
    const earliest = addMonths(monthKey(now), 1 - CDR_MONTHS);
    month = monthKey(created) < earliest ? earliest : monthKey(created);
    start = 0;
  } else {
    const match = /^(\d{4}-\d{2}):(\d+)$/.exec(cursor);
    if (!match) throw new RangeError(`invalid aliyun-vms calls cursor: ${cursor}`);
    [month, start] = [match[1], Number(match[2])];
  }
  const [from, to] = monthBounds(month);
  const data = await callAction(
    ctx,
    "CloudQueryPredictiveCallCdr",
    { EnterpriseId: enterpriseId(ctx), TaskId: remoteId, StartTime: from, EndTime: to - 1, Start: start, Limit: CDR_PAGE },
    ZPredictiveCdrData,
    { safe: true },
  );
  const rows = data.List ?? [];
  const items = rows.map(callFrom).filter((c): c is CallRecordEvent => c !== null);
  const nextCursor = rows.length === CDR_PAGE ? `${month}:${start + CDR_PAGE}` : month < lastMonth ? `${nextMonth(month)}:0` : null;
  return { items, nextCursor, total: null };
}
