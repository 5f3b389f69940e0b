// The real WShoto client and adapter against the simulator over HTTP on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HolidayCalendar } from "../../lib/domain/holiday-calendar";
import { ProviderError } from "../../lib/providers/errors";
import type { Page, ProviderContext, RemoteTask } from "../../lib/providers/types";
import { clearAccessTokenCache, queryTaskPage } from "../../lib/providers/wshoto/client";
import { listEmployeeExecution, wshotoAdapter } from "../../lib/providers/wshoto/index";
import { DEMO_CREDENTIALS } from "./demo";
import { DOC_LIST_TEMPLATE_ID, DOC_TEMPLATE_ID, type SimTask } from "./seed";
import { createWshotoSimulator } from "./server";
import type { Simulator, SimulatorOptions } from "../core/types";

const calendar: HolidayCalendar = { region: "CN", coveredYears: [], days: {} };
const START = new Date("2026-11-23T02:00:00Z");

interface AdminState {
  tokenRequests: number;
  receivedBodies: { path: string; body: string }[];
  tasks: (Omit<SimTask, "executions"> & { executions: { plan: number; followed: number }[] })[];
}

let sim: Simulator;
let url: string;

async function startSim(extra: Partial<SimulatorOptions> = {}): Promise<void> {
  sim = createWshotoSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, seedDemo: true, startAt: START, dialing: { factor: 0 }, ...extra });
  url = await sim.start();
}

const ctx = (over: Partial<ProviderContext> = {}): ProviderContext => ({
  baseUrl: url,
  credentials: DEMO_CREDENTIALS,
  settings: {},
  backoffMs: 5,
  now: () => START,
  ...over,
});

async function adminState(): Promise<AdminState> {
  return (await (await fetch(`${url}/__sim/state`)).json()) as AdminState;
}

