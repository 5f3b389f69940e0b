// A Yunfu task's numbers (号码; docs/providers/yunfu.md §7): the synchronous import (≤ 100, a result per
// number), the asynchronous one (≤ 200, runs later), the task's number list and batch delete. A 2.0 task
// must be paused for imports and deletes (6007).
import { ProviderError } from "../errors";
import type { Contact, ContactsResult, Page, ProviderContext, RemoteNumber, RemoteNumberState, RemoveNumbersResult } from "../types";
import { outcomeFromCallStatus } from "./call-records";
import { YUNFU_ASYNC_IMPORT_BATCH, YUNFU_CONTACTS_BATCH, YUNFU_REMOVE_BATCH } from "./capabilities";
import { callYunfu, localError, userIdOf } from "./client";
import { YUNFU_CALL_STATUS } from "./mapping";
import { e164FromYunfu, yunfuPhone } from "./phones";
import { yunfuText } from "./text";
import { ZYunfuNumber, ZYunfuNumberImportResult, type TYunfuAsyncNumberImport, type TYunfuNumberBatchDelete, type TYunfuNumberRow } from "./wire";

const NUMBER_PAGE_SIZE = 100;
const numbersPath = (ctx: ProviderContext, taskId: string, tail: string) => `/agent-api/user/${userIdOf(ctx)}/task/${encodeURIComponent(taskId)}/${tail}`;

const tooMany = (count: number, max: number) =>
  localError("BATCH_TOO_LARGE", `${count} numbers in one request`, yunfuText("error.batchTooLarge", { max, count }), "contacts");

function numberRow(contact: Contact, phone: string): TYunfuNumberRow {
  const { email, company, ...rest } = contact.variables;
  return {
    phone,
    ...(contact.name ? { name: contact.name } : {}),
    ...(email ? { email } : {}),
    ...(company ? { company } : {}),
    // INFERENCE (docs/providers/yunfu.md §7): custom CRM components need ids we do not have; other variables
    // travel in `extra`, which the docs describe as free data "可用于标识第三方数据".
    ...(Object.keys(rest).length > 0 ? { extra: JSON.stringify(rest) } : {}),
  };
}

/** Rows Yunfu can take, and the numbers refused before sending (not mainland China). */
function rowsOf(contacts: Contact[], max: number): { rows: TYunfuNumberRow[]; rejected: ContactsResult["rejected"] } {
  if (contacts.length > max) {
    throw tooMany(contacts.length, max);
  }
  const rejected: ContactsResult["rejected"] = [];
  const rows: TYunfuNumberRow[] = [];
  for (const c of contacts) {
    const phone = yunfuPhone(c.phone);
    if (phone) rows.push(numberRow(c, phone));
    else rejected.push({ phone: c.phone, reason: yunfuText("error.mainlandOnly") });
  }
  return { rows, rejected };
}

/** 批量添加号码(同步接口): ≤ 100 rows; skip_error imports the good rows and reports the others. */
export async function addContacts(ctx: ProviderContext, taskId: string, contacts: Contact[]): Promise<ContactsResult> {
  const { rows, rejected } = rowsOf(contacts, YUNFU_CONTACTS_BATCH);
  if (rows.length === 0) return { accepted: 0, rejected };
  const { data } = await callYunfu(ctx, "POST", numbersPath(ctx, taskId, "number"), { body: { skip_error: 1, data: rows }, safe: false, field: "contacts" });
  const result = ZYunfuNumberImportResult.safeParse(data);
  const errors = result.success ? (result.data.errors ?? []) : [];
  for (const err of errors) {
    const original = contacts.find((c) => yunfuPhone(c.phone) === err.phone);
    rejected.push({ phone: original?.phone ?? err.phone, reason: yunfuText("error.numberRefused", { detail: err.message }) });
  }
  const accepted = result.success && result.data.success !== undefined ? result.data.success : rows.length - errors.length;
  return { accepted, rejected };
}

