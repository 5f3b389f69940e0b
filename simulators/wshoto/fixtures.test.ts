// Seed 003's query_task_detail_info example as a fixture: the real client reads it, and the simulator's
// answer has its shape (docs/providers/wshoto.md §10).
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HolidayCalendar } from "../../lib/domain/holiday-calendar";
import type { ProviderContext } from "../../lib/providers/types";
import { clearAccessTokenCache } from "../../lib/providers/wshoto/client";
import { wshotoAdapter } from "../../lib/providers/wshoto/index";
import { readSeedExample } from "../core/fixtures";
import type { Simulator } from "../core/types";
import { DEMO_CREDENTIALS } from "./demo";
import { DOC_TEMPLATE_ID } from "./seed";
import { createWshotoSimulator } from "./server";

const EXAMPLE = readSeedExample(path.join(import.meta.dirname, "fixtures", "seed-003-task-detail.jsonc"));
const calendar: HolidayCalendar = { region: "CN", coveredYears: [], days: {} };
const START = new Date("2026-11-23T02:00:00Z");

/** "a.b[].c:number" for every leaf of a JSON value (array items merged), so two answers compare by shape. */
function shape(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => shape(item, `${prefix}[]`)))];
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix}:${value === null ? "null" : typeof value}`];
}

beforeEach(() => clearAccessTokenCache());

describe("seed 003 query_task_detail_info example", () => {
  it("is read by the client as the task it describes", async () => {
    const answers: Record<string, string> = {
      "/openapi/access_token": JSON.stringify({ code: 0, msg: "ok", data: { access_token: "tok", expires_in: 7200 } }),
      "/openapi/task/follow_up/query_task_detail_info": EXAMPLE,
      "/openapi/task/follow_up/page_query_user_execute_info_list": `{"code":0,"msg":"请求成功","data":{"total":0,"records":[]}}`,
    };
    const ctx: ProviderContext = {
      baseUrl: "https://open.wshoto.example",
      credentials: { appid: "ww-1", appSecret: "s" },
      settings: {},
      fetch: (async (input: RequestInfo | URL) => new Response(answers[new URL(String(input)).pathname] ?? "not found", { status: 200 })) as typeof fetch,
    };
    const task = await wshotoAdapter.getTask(ctx, "21");
    expect(task).toMatchObject({
      remoteId: "21",
      name: "test_1027fd64538b",
      kind: "follow-up",
      taskType: "1",
      status: "pending",
      rawStatus: "1",
      createdAt: new Date(79_000),
    });
    expect(task.raw).toMatchObject({ explain: { content: "test_bd1d8c54e6fe" }, verbal_wrap: { verbal_type: 1 }, filter_range_info: "test_a08e263134a8" });
  });

  describe("and the simulator's answer", () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = createWshotoSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, seedDemo: true, startAt: START, dialing: { factor: 0 } });
      await sim.start();
    });
    afterAll(() => sim.stop());

    it("has the example's shape: the same fields with the same JSON types", async () => {
      const q = new URLSearchParams({ appid: DEMO_CREDENTIALS.appid, app_secret: DEMO_CREDENTIALS.appSecret });
      const token = ((await (await fetch(`${sim.url}/openapi/access_token?${q}`)).json()) as { data: { access_token: string } }).data.access_token;
      const res = await fetch(`${sim.url}/openapi/task/follow_up/query_task_detail_info?access_token=${token}`, {
        method: "POST",
        body: `{"template_id":${DOC_TEMPLATE_ID}}`,
      });
      const answer = shape(JSON.parse(await res.text()));
      const example = shape(JSON.parse(EXAMPLE));
      const names = (leaves: string[]) => leaves.map((leaf) => leaf.split(":")[0]).sort();
      // verbal_title is in the page's field table, not in its example; act_child_type has a value only for
      // activities (type 12) and is null otherwise, so it is compared by name.
      const documentedExtras = ["data.verbal_wrap.verbal_title:string"];
      const typed = (leaves: string[]) => leaves.filter((leaf) => !leaf.includes("act_child_type") && !documentedExtras.includes(leaf)).sort();
      expect(typed(answer)).toEqual(typed(example));
      expect(names(answer.filter((leaf) => !documentedExtras.includes(leaf)))).toEqual(names(example));
    });
  });
});
