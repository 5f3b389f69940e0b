// Demo data is seeded when the server starts (Next calls register() once), never while a page renders.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "./lib/server/db";
import { freshDatabase } from "./lib/server/testing/db";
import { register } from "./instrumentation";

afterEach(() => vi.unstubAllEnvs());

describe("server start (instrumentation register)", () => {
  it("seeds the demo call-time groups and retry strategies in the embedded mode", async () => {
    await freshDatabase();
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("DIALBOARD_EMBEDDED", "1");
    vi.stubEnv("DIALBOARD_SYNC_INTERVAL_SEC", "0");
    await register();
    expect(await getDb().callTimeGroup.count()).toBeGreaterThan(0);
    expect(await getDb().retryStrategy.count()).toBeGreaterThan(0);
  });

  it("seeds nothing outside the embedded mode", async () => {
    await freshDatabase();
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("DIALBOARD_EMBEDDED", "0");
    vi.stubEnv("DIALBOARD_SYNC_INTERVAL_SEC", "0");
    await register();
    expect(await getDb().callTimeGroup.count()).toBe(0);
    expect(await getDb().retryStrategy.count()).toBe(0);
  });
});