/** 批量添加号码(异步接口): ≤ 200 rows, imported later; duplicates it drops show in the number list only. */
export async function addContactsAsync(ctx: ProviderContext, taskId: string, contacts: Contact[]): Promise<ContactsResult> {
  const { rows, rejected } = rowsOf(contacts, YUNFU_ASYNC_IMPORT_BATCH);
  if (rows.length === 0) return { accepted: 0, rejected };
  const body: TYunfuAsyncNumberImport = { data: rows };
  await callYunfu(ctx, "POST", numbersPath(ctx, taskId, "async_number"), { body, safe: false, field: "contacts" });
  return { accepted: rows.length, rejected };
}

/** A number's call status (0–12) as the ledger's state. */
function stateOf(status: number | null | undefined): RemoteNumberState {
  switch (status) {
    case null:
    case undefined:
    case YUNFU_CALL_STATUS.waiting:
      return "queued";
    case YUNFU_CALL_STATUS.answered:
      return "answered";
    case YUNFU_CALL_STATUS.noAnswer:
    case YUNFU_CALL_STATUS.rejected:
      return "not-answered";
    case YUNFU_CALL_STATUS.busy:
      return "busy";
    default:
      return "failed";
  }
}

/** 号码列表: the task's numbers, a page at a time; a row without a phone is skipped and logged. */
export async function listNumbers(ctx: ProviderContext, taskId: string, cursor: string | null): Promise<Page<RemoteNumber>> {
  const page = cursor === null ? 1 : Number(cursor);
  if (!Number.isInteger(page) || page < 1) throw localError("BAD_CURSOR", `unreadable cursor ${String(cursor).slice(0, 20)}`, yunfuText("error.badResponse"));
  const { data, meta } = await callYunfu(ctx, "GET", numbersPath(ctx, taskId, "number"), { query: { page, per_page: NUMBER_PAGE_SIZE }, safe: true });
  const rows = Array.isArray(data) ? data : [];
  const items: RemoteNumber[] = [];
  let skipped = 0;
  for (const raw of rows) {
    const parsed = ZYunfuNumber.safeParse(raw);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const n = parsed.data;
    items.push({
      phone: e164FromYunfu(n.phone),
      orderId: n.id ?? null,
      state: stateOf(n.status),
      attempts: null,
      lastOutcome: n.status ? outcomeFromCallStatus(n.status) : null,
      lastCallAt: null,
      raw,
    });
  }
  if (skipped > 0) ctx.log?.("warn", "yunfu numbers: rows skipped", { taskId, skipped, page });
  const lastPage = meta?.last_page ?? page;
  return { items, nextCursor: rows.length > 0 && page < lastPage ? String(page + 1) : null, total: meta?.total ?? null };
}

/**
 * 批量删除号码 (≤ YUNFU_REMOVE_BATCH). A running 2.0 task refuses (6007): the numbers are then reported not
 * removed, with what to do, rather than failing the caller's whole batch.
 */
export async function removeNumbers(ctx: ProviderContext, taskId: string, phones: string[]): Promise<RemoveNumbersResult> {
  if (phones.length > YUNFU_REMOVE_BATCH) {
    throw tooMany(phones.length, YUNFU_REMOVE_BATCH);
  }
  const notRemoved: RemoveNumbersResult["notRemoved"] = [];
  const sent: { e164: string; phone: string }[] = [];
  for (const e164 of phones) {
    const phone = yunfuPhone(e164);
    if (phone) sent.push({ e164, phone });
    else notRemoved.push({ phone: e164, reason: yunfuText("error.mainlandOnly") });
  }
  if (sent.length === 0) return { removed: [], notRemoved };
  const body: TYunfuNumberBatchDelete = { customer_info_list: sent.map(({ phone }) => ({ phone })) };
  try {
    await callYunfu(ctx, "DELETE", numbersPath(ctx, taskId, "number-batch-delete"), { body, safe: false, field: "contacts" });
  } catch (e) {
    if (!(e instanceof ProviderError) || e.code !== "6007") throw e;
    return { removed: [], notRemoved: [...notRemoved, ...sent.map(({ e164 }) => ({ phone: e164, reason: e.userMessage }))] };
  }
  return { removed: sent.map(({ e164 }) => e164), notRemoved };
}
