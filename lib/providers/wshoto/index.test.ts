import { beforeEach, describe, expect, it } from "vitest";
import type { Page, ProviderContext, RemoteTask } from "../types";
import { clearAccessTokenCache } from "./client";
import { wshotoAdapter } from "./index";
import { EMPTY_WINDOWS_TO_STOP, MAX_WINDOWS } from "./listing";

const NOW = new Date("2026-11-23T02:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;
const DAY = 86_400;
const FIRST_ID = 1254676189925432389n;

interface ListBody {
  start_time?: number;
  end_time?: number;
  current_index: number;
  page_size: number;
}

/**
 * A scripted WShoto whose tasks were created `ages` days before NOW. The list filters by create_time when a
 * window is given and claims `total` (default: every task) without one, as the simulator does.
 */
function fakeWshoto(ages: number[], opts: { unwindowedTotal?: number; massDetailCode?: number } = {}) {
  const tasks = ages.map((age, i) => ({ id: String(FIRST_ID + BigInt(i)), createTime: NOW_SECONDS - age * DAY }));
  const bodies: ListBody[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname === "/openapi/access_token") {
      return new Response(JSON.stringify({ code: 0, msg: "ok", data: { access_token: "tok", expires_in: 7200 } }));
    }
    if (url.pathname.endsWith("/query_task_detail_info")) {
      return new Response(`{"code":0,"msg":"请求成功","data":{"template_id":${FIRST_ID},"template_type":3,"template_name":"会员日群发","status":3}}`);
    }
    if (url.pathname.endsWith("/page_query_user_execute_info_list")) {
      return new Response(`{"code":0,"msg":"请求成功","data":{"total":1,"records":[{"status":3,"user_id":"lina","plan_target_qty":4,"followed_target_qty":4}]}}`);
    }
    if (url.pathname.endsWith("/get_mass_task_detail")) {
      const code = opts.massDetailCode ?? 0;
      return new Response(code === 0 ? `{"code":0,"msg":"请求成功","data":{"task_id":${FIRST_ID}}}` : `{"code":${code},"msg":"群发任务不存在"}`);
    }
    const body = JSON.parse(String(init?.body)) as ListBody;
    bodies.push(body);
    const windowed = body.start_time !== undefined && body.end_time !== undefined;
    if (windowed && body.end_time! - body.start_time! > 90 * DAY) return new Response(`{"code":40004,"msg":"间隔不能超过90天"}`);
    const matching = windowed ? tasks.filter((t) => t.createTime >= body.start_time! && t.createTime <= body.end_time!) : tasks;
    const total = windowed ? matching.length : (opts.unwindowedTotal ?? tasks.length);
    const page = matching.slice((body.current_index - 1) * body.page_size, body.current_index * body.page_size);
    const records = page.map((t) => `{"template_id":${t.id},"status":2,"create_time":${t.createTime}}`);
    return new Response(`{"code":0,"msg":"请求成功","data":{"total":${total},"records":[${records.join(",")}]}}`);
  }) as typeof fetch;
  return { bodies, fetchImpl };
}

const ctx = (fetchImpl: typeof fetch, log?: ProviderContext["log"]): ProviderContext => ({
  baseUrl: "https://open.wshoto.example",
  credentials: { appid: "ww-1", appSecret: "s" },
  settings: {},
  fetch: fetchImpl,
  now: () => NOW,
  log,
});

