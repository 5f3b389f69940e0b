import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/session";
import { freshDatabase } from "@/lib/server/testing/db";
import { seedAccount, seedRollup, seedSnapshot, seedTask } from "@/lib/server/services/stats/testing";

// Signed in as a viewer: statistics are read-only, so the least role is enough.
const viewer: Actor = { id: "u-viewer", email: "viewer@example.com", name: "Viewer", role: "viewer" };
vi.mock("@/lib/server/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/session")>()),
  requireActor: async () => viewer,
}));

const { GET: statsGET } = await import("./stats/route");
const { GET: exportGET } = await import("./export/route");
const { GET: forecastGET } = await import("./forecast/route");

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

let taskId: string;
beforeEach(async () => {
  await freshDatabase();
  const account = await seedAccount("nxcloud");
  taskId = await seedTask({ accountId: account, name: "回访", totalOrders: 10, finishedOrders: 4, attemptedOrders: 6, totalCalls: 8, answeredCalls: 3 });
  await seedSnapshot(taskId, new Date("2026-03-04T02:00:00Z"), { totalOrders: 10, totalCalls: 8, answeredCalls: 3 });
  await seedRollup(taskId, new Date("2026-03-04T02:00:00Z"), { calls: 8, answered: 3, noAnswer: 5, talkSeconds: 90 });
});

describe("GET /api/tasks/[id]/stats", () => {
  it("answers the task's statistics as JSON, uncached", async () => {
    const res = await statsGET(new Request(`http://localhost/api/tasks/${taskId}/stats`), ctx(taskId));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ taskId, name: "回访", status: "running", counters: { totalCalls: 8, answeredCalls: 3 } });
    expect(body.rates.answerRate).toBeCloseTo(3 / 8, 12);
    expect(body.series).toHaveLength(1);
    expect(body.outcomes).toMatchObject({ calls: 8, answered: 3, noAnswer: 5 });
  });

  it("answers 404 with a message in both languages for an unknown task", async () => {
    const res = await statsGET(new Request("http://localhost/api/tasks/nope/stats"), ctx("nope"));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND", message: { en: expect.any(String), zh: expect.any(String) } });
  });
});

describe("GET /api/tasks/[id]/export", () => {
  it("downloads the snapshots as a CSV attachment named after the task", async () => {
    const res = await exportGET(new Request(`http://localhost/api/tasks/${taskId}/export`), ctx(taskId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("回访-snapshots.csv")}`);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    // NXCloud reports no "numbers dialled": that column and the connect rate are empty, not a guess.
    expect(lines[1]).toBe("2026-03-04T02:00:00.000Z,10,0,,0,8,3,0.375000,0.000000,");
  });

  it("downloads the hourly outcomes with ?series=hourly", async () => {
    const res = await exportGET(new Request(`http://localhost/api/tasks/${taskId}/export?series=hourly`), ctx(taskId));
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^\uFEFF?hour,calls,answered/);
    expect(lines[1]).toBe("2026-03-04T02:00:00.000Z,8,3,5,0,0,0,90,0.375000");
  });

  it("answers 404 for an unknown task", async () => {
    const res = await exportGET(new Request("http://localhost/api/tasks/nope/export"), ctx("nope"));
    expect(res.status).toBe(404);
  });
});

describe("GET /api/tasks/[id]/forecast", () => {
  it("explains why it cannot estimate a task without a call-time group", async () => {
    const res = await forecastGET(new Request(`http://localhost/api/tasks/${taskId}/forecast`), ctx(taskId));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, reason: "no-group", explanation: { remainingOrders: 6 } });
  });

  it("refuses a number of lines that is not a whole number from 1 to 1000, on that field", async () => {
    const res = await forecastGET(new Request(`http://localhost/api/tasks/${taskId}/forecast?concurrency=0`), ctx(taskId));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: "INVALID",
      field: "concurrency",
      message: { en: "Enter a whole number from 1 to 1000.", zh: expect.stringContaining("1 到 1000") },
    });
  });
});
