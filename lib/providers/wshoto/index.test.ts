import { beforeEach, describe, expect, it } from "vitest";
import type { ProviderContext } from "../types";
import { clearAccessTokenCache } from "./client";
import { wshotoAdapter } from "./index";

const NOW = new Date("2026-11-23T02:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;

// A WShoto with `total` tasks that records the list request bodies it receives.
function fakeList(total: number) {
  const bodies: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname === "/openapi/access_token") {
      return new Response(JSON.stringify({ code: 0, msg: "ok", data: { access_token: "tok", expires_in: 7200 } }));
    }
    bodies.push(String(init?.body));
    const { current_index, page_size } = JSON.parse(String(init?.body)) as { current_index: number; page_size: number };
    const count = Math.max(0, Math.min(page_size, total - (current_index - 1) * page_size));
    const records = Array.from({ length: count }, (_, i) => `{"template_id":${1254676189925432389n + BigInt((current_index - 1) * page_size + i)},"status":2}`);
    return new Response(`{"code":0,"msg":"请求成功","data":{"total":${total},"records":[${records.join(",")}]}}`);
  }) as typeof fetch;
  return { bodies, fetchImpl };
}

const ctx = (fetchImpl: typeof fetch): ProviderContext => ({
  baseUrl: "https://open.wshoto.example",
  credentials: { appid: "ww-1", appSecret: "s" },
  settings: {},
  fetch: fetchImpl,
  now: () => NOW,
});

beforeEach(() => clearAccessTokenCache());

describe("WShoto listTasks paging", () => {
  it("lists the last 90 days, 100 per page, keeping the first page's window in the cursor", async () => {
    const { bodies, fetchImpl } = fakeList(250);
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await wshotoAdapter.listTasks(ctx(fetchImpl), cursor);
      ids.push(...page.items.map((t) => t.remoteId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(250);
    expect(ids[0]).toBe("1254676189925432389");
    expect(ids[249]).toBe("1254676189925432638");
    expect(bodies.map((b) => JSON.parse(b) as Record<string, number>)).toEqual(
      [1, 2, 3].map((index) => ({ start_time: NOW_SECONDS - 90 * 86400, end_time: NOW_SECONDS, current_index: index, page_size: 100 })),
    );
  });

  it("stops on an empty page", async () => {
    const { fetchImpl } = fakeList(0);
    expect(await wshotoAdapter.listTasks(ctx(fetchImpl), null)).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("refuses a cursor it did not make", async () => {
    const { fetchImpl } = fakeList(1);
    await expect(wshotoAdapter.listTasks(ctx(fetchImpl), "page-2")).rejects.toMatchObject({ code: "BAD_CURSOR" });
  });
});