async function adminConfig(body: unknown): Promise<void> {
  const res = await fetch(`${url}/__sim/config`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

async function rawToken(): Promise<string> {
  const q = new URLSearchParams({ appid: DEMO_CREDENTIALS.appid, app_secret: DEMO_CREDENTIALS.appSecret });
  const body = (await (await fetch(`${url}/openapi/access_token?${q}`)).json()) as { data: { access_token: string } };
  return body.data.access_token;
}

async function rawPost(pathname: string, token: string | null, body: string): Promise<{ status: number; code: number }> {
  const res = await fetch(`${url}${pathname}${token === null ? "" : `?access_token=${token}`}`, { method: "POST", body });
  return { status: res.status, code: ((await res.json()) as { code: number }).code };
}

async function listAll(c: ProviderContext): Promise<RemoteTask[]> {
  const items: RemoteTask[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: Page<RemoteTask> = await wshotoAdapter.listTasks(c, cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return items;
}

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

beforeEach(async () => {
  clearAccessTokenCache();
  await startSim();
});

afterEach(async () => {
  await sim.stop();
});

describe("WShoto adapter against the simulator: reading tasks", () => {
  it("lists the seeded follow-up and mass-send tasks with exact 19-digit ids", async () => {
    const first = await wshotoAdapter.listTasks(ctx(), null);
    expect(first.total).toBe(8);
    const page = { items: await listAll(ctx()) };
    expect(page.items).toHaveLength(8);
    const byName = new Map(page.items.map((t) => [t.name, t]));
    expect(byName.get("双十二老客户回访")).toMatchObject({ remoteId: DOC_TEMPLATE_ID, kind: "follow-up", status: "running", rawStatus: "2", taskType: "1" });
    expect(byName.get("会员日群发")).toMatchObject({ remoteId: DOC_LIST_TEMPLATE_ID, status: "completed", rawStatus: "3", taskType: "3" });
    expect(byName.get("春节祝福超级群发")).toMatchObject({ status: "completed", rawStatus: "4" });
    expect(byName.get("流失客户召回")).toMatchObject({ status: "failed", rawStatus: "-1" });
    expect(byName.get("新品试用跟进")).toMatchObject({ status: "pending", rawStatus: "0" });
    for (const task of page.items) expect(task.remoteId).toMatch(/^\d{19}$/);
    expect(page.items.map((t) => t.remoteId).sort()).toEqual((await adminState()).tasks.map((t) => t.template_id).sort());
  });

  it("keeps listing tasks once they are older than 90 days (windows of at most 90 days, walked back)", async () => {
    await adminConfig({ advanceSeconds: 100 * 86_400 });
    const later = new Date(START.getTime() + 100 * 86_400_000);
    const listed = await listAll(ctx({ now: () => later }));
    expect(listed.map((t) => t.remoteId).sort()).toEqual((await adminState()).tasks.map((t) => t.template_id).sort());
    const windows = (await adminState()).receivedBodies
      .filter((b) => b.path.endsWith("/page_query_task_info_list"))
      .map((b) => JSON.parse(b.body) as { start_time?: number; end_time?: number });
    expect(windows.every((w) => w.start_time === undefined || w.end_time! - w.start_time <= 90 * 86_400)).toBe(true);
  });

  it("pages through the list with current_index (the simulator pages like WShoto)", async () => {
    const first = await queryTaskPage(ctx(), { current_index: 1, page_size: 3 });
    const third = await queryTaskPage(ctx(), { current_index: 3, page_size: 3 });
    expect(first.total).toBe(8);
    expect(first.records).toHaveLength(3);
    expect(third.records).toHaveLength(2);
  });

  it("serves ids as bare 19-digit JSON numbers, so a JSON.parse client would lose digits", async () => {
    const res = await fetch(`${url}/openapi/task/follow_up/page_query_task_info_list?access_token=${await rawToken()}`, {
      method: "POST",
      body: "{}",
    });
    const text = await res.text();
    expect(text).toContain(`"template_id":${DOC_TEMPLATE_ID},`);
    expect(text).not.toContain(`"${DOC_TEMPLATE_ID}"`);
  });

  it("sends the 19-digit id back as bare digits: list → adapter → getTask request body unchanged", async () => {
    const listed = (await wshotoAdapter.listTasks(ctx(), null)).items.find((t) => t.name === "双十二老客户回访");
    expect(listed?.remoteId).toBe("1254676189925432389");

    const task = await wshotoAdapter.getTask(ctx(), listed!.remoteId);
    expect(task.remoteId).toBe("1254676189925432389");
    expect((task.raw as { template_id: string }).template_id).toBe("1254676189925432389");

    const detailBodies = (await adminState()).receivedBodies.filter((b) => b.path.endsWith("/query_task_detail_info"));
    expect(detailBodies.map((b) => b.body)).toEqual(['{"template_id":1254676189925432389}']);
    // What a JSON.parse client would have sent instead:
    expect(JSON.stringify(JSON.parse(detailBodies[0].body))).toBe('{"template_id":1254676189925432300}');
  });

  it("returns the detail raw (explain, verbals, filter range, priority) with stats from the employee execution", async () => {
    const task = await wshotoAdapter.getTask(ctx(), DOC_TEMPLATE_ID);
    const raw = task.raw as {
      priority: number;
      template_type: number;
      explain: { content: string; materials: { id: string }[] };
      verbal_wrap: { verbal_title: string };
      filter_range_info: string;
    };
    expect(raw.priority).toBe(3);
    expect(raw.template_type).toBe(1);
    expect(raw.explain.content).toContain("双十二");
    expect(raw.explain.materials[0].id).toMatch(/^\d{19}$/);
    expect(raw.verbal_wrap.verbal_title).toBe("老客户回访话术");
    expect(JSON.parse(raw.filter_range_info)).toMatchObject({ include_tags: { tag_list: [{ tag_name: "双十二下单" }] } });

    const seeded = (await adminState()).tasks.find((t) => t.template_id === DOC_TEMPLATE_ID)!;
    expect(task.stats).toMatchObject({
      totalOrders: seeded.executions.reduce((sum, e) => sum + e.plan, 0),
      finishedOrders: seeded.executions.reduce((sum, e) => sum + e.followed, 0),
      totalCalls: 0,
      answeredCalls: 0,
    });
    expect(await wshotoAdapter.getStats(ctx(), DOC_TEMPLATE_ID)).toEqual(task.stats);
  });

  it("adds the 群发 detail to a super mass-send task, asked for with a bare task_id", async () => {
    const task = await wshotoAdapter.getTask(ctx(), DOC_LIST_TEMPLATE_ID);
    expect((task.raw as { mass_send_detail: { task_id: string } }).mass_send_detail.task_id).toBe(DOC_LIST_TEMPLATE_ID);
    const bodies = (await adminState()).receivedBodies.filter((b) => b.path.endsWith("/get_mass_task_detail"));
    expect(bodies.map((b) => b.body)).toEqual([`{"task_id":${DOC_LIST_TEMPLATE_ID}}`]);
  });

  it("lists every employee's execution with WShoto's complete rate", async () => {
    const execution = await listEmployeeExecution(ctx(), DOC_TEMPLATE_ID);
    const seeded = (await adminState()).tasks.find((t) => t.template_id === DOC_TEMPLATE_ID)!;
    expect(execution).toHaveLength(seeded.executions.length);
    for (const e of execution) {
      expect(e.userId).toBeTruthy();
      expect(e.followedTargetQty + e.noFollowTargetQty).toBe(e.planTargetQty);
      expect(e.completeRate).toBeCloseTo((e.followedTargetQty / e.planTargetQty) * 100, 1);
    }
  });

  it("moves tasks along simulated time: followed targets grow while in progress, scheduled tasks start, due tasks end", async () => {
    const before = await wshotoAdapter.getStats(ctx(), DOC_TEMPLATE_ID);
    await adminConfig({ advanceSeconds: 6 * 3600 });
    const later = await wshotoAdapter.getStats(ctx(), DOC_TEMPLATE_ID);
    expect(later.finishedOrders).toBeGreaterThan(before.finishedOrders);
    expect(later.totalOrders).toBe(before.totalOrders);

    const scheduled = (await wshotoAdapter.listTasks(ctx(), null)).items.find((t) => t.name === "新品试用跟进")!;
    expect(scheduled.rawStatus).toBe("0");
    await adminConfig({ advanceSeconds: 3 * 24 * 3600 });
    expect((await wshotoAdapter.getTask(ctx(), scheduled.remoteId)).rawStatus).toBe("2");
    await adminConfig({ advanceSeconds: 5 * 24 * 3600 });
    expect((await wshotoAdapter.getTask(ctx(), DOC_TEMPLATE_ID)).status).toBe("completed");
  });

  it("pings with the demo credentials", async () => {
    await expect(wshotoAdapter.ping(ctx())).resolves.toBeUndefined();
  });

  it("keeps its tasks across a restart when given a state file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wshoto-sim-"));
    try {
      await sim.stop();
      await startSim({ stateFile: path.join(dir, "wshoto.json") });
      const ids = (await wshotoAdapter.listTasks(ctx(), null)).items.map((t) => t.remoteId);
      await sim.stop();
      await startSim({ stateFile: path.join(dir, "wshoto.json"), seedDemo: false });
      expect((await wshotoAdapter.listTasks(ctx(), null)).items.map((t) => t.remoteId)).toEqual(ids);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("WShoto access_token against the simulator", () => {
  it("fetches one token for many calls", async () => {
    for (let i = 0; i < 5; i++) await wshotoAdapter.listTasks(ctx(), null);
    expect((await adminState()).tokenRequests).toBe(1);
  });

  it("hands out the same token within 7200 simulated seconds and a new one after", async () => {
    const first = await rawToken();
    await adminConfig({ advanceSeconds: 7000 });
    expect(await rawToken()).toBe(first);
    await adminConfig({ advanceSeconds: 201 });
    expect(await rawToken()).not.toBe(first);
  });

  it("re-fetches an early-invalidated token once (answered 42001, a code in no list) and the call succeeds", async () => {
    await queryTaskPage(ctx(), {});
    await adminConfig({ expireTokens: true });
    const page = await queryTaskPage(ctx(), {});
    expect(page.total).toBe(8);
    const state = await adminState();
    expect(state.tokenRequests).toBe(2);
    expect(state.receivedBodies.filter((b) => b.path.endsWith("/page_query_task_info_list"))).toHaveLength(3);
  });

  it("answers an expired token with 42001 and an unknown one with 10001", async () => {
    const token = await rawToken();
    await adminConfig({ advanceSeconds: 7201 });
    expect(await rawPost("/openapi/task/follow_up/page_query_task_info_list", token, "{}")).toEqual({ status: 200, code: 42001 });
    expect(await rawPost("/openapi/task/follow_up/page_query_task_info_list", "forged", "{}")).toEqual({ status: 200, code: 10001 });
  });

  it("stops after a second token-invalid answer instead of looping", async () => {
    // Every API call goes out with a token the simulator never issued.
    const corrupting: typeof fetch = (input, init) => {
      const target = new URL(String(input));
      if (target.searchParams.has("access_token")) target.searchParams.set("access_token", "not-a-token");
      return fetch(target, init);
    };
    const error = await providerError(wshotoAdapter.listTasks(ctx({ fetch: corrupting }), null));
    expect(error.code).toBe("10001");
    expect(error.userMessage.en).toMatch(/access token/);
    const state = await adminState();
    expect(state.tokenRequests).toBe(2);
    expect(state.receivedBodies).toHaveLength(2);
  });

  it("refuses a wrong app secret with a message about the credentials", async () => {
    const error = await providerError(wshotoAdapter.ping(ctx({ credentials: { ...DEMO_CREDENTIALS, appSecret: "wrong" } })));
    expect(error.code).toBe("40001");
    expect(error.userMessage.zh).toContain("AppSecret");
  });

  it("answers a call without or with an unknown access_token with code 10001 and HTTP 200", async () => {
    expect(await rawPost("/openapi/task/follow_up/page_query_task_info_list", null, "{}")).toEqual({ status: 200, code: 10001 });
    expect(await rawPost("/openapi/task/follow_up/page_query_task_info_list", "forged", "{}")).toEqual({ status: 200, code: 10001 });
  });
});

describe("WShoto documented limits against the simulator", () => {
  it("refuses page_size 101", async () => {
    const error = await providerError(queryTaskPage(ctx(), { page_size: 101 }));
    expect(error.code).toBe("40003");
    expect(error.userMessage.en).toContain("100");
    await expect(queryTaskPage(ctx(), { page_size: 100 })).resolves.toMatchObject({ total: 8 });
  });

  it("refuses a list window longer than 90 days and a window with only one end", async () => {
    const end = Math.floor(START.getTime() / 1000);
    const tooLong = await providerError(queryTaskPage(ctx(), { start_time: end - 91 * 86400, end_time: end }));
    expect(tooLong.code).toBe("40004");
    expect(tooLong.userMessage.zh).toContain("90 天");
    const halfOpen = await providerError(queryTaskPage(ctx(), { start_time: end - 86400 }));
    expect(halfOpen.code).toBe("40002");
  });

  it("refuses page_size 101 on the employee execution list too", async () => {
    const token = await rawToken();
    const body = `{"template_id":${DOC_TEMPLATE_ID},"page_size":101}`;
    expect(await rawPost("/openapi/task/follow_up/page_query_user_execute_info_list", token, body)).toEqual({ status: 200, code: 40003 });
  });

  it("refuses a quoted template_id (a long is a bare number)", async () => {
    const token = await rawToken();
    expect(await rawPost("/openapi/task/follow_up/query_task_detail_info", token, `{"template_id":"${DOC_TEMPLATE_ID}"}`)).toMatchObject({ code: 40006 });
    expect(await rawPost("/openapi/task/follow_up/query_task_detail_info", token, "{}")).toMatchObject({ code: 40002 });
  });

  it("says when a task does not exist, and refuses a non-numeric id before sending", async () => {
    expect((await providerError(wshotoAdapter.getTask(ctx(), "1000000000000000001"))).code).toBe("40005");
    expect((await providerError(wshotoAdapter.getTask(ctx(), "abc"))).code).toBe("INVALID_ID");
  });
});

describe("WShoto reads through injected faults", () => {
  it("lists and reads tasks while 20% of requests fail and 10% are rate limited", async () => {
    await sim.stop();
    await startSim({ faults: { errorRate: 0.2, rateLimitRate: 0.1, retryAfterSec: 0, seed: 42 } });
    const faulty = ctx({ maxAttempts: 8 });
    const page = await wshotoAdapter.listTasks(faulty, null);
    expect(page.items).toHaveLength(8);
    for (const task of page.items.slice(0, 4)) {
      expect((await wshotoAdapter.getTask(faulty, task.remoteId)).remoteId).toBe(task.remoteId);
    }
  });
});
