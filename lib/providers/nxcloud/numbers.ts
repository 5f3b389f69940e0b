// A task's numbers on NXCloud (docs/providers/nxcloud.md §3): each number is an order. addBatchCall adds them,
// listOrder + listOrderDetail report their state and calls, listCall lists the calls, stopOrder stops one.
import { randomUUID } from "node:crypto";
import type { CallOutcome } from "../../domain/retry-strategy";
import type { CallRecordEvent, Contact, ContactsResult, Page, ProviderContext, RemoteNumber, RemoteNumberState, RemoveNumbersResult } from "../types";
import { nxPost } from "./client";
import { configError } from "./errors";
import { callOutcomeFromNxcloud, dateFromNxcloudTs, phoneFromNxcloud, phoneToNxcloud } from "./mapping";
import { nxText } from "./text";
import {
  NXCLOUD_ORDER_DETAIL_MAX,
  NXCLOUD_PATHS,
  ZNxBatchResult,
  ZNxListCallResponse,
  ZNxListOrderDetailResponse,
  ZNxListOrderResponse,
  type TNxAddBatchCallRequest,
  type TNxCallInfoDetail,
  type TNxCallListItem,
  type TNxListCallRequest,
  type TNxListOrderDetailRequest,
  type TNxListOrderRequest,
  type TNxOrderDetail,
  type TNxStopOrderRequest,
} from "./wire";

/** Orders and calls per page: the documents' examples ask for 100; the maximum is not published (docs/providers/nxcloud.md §4.5). */
export const NXCLOUD_NUMBERS_PAGE = 100;
/** removeNumbers reads at most this many pages of orders to find the numbers' orders (100,000 numbers). */
export const NXCLOUD_REMOVE_SCAN_PAGES = 1000;

function pageOf(cursor: string | null): number {
  return cursor ? Math.max(1, Math.floor(Number(cursor)) || 1) : 1;
}

function nextCursor(page: number, got: number, total: number): string | null {
  return got > 0 && page * NXCLOUD_NUMBERS_PAGE < total ? String(page + 1) : null;
}

/** The callback URLs addBatchCall requires (docs/providers/nxcloud.md §2.1): this account's webhook URL, or a clear refusal. */
function callbackUrl(ctx: ProviderContext): string {
  if (!ctx.webhookUrl) throw configError("errors.webhookMissing");
  return ctx.webhookUrl;
}

