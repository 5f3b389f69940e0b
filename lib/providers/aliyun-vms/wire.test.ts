// The client reads seed 001's printed CloudCreateTask answer, byte for byte (simulators/aliyun-vms/fixtures).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ProviderContext } from "../types";
import { callAction } from "./client";
import { taskFromProperty } from "./mapping";
import { ZTaskProperty } from "./wire";

// Seed 001, section 示例 → 正常返回示例 (simulators/aliyun-vms/fixtures/README.md).
const FIXTURE = readFileSync(path.join(import.meta.dirname, "../../../simulators/aliyun-vms/fixtures/seed-001-cloud-create-task-response.json"), "utf8");

const ctx = (text: string): ProviderContext => ({
  baseUrl: "http://127.0.0.1:9",
  credentials: { accessKeyId: "id", accessKeySecret: "secret" },
  settings: { enterpriseId: "36" },
  fetch: async () => new Response(text, { status: 200, headers: { "content-type": "application/json" } }),
});

describe("seed 001 CloudCreateTask example", () => {
  it("parses through the client into a task, placeholder values and all", async () => {
    const property = await callAction(ctx(FIXTURE), "CloudCreateTask", { EnterpriseId: 36 }, ZTaskProperty, { safe: false });
    const task = taskFromProperty(property);
    expect(task).toMatchObject({ remoteId: "11", name: "example", taskType: "1", status: "completed", rawStatus: "3", createdAt: null, concurrency: null });
    // Strings where the SDK model says string, AutoComplete a number: both read.
    expect(property).toMatchObject({ AutoStart: 1, AutoComplete: 1, Quotiety: 0.33, IvrId: "330", AutoStopTime: "17:00:00 " });
  });
});
