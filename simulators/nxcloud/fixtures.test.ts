// The examples seed 002 prints (docs/providers/nxcloud.md §5): the client reads the listTask answer example,
// the simulator accepts the request example and answers in the example's shape.
import { afterEach, describe, expect, it } from "vitest";
import { nxcloudAdapter } from "../../lib/providers/nxcloud";
import { NXCLOUD_PATHS } from "../../lib/providers/nxcloud/wire";
import { LIST_TASK_REQUEST_EXAMPLE, LIST_TASK_RESPONSE_EXAMPLE } from "./fixtures/seed-002-list-task";
import { ctxFor, rawPost, startSim, stopSims } from "./testing";

afterEach(stopSims);

/** Every key path of a JSON value with its JSON type; an array contributes its first element's paths. */
function shape(value: unknown, path = "", out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    out.set(path, "array");
    if (value.length > 0 && value[0] !== null) shape(value[0], `${path}[]`, out);
  } else if (value !== null && typeof value === "object") {
    out.set(path, "object");
    for (const [k, v] of Object.entries(value)) shape(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value === null ? "null" : typeof value);
  }
  return out;
}

describe("seed 002 examples", () => {
  it("the client reads the listTask answer example, odd values included", async () => {
    const served: typeof fetch = async () => new Response(LIST_TASK_RESPONSE_EXAMPLE, { status: 200, headers: { "content-type": "application/json" } });
    const page = await nxcloudAdapter.listTasks(ctxFor("http://nxbot.example.invalid", { fetch: served }), null);
    expect(page.total).toBe(0);
    expect(page.items).toHaveLength(1);
    // userTaskID "string" is the task's id; "startupType": "[" does not fail the list.
    expect(page.items[0]).toMatchObject({ remoteId: "string", name: "string", status: "pending", rawStatus: "1", createdAt: null, concurrency: 0 });
    expect(page.items[0].stats).toMatchObject({ totalOrders: 0, totalCalls: 0, answeredCalls: 0 });
  });

  it("the simulator accepts the listTask request example", async () => {
    const { url } = await startSim({ seedDemo: true });
    const res = await rawPost(url, NXCLOUD_PATHS.listTask, JSON.parse(LIST_TASK_REQUEST_EXAMPLE));
    expect(res).toMatchObject({ retCode: 0, taskData: [], totalCount: 0 });
  });

  it("the client's listTask request uses only the example's fields", async () => {
    const { url } = await startSim();
    const sent: unknown[] = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    await nxcloudAdapter.listTasks(ctxFor(url, { fetch: recording }), null);
    await nxcloudAdapter.getTask(ctxFor(url, { fetch: recording }), "x").catch(() => undefined);
    const documented = shape(JSON.parse(LIST_TASK_REQUEST_EXAMPLE));
    for (const body of sent) for (const [path, type] of shape(body)) expect(documented.get(path), path).toBe(type);
  });

  it("the simulator answers listTask in the example's shape", async () => {
    const { url } = await startSim({ seedDemo: true });
    const answer = await rawPost(url, NXCLOUD_PATHS.listTask, { productID: "callbot", page: 1, size: 100, queryConditions: {} });
    const example = shape(JSON.parse(LIST_TASK_RESPONSE_EXAMPLE));
    const ours = shape(answer);
    for (const [path, type] of example) {
      // The example's "startupType": "[" is a typo: its table says integer.
      const expected = path.endsWith("startupType") ? "number" : path.endsWith("smsFuncFlag[]") ? undefined : type;
      if (expected) expect(ours.get(path), path).toBe(expected);
    }
    // Beyond the example, only createTask's documented settings appear.
    const extra = [...ours.keys()].filter((p) => !example.has(p) && !p.includes("smsFuncFlag[]"));
    for (const p of extra) expect(["routeID", "maxRingTime"]).toContain(p.split(".").pop());
  });
});
