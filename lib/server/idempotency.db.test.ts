import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "./db";
import { claimIdempotencyKey, pruneIdempotencyKeys, recordIdempotencyKey, releaseIdempotencyKey } from "./idempotency";
import { freshDatabase } from "./testing/db";

// Clocks are inputs: a fixed instant, and "later" a stated step after it.
const T0 = new Date("2026-06-01T08:00:00Z");
const at = (ms: number) => () => new Date(T0.getTime() + ms);
const claim = (key: string, now = at(0), waitMs = 0) => claimIdempotencyKey<{ taskId: string }>({ scope: "test", key, pendingMs: 60_000, waitMs, pollMs: 5, now });

beforeEach(async () => {
  await freshDatabase();
});

describe("idempotency keys", () => {
  it("one submit owns a key; a second one waits for its answer and gets the same result", async () => {
    expect(await claim("k")).toEqual({ status: "claimed" });
    const second = claim("k", at(0), 5_000);
    await recordIdempotencyKey({ scope: "test", key: "k", state: "done", result: { taskId: "t1" }, ttlMs: 3_600_000, now: at(0) });
    expect(await second).toEqual({ status: "done", result: { taskId: "t1" } });
  });

  it("a submit still running is reported busy once the wait is over", async () => {
    await claim("k");
    expect(await claim("k", at(1_000))).toEqual({ status: "busy" });
  });

  it("of two submits racing for a crashed claim, exactly one takes it over", async () => {
    await claim("k");
    const outcomes = await Promise.all([claim("k", at(120_000)), claim("k", at(120_000))]);
    expect(outcomes.filter((o) => o.status === "claimed")).toHaveLength(1);
  });

  it("written but unfinished: interrupted once the attempt is gone, never claimable again", async () => {
    await claim("k");
    await recordIdempotencyKey({ scope: "test", key: "k", state: "applied", result: { taskId: "t1" }, ttlMs: 60_000, now: at(0) });
    expect(await claim("k", at(120_000))).toEqual({ status: "interrupted", result: { taskId: "t1" } });
    expect(await pruneIdempotencyKeys(new Date(T0.getTime() + 3_600_000))).toBe(0);
  });

  it("a released key is free again; finished keys are pruned after their keeping time", async () => {
    await claim("a");
    await releaseIdempotencyKey("test", "a");
    expect(await claim("a")).toEqual({ status: "claimed" });
    await recordIdempotencyKey({ scope: "test", key: "a", state: "done", result: { taskId: "t" }, ttlMs: 60_000, now: at(0) });
    expect(await pruneIdempotencyKeys(new Date(T0.getTime() + 30_000))).toBe(0);
    expect(await pruneIdempotencyKeys(new Date(T0.getTime() + 120_000))).toBe(1);
    expect(await getDb().idempotencyKey.count()).toBe(0);
  });
});