async function listAll(c: ProviderContext): Promise<{ ids: string[]; pages: Page<RemoteTask>[] }> {
  const pages: Page<RemoteTask>[] = [];
  let cursor: string | null = null;
  do {
    const page = await wshotoAdapter.listTasks(c, cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 200);
  return { ids: pages.flatMap((p) => p.items.map((t) => t.remoteId)), pages };
}

beforeEach(() => clearAccessTokenCache());

describe("WShoto listTasks: every task, in windows of at most 90 days", () => {
  it("lists tasks older than 90 days, walking windows back until the account's total is counted", async () => {
    // 250 tasks this week, one 100 days old, one 400 days old (a year with nothing in between).
    const ages = [...Array.from({ length: 250 }, (_, i) => i % 7), 100, 400];
    const { bodies, fetchImpl } = fakeWshoto(ages);
    const { ids, pages } = await listAll(ctx(fetchImpl));
    expect(ids).toHaveLength(252);
    expect(new Set(ids).size).toBe(252);
    expect(ids).toContain(String(FIRST_ID + 250n));
    expect(ids).toContain(String(FIRST_ID + 251n));
    expect(pages.every((p) => p.total === 252)).toBe(true);
    // First the document's "neither" form for the total, then windows: each < 90 days, adjacent, no overlap.
    expect(bodies[0]).toEqual({ current_index: 1, page_size: 1 });
    const windows = bodies.slice(1);
    expect(windows.every((b) => b.page_size === 100 && b.end_time! - b.start_time! < 90 * DAY)).toBe(true);
    expect(windows[0].end_time).toBe(NOW_SECONDS);
    const starts = [...new Set(windows.map((b) => b.start_time!))];
    for (let i = 1; i < starts.length; i++) expect(windows.find((b) => b.start_time === starts[i])!.end_time).toBe(starts[i - 1] - 1);
    // Window 0 takes three pages (250 tasks); the walk stops in the window that holds the 400-day-old task.
    expect(windows.filter((b) => b.end_time === NOW_SECONDS).map((b) => b.current_index)).toEqual([1, 2, 3]);
    expect(starts).toHaveLength(5);
  });

  it("stops after a year of empty windows when the unfiltered total cannot tell older tasks apart", async () => {
    const { bodies, fetchImpl } = fakeWshoto([1, 2, 3]);
    const { ids } = await listAll(ctx(fetchImpl));
    expect(ids).toHaveLength(3);
    expect(bodies).toHaveLength(1 + 1 + EMPTY_WINDOWS_TO_STOP);
  });

  it("an empty account ends the same way, with no task and no error", async () => {
    const { bodies, fetchImpl } = fakeWshoto([]);
    const { ids, pages } = await listAll(ctx(fetchImpl));
    expect(ids).toEqual([]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(bodies).toHaveLength(1 + EMPTY_WINDOWS_TO_STOP);
  });

  it("never walks more than the bounded number of windows, even when the total is never reached", async () => {
    const { bodies, fetchImpl } = fakeWshoto([5, 200], { unwindowedTotal: 1000 });
    const { ids } = await listAll(ctx(fetchImpl));
    expect(ids).toHaveLength(2);
    expect(bodies).toHaveLength(1 + MAX_WINDOWS);
  });

  it("refuses a cursor it did not make", async () => {
    const { fetchImpl } = fakeWshoto([1]);
    await expect(wshotoAdapter.listTasks(ctx(fetchImpl), "page-2")).rejects.toMatchObject({ code: "BAD_CURSOR" });
  });
});

describe("WShoto getTask: the 群发 detail is best effort", () => {
  it("a refused get_mass_task_detail leaves the task readable and is logged", async () => {
    const { fetchImpl } = fakeWshoto([1], { massDetailCode: 40005 });
    const logged: unknown[] = [];
    const task = await wshotoAdapter.getTask(ctx(fetchImpl, (level, msg, fields) => logged.push({ level, msg, fields })), String(FIRST_ID));
    expect(task).toMatchObject({ remoteId: String(FIRST_ID), name: "会员日群发", status: "completed", stats: { totalOrders: 4, finishedOrders: 4 } });
    expect(task.raw).not.toHaveProperty("mass_send_detail");
    expect(logged).toEqual([{ level: "warn", msg: "wshoto mass-send detail unavailable", fields: { templateId: String(FIRST_ID), code: "40005" } }]);
  });

  it("adds the detail when WShoto gives it", async () => {
    const { fetchImpl } = fakeWshoto([1]);
    const task = await wshotoAdapter.getTask(ctx(fetchImpl), String(FIRST_ID));
    expect(task.raw).toMatchObject({ mass_send_detail: { task_id: String(FIRST_ID) } });
  });
});
