// The simulator answers CloudCreateTask in the shape seed 001 prints (same keys, same JSON types), asked by
// Alibaba's own RPC client (@alicloud/pop-core) so neither side is our code.
import { readFileSync } from "node:fs";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { DEMO_CREDENTIALS } from "./demo";
import { createAliyunVmsSimulator, type AliyunVmsSimulator } from "./server";

// Seed 001, section 示例 → 正常返回示例 (fixtures/README.md).
const FIXTURE = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/seed-001-cloud-create-task-response.json"), "utf8")) as Record<string, unknown>;

const shape = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v]));

let sim: AliyunVmsSimulator;
let pop: RPCClient;

beforeAll(async () => {
  sim = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage(), startAt: new Date("2026-11-23T02:00:00Z"), dialing: { factor: 0 } });
  const url = await sim.start();
  sim.engine.stop();
  pop = new RPCClient({ endpoint: url, apiVersion: "2017-05-25", accessKeyId: DEMO_CREDENTIALS.accessKeyId, accessKeySecret: DEMO_CREDENTIALS.accessKeySecret });
});

afterAll(() => sim.stop());

describe("answers in the seed's shape", () => {
  it("CloudCreateTask: the envelope and Data have the example's keys and JSON types", async () => {
    const answer = await pop.request<Record<string, unknown>>("CloudCreateTask", { EnterpriseId: 36, Name: "形状", Type: 1, Cnos: "2001" }, { method: "POST" });
    expect(Object.keys(answer).sort()).toEqual(Object.keys(FIXTURE).sort());
    expect(shape(answer.Data as Record<string, unknown>)).toEqual(shape(FIXTURE.Data as Record<string, unknown>));
    expect(answer.Data).toMatchObject({ Name: "形状", Type: "1", Status: "0", AutoComplete: 1, EnterpriseId: "36" });
  });

  it("CloudUpdateTask: Data is the task in the same shape", async () => {
    const created = await pop.request<{ Data: { Id: string } }>("CloudCreateTask", { EnterpriseId: 36, Name: "改前", Type: 1, Cnos: "2001" }, { method: "POST" });
    const updated = await pop.request<Record<string, unknown>>("CloudUpdateTask", { EnterpriseId: 36, TaskId: created.Data.Id, Name: "改后" }, { method: "POST" });
    expect(shape(updated.Data as Record<string, unknown>)).toEqual(shape(FIXTURE.Data as Record<string, unknown>));
    expect(updated.Data).toMatchObject({ Id: created.Data.Id, Name: "改后" });
  });

  it("CloudGetTask answers strings, CloudQueryTask longs as numbers (SDK models)", async () => {
    const got = await pop.request<{ Data: { TaskProperty: Record<string, unknown> } }>("CloudGetTask", { EnterpriseId: 36, TaskId: 1 });
    expect(Object.values(got.Data.TaskProperty).every((v) => typeof v === "string")).toBe(true);
    expect(got.Data.TaskProperty).toMatchObject({ Id: "1", Status: "0", StatusDescription: "初始" });
    const listed = await pop.request<{ Data: { TaskProperties: Record<string, unknown>[] } }>("CloudQueryTask", { EnterpriseId: 36, Type: 1 });
    expect(listed.Data.TaskProperties[0]).toMatchObject({ Id: 1, Status: 0, Type: 1, EnterpriseId: "36", Name: "形状" });
  });
});
