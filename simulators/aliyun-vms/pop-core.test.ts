// Alibaba's own RPC client (@alicloud/pop-core, its signing and its parameter handling, none of our code) drives the
// simulator through a task's life: create (predictive and automatic), query, get, update, import numbers, start,
// pause, delete, and a request signed with the wrong secret.
import RPCClient from "@alicloud/pop-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { DEMO_CREDENTIALS } from "./demo";
import { createAliyunVmsSimulator, type AliyunVmsSimulator } from "./server";

const ENTERPRISE = 7300001;
let sim: AliyunVmsSimulator;
let url: string;
let pop: RPCClient;

interface Answer<T> {
  RequestId: string;
  Code: string;
  Message: string;
  Data: T;
}
type Task = Record<string, string | number>;

const post = <T>(action: string, params: Record<string, unknown>) => pop.request<Answer<T>>(action, { EnterpriseId: ENTERPRISE, ...params }, { method: "POST" });
const get = <T>(action: string, params: Record<string, unknown>) => pop.request<Answer<T>>(action, { EnterpriseId: ENTERPRISE, ...params });

async function refusal(p: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  const err = await p.then(() => null, (e: unknown) => e as { code: string; data: Record<string, unknown> });
  expect(err).not.toBeNull();
  return err!;
}

beforeAll(async () => {
  sim = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage(), startAt: new Date("2026-11-23T02:00:00Z"), dialing: { factor: 0 } });
  url = await sim.start();
  sim.engine.stop();
  pop = new RPCClient({ endpoint: url, apiVersion: "2017-05-25", accessKeyId: DEMO_CREDENTIALS.accessKeyId, accessKeySecret: DEMO_CREDENTIALS.accessKeySecret });
});
afterAll(() => sim.stop());

describe("@alicloud/pop-core against the simulator", () => {
  it("goes through a task's life with Alibaba's own client", async () => {
    // Create: a predictive task (agents by number) and an automatic one (an IVR), GET and POST alike.
    const predictive = await post<Task>("CloudCreateTask", { Name: "官方客户端", Description: "pop-core", Type: 1, CallGroupType: 1, Cnos: "2001,2002", Concurrency: 2, Quotiety: 1.5 });
    expect(predictive).toMatchObject({ Code: "OK", Data: { Name: "官方客户端", Type: "1", Status: "0", Cnos: "2001,2002", Quotiety: "1.5" } });
    const automatic = await get<Task>("CloudCreateTask", { Name: "自动外呼", Type: 2, IvrId: 330, Cnos: "3001" });
    expect(automatic.Data).toMatchObject({ Type: "2", IvrId: "330" });
    const id = predictive.Data.Id;

    // Query, by type; get one.
    const listed = await get<{ TaskProperties: Task[] }>("CloudQueryTask", { Type: 1, Start: 0, Limit: 10 });
    expect(listed.Data.TaskProperties.map((t) => t.Name)).toEqual(["官方客户端"]);
    expect((await get<{ TaskProperties: Task[] }>("CloudQueryTask", { Type: 2 })).Data.TaskProperties.map((t) => t.Name)).toEqual(["自动外呼"]);
    const got = await get<{ TaskProperty: Task }>("CloudGetTask", { TaskId: id });
    expect(got.Data.TaskProperty).toMatchObject({ Id: String(id), Status: "0", Description: "pop-core" });

    // Update: the answer is the task.
    const updated = await post<Task>("CloudUpdateTask", { TaskId: id, Name: "官方客户端（改）", CustomerTimeout: 45 });
    expect(updated.Data).toMatchObject({ Id: String(id), Name: "官方客户端（改）", CustomerTimeout: "45" });

    // Import numbers: TaskTelList is a JSON string, as the SDKs send it.
    const imported = await post<Record<string, string>>("CloudImportTaskTel", {
      TaskId: id,
      Name: "第一批",
      TaskTelList: JSON.stringify([{ Tel: "13800138000" }, { Tel: "13800138001", Priority: 5 }, { Tel: "x" }]),
    });
    expect(imported.Data).toMatchObject({ ImportTotal: "3", SuccessTotal: "2", InvalidTotal: "1" });
    const files = await get<{ TaskFileList: Record<string, string>[]; TotalCount: string }>("CloudListTaskFile", { TaskId: id });
    expect(files.Data).toMatchObject({ TotalCount: "1", TaskFileList: [{ Name: "第一批", ImportCount: "2" }] });

    // Start, pause; a paused task cannot be deleted, an initial one can.
    expect((await post<{ Result: number }>("CloudStartTask", { TaskId: id })).Data).toEqual({ Result: 0 });
    expect((await get<{ TaskProperty: Task }>("CloudGetTask", { TaskId: id })).Data.TaskProperty.Status).toBe("1");
    expect((await post<{ Result: number }>("CloudPauseTask", { TaskId: id, PauseDuration: 30 })).Data).toEqual({ Result: 0 });
    expect((await get<{ TaskProperty: Task }>("CloudGetTask", { TaskId: id })).Data.TaskProperty).toMatchObject({ Status: "2", PauseDuration: "30" });
    expect((await refusal(post("CloudDeleteTask", { TaskId: id }))).code).toBe("Task.StatusNotAllowed");
    expect((await post<{ Result: number }>("CloudDeleteTask", { TaskId: automatic.Data.Id })).Data).toEqual({ Result: 0 });
    expect((await get<{ TaskProperties: Task[] }>("CloudQueryTask", { Type: 2 })).Data.TaskProperties).toEqual([]);
  });

  it("is refused when it signs with the wrong secret, and when it leaves out a required parameter", async () => {
    const wrong = new RPCClient({ endpoint: url, apiVersion: "2017-05-25", accessKeyId: DEMO_CREDENTIALS.accessKeyId, accessKeySecret: "not-the-secret" });
    const bad = await refusal(wrong.request("CloudQueryTask", { EnterpriseId: ENTERPRISE, Type: 1 }));
    expect(bad.code).toBe("SignatureDoesNotMatch");
    expect(bad.data.Message).toContain("server string to sign is:");
    expect((await refusal(post("CloudImportTaskTel", { TaskId: 1, TaskTelList: '[{"Tel":"13800138000"}]' }))).code).toBe("MissingParameter");
  });
});
