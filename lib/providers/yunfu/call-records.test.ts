import { beforeEach, describe, expect, it } from "vitest";
import type { ProviderContext, ProviderLog } from "../types";
import { clearCallTallies, listCalls, MAX_RECORD_PAGES_PER_REFRESH, readCallRow, recordStats } from "./call-records";

const TASK = "287e19c4-1966-49d6-8f02-b53ef11c0a55";

/** A call row in the documented shapes: the number in number_data.number (call callback) or phone (CRM fields). */
const row = (i: number, opts: { answered?: boolean; where?: "number_data" | "phone" | "none" } = {}) => {
  const number = `1380000${String(i % 5000).padStart(4, "0")}`;
  const where = opts.where ?? (i % 2 === 0 ? "number_data" : "phone");
  return {
    callid: `call-${i}`,
    ...(where === "phone" ? { phone: number } : {}),
    ...(where === "number_data" ? { number_data: { number, province: "江苏", city: "南京", operator: "移动" } } : {}),
    status: opts.answered ? 1 : 4,
    calldate: "2026-12-07 10:00:00",
    answerdate: opts.answered ? "2026-12-07 10:00:08" : null,
    hangupdate: "2026-12-07 10:01:00",
    bill: opts.answered ? 52 : 0,
    name: "张先生",
    tags: [],
  };
};

/** A scripted Yunfu record list (newest first, 100 per page); `failPages` answer 500. */
function fakeRecords(records: unknown[], opts: { failPages?: number[]; callee?: string } = {}) {
  const pagesAsked: number[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith("/record")) {
      const page = Number(url.searchParams.get("page"));
      const perPage = Number(url.searchParams.get("per_page"));
      pagesAsked.push(page);
      if (opts.failPages?.includes(page)) return new Response("Server Error", { status: 500 });
      const lastPage = Math.max(1, Math.ceil(records.length / perPage));
      const meta = { has_pages: lastPage > 1, total: records.length, last_page: lastPage, current_page: page, per_page: String(perPage) };
      const data = records.slice((page - 1) * perPage, page * perPage);
      return new Response(JSON.stringify({ code: 200, status: "success", message: "查看通话记录列表成功", meta, data }));
    }
    if (url.pathname.includes("/detail/")) {
      const data = { records: [{ id: 1, notify: "enter", callee: opts.callee ?? null, question: "您好" }] };
      return new Response(JSON.stringify({ code: 200, status: "success", message: "ok", data }));
    }
    return new Response("not found", { status: 404 });
  }) as typeof fetch;
  return { pagesAsked, fetchImpl };
}

function ctxWith(fetchImpl: typeof fetch, log?: ProviderLog): ProviderContext {
  return { baseUrl: "https://ai.api.example", credentials: { token: "t" }, settings: { userId: "u1" }, fetch: fetchImpl, backoffMs: 1, maxAttempts: 2, log };
}

beforeEach(() => clearCallTallies());

describe("reading a call row", () => {
  it("finds the number in number_data.number or in phone", () => {
    expect(readCallRow(row(0, { where: "number_data" }))).toMatchObject({ row: { callId: "call-0", phone: "13800000000" } });
    expect(readCallRow(row(1, { where: "phone" }))).toMatchObject({ row: { callId: "call-1", phone: "13800000001" } });
    expect(readCallRow(row(2, { where: "none" }))).toMatchObject({ row: { callId: "call-2", phone: null } });
  });

  it("takes record_id for callid, and tells answered from the status, else from the answer time", () => {
    expect(readCallRow({ record_id: 77, status: 1, calldate: "2026-12-07 10:00:00" })).toMatchObject({ row: { callId: "77", outcome: "answered" } });
    expect(readCallRow({ callid: "a", status: "abc", answerdate: "2026-12-07 10:00:08" })).toMatchObject({ row: { outcome: "answered" } });
    expect(readCallRow({ callid: "b", status: 8 })).toMatchObject({ row: { outcome: "busy" } });
    expect(readCallRow({ callid: "c", bill: "oops" })).toMatchObject({ row: { outcome: "no-answer", durationSec: 0 } });
  });

  it("calls a row unreadable only when it has no call id or is no object", () => {
    expect(readCallRow({ phone: "13800000000", status: 1 })).toEqual({ unreadable: "noCallId" });
    expect(readCallRow("13800000000")).toEqual({ unreadable: "notAnObject" });
    expect(readCallRow(null)).toEqual({ unreadable: "notAnObject" });
  });
});

