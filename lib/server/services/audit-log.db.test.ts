import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";

describe("audit log date filter", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("filters by days in China time, the zone the page shows times in", async () => {
    const db = getDb();
    // 23:30 on 1 March in Beijing is still 1 March there, though it is 15:30 UTC.
    await db.auditEntry.create({ data: { at: new Date("2026-03-01T23:30:00+08:00"), actorEmail: "a@example.com", action: "x", targetType: "t", summary: "{}" } });
    // 00:30 on 2 March in Beijing is 16:30 UTC on 1 March.
    await db.auditEntry.create({ data: { at: new Date("2026-03-02T00:30:00+08:00"), actorEmail: "a@example.com", action: "y", targetType: "t", summary: "{}" } });
    expect((await listAudit({ page: 1, from: "2026-03-01", to: "2026-03-01" })).rows.map((r) => r.action)).toEqual(["x"]);
    expect((await listAudit({ page: 1, from: "2026-03-02", to: "2026-03-02" })).rows.map((r) => r.action)).toEqual(["y"]);
    expect((await listAudit({ page: 1, from: "2026-03-01", to: "2026-03-02" })).total).toBe(2);
  });
});
