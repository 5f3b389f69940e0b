import { describe, expect, it } from "vitest";
import { LIVE_REFRESH_MS, liveRefreshMs, PAUSED_REFRESH_MS } from "./use-task-live";

describe("liveRefreshMs", () => {
  it("keeps refreshing a paused task's figures (issue 15 point 2), and a running one faster", () => {
    expect(liveRefreshMs("running")).toBe(LIVE_REFRESH_MS);
    expect(liveRefreshMs("pending")).toBe(LIVE_REFRESH_MS);
    expect(liveRefreshMs("paused")).toBe(PAUSED_REFRESH_MS);
  });

  it("stops once the task cannot change by itself", () => {
    expect(liveRefreshMs("completed")).toBe(false);
    expect(liveRefreshMs("failed")).toBe(false);
    expect(liveRefreshMs("deleted")).toBe(false);
  });
});
