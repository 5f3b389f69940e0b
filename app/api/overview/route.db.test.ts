import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/session";
import { freshDatabase } from "@/lib/server/testing/db";
import { seedAccount, seedRollup, seedTask } from "@/lib/server/services/stats/testing";

const viewer: Actor = { id: "u-viewer", email: "viewer@example.com", name: "Viewer", role: "viewer" };
vi.mock("@/lib/server/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/session")>()),
  requireActor: async () => viewer,
}));

const { GET } = await import("./route");

beforeEach(async () => {
  await freshDatabase();
});

describe("GET /api/overview", () => {
  it("answers the overview as JSON with today's calls from the roll-ups", async () => {
    const account = await seedAccount("aliyun-vms", "Ali");
    const task = await seedTask({ accountId: account, totalCalls: 9, answeredCalls: 3, lastSyncAt: new Date() });
    await seedRollup(task, new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), { calls: 9, answered: 3 });
    const res = await GET(new Request("http://localhost/api/overview"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ isEmpty: false, range: "24h", kpis: { runningTasks: 1, callsToday: 9, answeredToday: 3 } });
    expect(body.kpis.answerRateToday).toBeCloseTo(1 / 3, 12);
    expect(body.hourly).toHaveLength(24);
    expect(body.providers).toEqual([expect.objectContaining({ accountName: "Ali", kind: "aliyun-vms", kindLabel: expect.objectContaining({ en: expect.any(String) }) })]);
  });

  it("switches the chart to 7 days of hours with ?range=7d and ignores an unknown range", async () => {
    const week = await (await GET(new Request("http://localhost/api/overview?range=7d"))).json();
    expect(week.hourly).toHaveLength(168);
    const fallback = await (await GET(new Request("http://localhost/api/overview?range=year"))).json();
    expect(fallback).toMatchObject({ range: "24h", isEmpty: true });
  });
});