describe("statistics from the call records", () => {
  it("counts the rows that read and skips the others, logging how many but never a number", async () => {
    const records = [row(0, { answered: true }), "garbage", { phone: "13912345678", status: 1 }, row(1), row(2, { answered: true }), null];
    const logs: unknown[] = [];
    const { fetchImpl } = fakeRecords(records);
    const stats = await recordStats(ctxWith(fetchImpl, (level, msg, fields) => logs.push({ level, msg, fields })), TASK, 10);
    expect(stats).toMatchObject({ totalOrders: 10, attemptedOrders: 3, answeredOrders: 2, totalCalls: 3, answeredCalls: 2 });
    expect(logs).toEqual([{ level: "warn", msg: "yunfu call records: rows skipped", fields: { taskId: TASK, skipped: 3, notAnObject: 2, noCallId: 1 } }]);
    expect(JSON.stringify(logs)).not.toMatch(/1391234|1380000/);
  });

  it("reads at most 20 pages per refresh, keeps them, and the next refresh continues where it stopped", async () => {
    const records = Array.from({ length: 3000 }, (_, i) => row(i, { answered: i % 3 === 0 }));
    const { pagesAsked, fetchImpl } = fakeRecords(records);
    const first = await recordStats(ctxWith(fetchImpl), TASK, 3000);
    expect(pagesAsked).toHaveLength(MAX_RECORD_PAGES_PER_REFRESH);
    expect(first.totalCalls).toBe(2000);
    pagesAsked.length = 0;
    const second = await recordStats(ctxWith(fetchImpl), TASK, 3000);
    // Page 1 (nothing new), then pages 21–30.
    expect(pagesAsked).toEqual([1, ...Array.from({ length: 10 }, (_, i) => 21 + i)]);
    expect(second).toMatchObject({ totalCalls: 3000, answeredCalls: 1000 });
    pagesAsked.length = 0;
    // New calls on top (the list is newest first): read from page 1 until a page brings nothing new.
    records.unshift(...Array.from({ length: 150 }, (_, i) => row(10_000 + i, { answered: true })));
    const third = await recordStats(ctxWith(fetchImpl), TASK, 3150);
    expect(third).toMatchObject({ totalCalls: 3150, answeredCalls: 1150 });
    expect(pagesAsked.length).toBeLessThanOrEqual(4);
  });

  it("keeps what was read when a later page fails, and fails only when nothing was ever read", async () => {
    const records = Array.from({ length: 450 }, (_, i) => row(i, { answered: i < 100 }));
    const logs: string[] = [];
    const failing = fakeRecords(records, { failPages: [3] });
    const stats = await recordStats(ctxWith(failing.fetchImpl, (_level, msg) => logs.push(msg)), TASK, 450);
    expect(stats).toMatchObject({ totalCalls: 200, answeredCalls: 100 });
    expect(logs).toContain("yunfu call records: a page failed, statistics kept from the calls read");
    const healed = fakeRecords(records);
    expect(await recordStats(ctxWith(healed.fetchImpl), TASK, 450)).toMatchObject({ totalCalls: 450 });

    clearCallTallies();
    const down = fakeRecords(records, { failPages: [1] });
    await expect(recordStats(ctxWith(down.fetchImpl), TASK, 450)).rejects.toMatchObject({ code: "HTTP_500" });
  });
});

describe("listCalls", () => {
  it("returns E.164 calls page by page, completes a row without a number from the call detail, skips unreadable rows", async () => {
    const records = [row(0, { answered: true }), row(1, { where: "none" }), { phone: "13800000009" }, ...Array.from({ length: 120 }, (_, i) => row(100 + i))];
    const { fetchImpl } = fakeRecords(records, { callee: "13955556666" });
    const first = await listCalls(ctxWith(fetchImpl), TASK, null);
    expect(first.items).toHaveLength(99);
    expect(first.items[0]).toMatchObject({ callId: "call-0", phone: "+8613800000000", outcome: "answered", durationSec: 52, answeredAt: new Date("2026-12-07T02:00:08Z") });
    expect(first.items[1]).toMatchObject({ callId: "call-1", phone: "+8613955556666", outcome: "no-answer" });
    expect(first.nextCursor).toBe("2");
    expect(first.total).toBe(123);
    const second = await listCalls(ctxWith(fetchImpl), TASK, first.nextCursor);
    expect(second.items).toHaveLength(23);
    expect(second.nextCursor).toBeNull();
  });
});
