import { beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import type { ProviderContext } from "../types";
import { clearAccessTokenCache, getAccessToken, queryTaskPage } from "./client";

// A scripted WShoto: the token endpoint hands out tok-1, tok-2, …; the list answers with the
// scripted codes in order (then 0), each with "access_token已过期" unless a [code, msg] pair says otherwise.
// Counts what the client asked for.
function fakeWshoto(listCodes: (number | [number, string])[] = []) {
  const seen = { tokenFetches: 0, listCalls: 0, tokensUsed: [] as string[] };
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    if (url.pathname === "/openapi/access_token") {
      seen.tokenFetches++;
      const body = { code: 0, msg: "ok", data: { access_token: `tok-${seen.tokenFetches}`, expires_in: 7200, create_at: 1 } };
      return new Response(JSON.stringify(body));
    }
    seen.listCalls++;
    seen.tokensUsed.push(url.searchParams.get("access_token") ?? "");
    const next = listCodes.shift() ?? 0;
    const [code, msg] = typeof next === "number" ? [next, "access_token已过期"] : next;
    const body = code === 0 ? { code, msg: "请求成功", data: { total: 0, records: [] } } : { code, msg };
    return new Response(JSON.stringify(body));
  }) as typeof fetch;
  return { seen, fetchImpl };
}

let clockMs = Date.UTC(2026, 10, 23, 2, 0, 0);
const ctxWith = (fetchImpl: typeof fetch, appSecret = "s3cret"): ProviderContext => ({
  baseUrl: "https://open.wshoto.example",
  credentials: { appid: "ww-1", appSecret },
  settings: {},
  fetch: fetchImpl,
  backoffMs: 1,
  now: () => new Date(clockMs),
});

beforeEach(() => {
  clearAccessTokenCache();
  clockMs = Date.UTC(2026, 10, 23, 2, 0, 0);
});

describe("WShoto access_token cache", () => {
  it("fetches the token once for many calls", async () => {
    const { seen, fetchImpl } = fakeWshoto();
    const ctx = ctxWith(fetchImpl);
    for (let i = 0; i < 5; i++) await queryTaskPage(ctx, {});
    expect(seen.tokenFetches).toBe(1);
    expect(seen.tokensUsed).toEqual(["tok-1", "tok-1", "tok-1", "tok-1", "tok-1"]);
  });

  it("shares one fetch between concurrent first calls", async () => {
    const { seen, fetchImpl } = fakeWshoto();
    const ctx = ctxWith(fetchImpl);
    await Promise.all([getAccessToken(ctx), getAccessToken(ctx), getAccessToken(ctx)]);
    expect(seen.tokenFetches).toBe(1);
  });

  it("fetches a new token five minutes before expires_in runs out, not after", async () => {
    const { seen, fetchImpl } = fakeWshoto();
    const ctx = ctxWith(fetchImpl);
    await getAccessToken(ctx);
    clockMs += (7200 - 301) * 1000;
    expect(await getAccessToken(ctx)).toBe("tok-1");
    clockMs += 2000;
    expect(await getAccessToken(ctx)).toBe("tok-2");
    expect(seen.tokenFetches).toBe(2);
  });

  it("does not reuse a token fetched with a different secret", async () => {
    const { seen, fetchImpl } = fakeWshoto();
    await getAccessToken(ctxWith(fetchImpl, "old"));
    await getAccessToken(ctxWith(fetchImpl, "corrected"));
    expect(seen.tokenFetches).toBe(2);
  });

  it.each([10001, 10010, 10011])("re-fetches the token once when the API answers %i (addendum §4, THIRD-PARTY)", async (code) => {
    const { seen, fetchImpl } = fakeWshoto([code]);
    await queryTaskPage(ctxWith(fetchImpl), {});
    expect(seen.tokenFetches).toBe(2);
    expect(seen.tokensUsed).toEqual(["tok-1", "tok-2"]);
  });

  it("gives up after the second token-invalid answer instead of looping", async () => {
    const { seen, fetchImpl } = fakeWshoto([10001, 10001, 10001]);
    const error = await queryTaskPage(ctxWith(fetchImpl), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe("10001");
    expect((error as ProviderError).userMessage.zh).toContain("AppSecret");
    expect(seen.listCalls).toBe(2);
    expect(seen.tokenFetches).toBe(2);
  });

  it("re-fetches once on a token answer whatever its code: WeCom's 42001 and 40014 are in no list", async () => {
    for (const [code, msg] of [
      [42001, "access_token已过期"],
      [40014, "不合法的access_token"],
      [40082, "invalid token"],
    ] as const) {
      clearAccessTokenCache();
      const { seen, fetchImpl } = fakeWshoto([[code, msg]]);
      await expect(queryTaskPage(ctxWith(fetchImpl), {})).resolves.toMatchObject({ total: 0 });
      expect(seen.tokensUsed).toEqual(["tok-1", "tok-2"]);
    }
  });

  it("says the token is the problem when a fresh token is refused too, whatever the code", async () => {
    const { seen, fetchImpl } = fakeWshoto([
      [40014, "不合法的access_token"],
      [40014, "不合法的access_token"],
    ]);
    const error = (await queryTaskPage(ctxWith(fetchImpl), {}).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe("40014");
    expect(error.userMessage.en).toMatch(/rejected the access token, even a freshly fetched one \(code 40014\)/);
    expect(error.userMessage.zh).toContain("访问凭证");
    expect(seen.listCalls).toBe(2);
    // The refused token is not kept: the next call starts with a new one.
    await queryTaskPage(ctxWith(fetchImpl), {});
    expect(seen.tokensUsed).toEqual(["tok-1", "tok-2", "tok-3"]);
  });

  it("does not touch the token for a refusal about something else", async () => {
    const { seen, fetchImpl } = fakeWshoto([[40005, "任务不存在"]]);
    const error = (await queryTaskPage(ctxWith(fetchImpl), {}).catch((e: unknown) => e)) as ProviderError;
    expect(error.code).toBe("40005");
    expect(error.userMessage.en).toBe("The task was not found on WShoto.");
    expect(seen.tokenFetches).toBe(1);
    expect(seen.listCalls).toBe(1);
  });

  it("asks for the credentials before calling anyone", async () => {
    const { seen, fetchImpl } = fakeWshoto();
    const ctx = { ...ctxWith(fetchImpl), credentials: { appid: "ww-1" } };
    await expect(getAccessToken(ctx)).rejects.toMatchObject({ code: "MISSING_CREDENTIALS" });
    expect(seen.tokenFetches).toBe(0);
  });
});
