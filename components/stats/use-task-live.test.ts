import { describe, expect, it } from "vitest";
import { auditedSince, LIVE_REFRESH_MS, liveRefreshMs, PAUSED_SYNC_CHECK_MS, syncCheckMs, syncedSince } from "./use-task-live";

describe("liveRefreshMs", () => {
  it("fetches a running or about-to-run task's figures on a timer", () => {
    expect(liveRefreshMs("running")).toBe(LIVE_REFRESH_MS);
    expect(liveRefreshMs("pending")).toBe(LIVE_REFRESH_MS);
  });

  it("does not poll a paused task's figures on a timer (issue 15 point 2): they follow the mirror's syncs", () => {
    expect(liveRefreshMs("paused")).toBe(false);
    expect(syncCheckMs("paused")).toBe(PAUSED_SYNC_CHECK_MS);
    expect(syncCheckMs("running")).toBe(false);
  });

  it("stops once the task cannot change by itself", () => {
    for (const status of ["completed", "failed", "deleted"] as const) {
      expect(liveRefreshMs(status)).toBe(false);
      expect(syncCheckMs(status)).toBe(false);
    }
  });
});

describe("syncedSince", () => {
  it("refetches when the mirror wrote the task after the figures shown, not before or at the same time", () => {
    expect(syncedSince("2026-11-20T02:00:00.000Z", "2026-11-20T02:05:00.000Z")).toBe(true);
    expect(syncedSince("2026-11-20T02:05:00.000Z", "2026-11-20T02:05:00.000Z")).toBe(false);
    expect(syncedSince("2026-11-20T02:05:00.000Z", "2026-11-20T02:00:00.000Z")).toBe(false);
    expect(syncedSince(null, "2026-11-20T02:00:00.000Z")).toBe(true);
    expect(syncedSince("2026-11-20T02:00:00.000Z", null)).toBe(false);
    expect(syncedSince("2026-11-20T02:00:00.000Z", undefined)).toBe(false);
  });
});

describe("auditedSince", () => {
  it("asks for the figures again when the task's audit gained an entry after they were read (who paused it)", () => {
    expect(auditedSince("2026-11-20T02:00:00.000Z", "2026-11-20T02:00:00.150Z")).toBe(true);
    expect(auditedSince("2026-11-20T02:00:01.000Z", "2026-11-20T02:00:00.150Z")).toBe(false);
    expect(auditedSince("2026-11-20T02:00:00.000Z", null)).toBe(false);
    expect(auditedSince("2026-11-20T02:00:00.000Z", undefined)).toBe(false);
  });
});
