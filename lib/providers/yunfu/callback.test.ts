import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSeedExample, stripJsonComments } from "../../../simulators/core/fixtures";
import { eventsFromTaskCallback } from "./callback";
import { ZYunfuTaskCallback } from "./wire";

// Seed 000's callback example, as a sender would send it (its comments stripped).
const EXAMPLE = readSeedExample(path.join(import.meta.dirname, "../../../simulators/yunfu/fixtures/seed-000-task-callback.jsonc"));
const SEED_CALLBACK = JSON.parse(stripJsonComments(EXAMPLE)) as Record<string, unknown>;

describe("task callback (seed 000)", () => {
  it("the example is not JSON until its comments are stripped", () => {
    expect(() => JSON.parse(EXAMPLE)).toThrow();
  });

  it("parses the seed into a task-created event with its groups", () => {
    const body = ZYunfuTaskCallback.parse(SEED_CALLBACK);
    const [event] = eventsFromTaskCallback(body, "monday", new Date("2026-01-01T00:00:00Z"));
    expect(event.type).toBe("task-created");
    if (event.type !== "task-created") return;
    expect(event.remoteTaskId).toBe("f8a1e546-2d5c-4e68-873e-8052645373e9");
    expect(event.occurredAt.toISOString()).toBe("2020-10-27T08:12:17.000Z");
    expect(event.task).toMatchObject({ name: "0930", status: "paused", taskType: "2.0", concurrency: 1 });
    expect(event.timeGroups).toHaveLength(2);
    expect(event.dedupeKey).toBe("yunfu:1:f8a1e546-2d5c-4e68-873e-8052645373e9:2020-10-27 16:12:17");
  });

  it("parses a delete into task-deleted with a different dedupe key", () => {
    const body = ZYunfuTaskCallback.parse({ ...SEED_CALLBACK, type: 2 });
    const [event] = eventsFromTaskCallback(body, "monday", new Date("2026-01-01T00:00:00Z"));
    expect(event.type).toBe("task-deleted");
    expect(event.dedupeKey.startsWith("yunfu:2:")).toBe(true);
  });

  it("rejects an unknown callback type", () => {
    expect(ZYunfuTaskCallback.safeParse({ ...SEED_CALLBACK, type: 3 }).success).toBe(false);
  });
});
