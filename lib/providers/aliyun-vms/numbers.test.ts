// Number forms and the month-by-month walk of CloudQueryPredictiveCallCdr, on a stubbed transport with our clock pinned.
import { describe, expect, it } from "vitest";
import type { ProviderContext } from "../types";
import { listCalls, telFromE164, telToE164 } from "./numbers";

describe("number forms", () => {
  it("E.164 to the call centre's form and back", () => {
    for (const [e164, tel] of [["+8613800138000", "13800138000"], ["+861058001234", "01058001234"], ["+14155550123", "0014155550123"]]) {
      expect(telFromE164(e164)).toBe(tel);
      expect(telToE164(tel)).toBe(e164);
    }
    expect(telFromE164("13800138000")).toBeNull();
    expect(telToE164("12345")).toBe("12345");
  });
});

/** A transport answering CloudGetTask with the task and CloudQueryPredictiveCallCdr with `rowsFor(month, start)` rows. */
function stub(createTime: string, rowsFor: (month: string, start: number) => number) {
  const asked: string[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const p = new URLSearchParams(String(init?.body));
    let data: unknown;
    if (p.get("Action") === "CloudGetTask") {
      data = { TaskProperty: { Id: "7", Name: "t", Type: "1", Status: "1", CreateTime: createTime } };
    } else {
      const from = Number(p.get("StartTime"));
      const month = new Date(from * 1000 + 8 * 3_600_000).toISOString().slice(0, 7);
      const start = Number(p.get("Start"));
      asked.push(`${month}:${start}`);
      const count = rowsFor(month, start);
      data = { List: Array.from({ length: count }, (_, i) => ({ UniqueId: `${month}-${start + i}`, StartTime: String(from + 60 + i), StatusCode: "40", CustomerNumber: "13800138000" })) };
    }
    return new Response(JSON.stringify({ RequestId: "r", Code: "OK", Message: "OK", Data: data }), { status: 200 });
  };
  return { fetch, asked };
}

const ctxAt = (now: string, fetch: typeof globalThis.fetch): ProviderContext => ({
  baseUrl: "http://127.0.0.1:9",
  credentials: { accessKeyId: "id", accessKeySecret: "secret" },
  settings: { enterpriseId: "1" },
  fetch,
  now: () => new Date(now),
});

async function walk(ctx: ProviderContext) {
  const ids: string[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const page = await listCalls(ctx, "7", cursor);
    ids.push(...page.items.map((c) => c.callId));
    cursor = page.nextCursor;
    cursors.push(cursor);
  } while (cursor !== null);
  return { ids, cursors };
}

describe("listCalls", () => {
  it("walks from the task's month to the month after ours, a full page at a time (Beijing months)", async () => {
    // Created 2026-11-30 23:30 Beijing time = 15:30 UTC: still November there.
    const { fetch, asked } = stub("2026-11-30 23:30:00", (month, start) => (month === "2026-11" ? (start === 0 ? 1000 : 2) : month === "2026-12" ? 1 : 0));
    const { ids, cursors } = await walk(ctxAt("2026-12-15T04:00:00Z", fetch));
    expect(asked).toEqual(["2026-11:0", "2026-11:1000", "2026-12:0", "2027-01:0"]);
    expect(cursors).toEqual(["2026-11:1000", "2026-12:0", "2027-01:0", null]);
    expect(ids).toHaveLength(1003);
    expect(ids.at(-1)).toBe("2026-12-0");
  });

  it("reads at most the last 36 months of a very old task", async () => {
    const { fetch, asked } = stub("2020-01-05 09:00:00", () => 0);
    await walk(ctxAt("2026-12-15T04:00:00Z", fetch));
    // 36 months up to ours, and the one after.
    expect(asked).toHaveLength(37);
    expect(asked[0]).toBe("2024-01:0");
    expect(asked.at(-1)).toBe("2027-01:0");
  });

  it("refuses a cursor it did not make", async () => {
    const { fetch } = stub("2026-11-01 00:00:00", () => 0);
    await expect(listCalls(ctxAt("2026-12-15T04:00:00Z", fetch), "7", "bogus")).rejects.toThrow(RangeError);
  });
});