/** One addBatchCall: each number becomes an order with a caller-generated, globally unique orderID. */
export async function nxcloudAddContacts(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult> {
  const url = callbackUrl(ctx);
  const rejected: ContactsResult["rejected"] = [];
  const phoneByOrder = new Map<string, string>();
  const callList: TNxCallListItem[] = [];
  for (const contact of contacts) {
    const userPhone = phoneToNxcloud(contact.phone);
    if (!userPhone) {
      rejected.push({ phone: contact.phone, reason: nxText("contacts.notInternational") });
      continue;
    }
    const orderID = randomUUID().replace(/-/g, "");
    phoneByOrder.set(orderID, contact.phone);
    callList.push({
      orderID,
      userPhone,
      userName: contact.name,
      customerName: "",
      params: Object.entries(contact.variables).map(([name, value]) => ({ name, value })),
    });
  }
  if (callList.length === 0) return { accepted: 0, rejected };
  const request: TNxAddBatchCallRequest = {
    productID: "callbot",
    userTaskID: remoteId,
    callInfoList: { orderCallbackUrl: url, callCallbackUrl: url, callList },
  };
  const { data } = await nxPost(ctx, NXCLOUD_PATHS.addBatchCall, request, ZNxBatchResult, { safe: false, contactsRequest: true });
  for (const err of data.errList) {
    rejected.push({ phone: phoneByOrder.get(err.orderID) ?? err.orderID, reason: nxText("contacts.refused", { reason: err.errMsg }) });
  }
  return { accepted: callList.length - data.errList.length, rejected };
}

/** listOrderDetail for any number of orders, ≤ 500 ids per request as documented. */
export async function nxcloudOrderDetails(ctx: ProviderContext, remoteId: string, orderIDs: string[]): Promise<TNxOrderDetail[]> {
  const details: TNxOrderDetail[] = [];
  for (let i = 0; i < orderIDs.length; i += NXCLOUD_ORDER_DETAIL_MAX) {
    const request: TNxListOrderDetailRequest = { productID: "callbot", userTaskID: remoteId, orderList: orderIDs.slice(i, i + NXCLOUD_ORDER_DETAIL_MAX) };
    const { data } = await nxPost(ctx, NXCLOUD_PATHS.listOrderDetail, request, ZNxListOrderDetailResponse, { safe: true });
    details.push(...data.orderDetailList);
  }
  return details;
}

async function listOrderPage(ctx: ProviderContext, remoteId: string, page: number) {
  const request: TNxListOrderRequest = { productID: "callbot", userTaskID: remoteId, options: {}, page, size: NXCLOUD_NUMBERS_PAGE };
  return (await nxPost(ctx, NXCLOUD_PATHS.listOrder, request, ZNxListOrderResponse, { safe: true })).data;
}

function lastCall(calls: TNxCallInfoDetail[]): TNxCallInfoDetail | null {
  let last: TNxCallInfoDetail | null = null;
  for (const c of calls) if (!last || c.callStartTs >= last.callStartTs) last = c;
  return last;
}

/** What a finished order's last call says about the number; an order finished without a call was stopped. */
function stateOf(finished: boolean, outcome: CallOutcome | null): RemoteNumberState {
  if (!finished) return "queued";
  switch (outcome) {
    case null:
      return "removed";
    case "answered":
      return "answered";
    case "busy":
      return "busy";
    case "no-answer":
    case "rejected":
      return "not-answered";
    default:
      return "failed";
  }
}

/** A page of the task's numbers: listOrder for the orders, listOrderDetail for their calls. */
export async function nxcloudListNumbers(ctx: ProviderContext, remoteId: string, cursor: string | null): Promise<Page<RemoteNumber>> {
  const page = pageOf(cursor);
  const { orderData, totalCount } = await listOrderPage(ctx, remoteId, page);
  const details = new Map((await nxcloudOrderDetails(ctx, remoteId, orderData.map((o) => o.orderID))).map((d) => [d.orderID, d]));
  const items = orderData.map((order): RemoteNumber => {
    const detail = details.get(order.orderID);
    const calls = detail?.callInfoDetailList ?? [];
    const last = lastCall(calls);
    const lastOutcome = last ? callOutcomeFromNxcloud(last) : null;
    const finished = detail?.finish ?? order.finish;
    return {
      phone: phoneFromNxcloud(order.userPhone) ?? order.userPhone,
      orderId: order.orderID,
      state: stateOf(finished, lastOutcome),
      attempts: detail ? calls.length : null,
      lastOutcome,
      lastCallAt: last ? (dateFromNxcloudTs(last.callEndTs) ?? dateFromNxcloudTs(last.callStartTs)) : null,
      raw: { order, detail: detail ?? null },
    };
  });
  return { items, nextCursor: nextCursor(page, orderData.length, totalCount), total: totalCount };
}

function callRecord(call: TNxCallInfoDetail & { orderID: string; userPhone?: string }, orderFinished: boolean | null): CallRecordEvent {
  const startedAt = dateFromNxcloudTs(call.callStartTs);
  const endedAt = dateFromNxcloudTs(call.callEndTs);
  return {
    callId: call.callID,
    orderId: call.orderID || null,
    phone: phoneFromNxcloud(call.userPhone),
    outcome: callOutcomeFromNxcloud(call),
    // A call always has a start; a record without one is dated by its end.
    startedAt: startedAt ?? endedAt ?? new Date(0),
    answeredAt: dateFromNxcloudTs(call.callAnswerTs),
    endedAt,
    durationSec: call.callDuration,
    orderFinished,
  };
}

/** A page of the task's call records (listCall). */
export async function nxcloudListCalls(ctx: ProviderContext, remoteId: string, cursor: string | null): Promise<Page<CallRecordEvent>> {
  const page = pageOf(cursor);
  const request: TNxListCallRequest = { productID: "callbot", userTaskID: remoteId, options: {}, page, size: NXCLOUD_NUMBERS_PAGE };
  const { data } = await nxPost(ctx, NXCLOUD_PATHS.listCall, request, ZNxListCallResponse, { safe: true });
  return { items: data.callData.map((c) => callRecord(c, null)), nextCursor: nextCursor(page, data.callData.length, data.totalCount), total: data.totalCount };
}

/**
 * Stops calling these numbers (stopOrder, "irreversible"): their orders are found by listing the task's orders,
 * the unfinished ones are stopped, and every number that could not be stopped says why.
 */
export async function nxcloudRemoveNumbers(ctx: ProviderContext, remoteId: string, phones: string[]): Promise<RemoveNumbersResult> {
  const notRemoved: RemoveNumbersResult["notRemoved"] = [];
  const wanted = new Map<string, string>();
  for (const phone of new Set(phones)) {
    const userPhone = phoneToNxcloud(phone);
    if (userPhone) wanted.set(userPhone, phone);
    else notRemoved.push({ phone, reason: nxText("contacts.notInternational") });
  }
  if (wanted.size === 0) return { removed: [], notRemoved };

  const open = new Map<string, string[]>();
  const finished = new Set<string>();
  let scannedAll = false;
  for (let page = 1; page <= NXCLOUD_REMOVE_SCAN_PAGES && !scannedAll; page++) {
    const { orderData, totalCount } = await listOrderPage(ctx, remoteId, page);
    for (const order of orderData) {
      if (!wanted.has(order.userPhone)) continue;
      if (order.finish) finished.add(order.userPhone);
      else open.set(order.userPhone, [...(open.get(order.userPhone) ?? []), order.orderID]);
    }
    scannedAll = orderData.length === 0 || page * NXCLOUD_NUMBERS_PAGE >= totalCount;
  }

  const failedOrders = new Map<string, string>();
  const orderIDs = [...open.values()].flat();
  for (let i = 0; i < orderIDs.length; i += NXCLOUD_ORDER_DETAIL_MAX) {
    const request: TNxStopOrderRequest = { productID: "callbot", userTaskID: remoteId, orderIDs: orderIDs.slice(i, i + NXCLOUD_ORDER_DETAIL_MAX), delCall: 0 };
    const { data } = await nxPost(ctx, NXCLOUD_PATHS.stopOrder, request, ZNxBatchResult, { safe: false });
    for (const err of data.errList) failedOrders.set(err.orderID, err.errMsg);
  }

  const removed: string[] = [];
  for (const [userPhone, phone] of wanted) {
    const orders = open.get(userPhone);
    if (!orders) {
      const reason = finished.has(userPhone) ? "contacts.alreadyFinished" : scannedAll ? "contacts.notInTask" : "contacts.scanLimit";
      notRemoved.push({ phone, reason: nxText(reason) });
      continue;
    }
    const failure = orders.map((id) => failedOrders.get(id)).find((m) => m !== undefined);
    if (failure === undefined) removed.push(phone);
    else notRemoved.push({ phone, reason: nxText("contacts.notStopped", { reason: failure }) });
  }
  return { removed, notRemoved };
}
