// Yunfu's number-level operations and call records through the real adapter, over HTTP, against the
// simulator (docs/providers/yunfu.md §7, docs/providers/yunfu.md §8).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProviderContext } from "../../lib/providers/types";
import { yunfuAdapter } from "../../lib/providers/yunfu";
import { clearCallTallies } from "../../lib/providers/yunfu/call-records";
import { DEMO_SETTINGS } from "./demo";
import type { YunfuSimulator } from "./server";
import { contacts, draft, providerError, rawYunfu, startYunfu } from "./test-support";

let sim: YunfuSimulator;
let ctx: ProviderContext;

beforeEach(async () => {
  clearCallTallies();
  ({ sim, ctx } = await startYunfu());
});
afterEach(() => sim.stop());

const numbersPath = (taskId: string, tail: string) => `/agent-api/user/${DEMO_SETTINGS.userId}/task/${taskId}/${tail}`;

async function allNumbers(taskId: string) {
  const items = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page = await yunfuAdapter.listNumbers!(ctx, taskId, cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

describe("Yunfu number-level operations", () => {
  it("declares list, calls and remove (≤ 100) and the async import (≤ 200)", () => {
    expect(yunfuAdapter.capabilities.numberOps).toEqual({ list: true, calls: true, remove: true, batchSize: 100, asyncImportBatchSize: 200 });
  });

  it("lists a task's numbers in E.164, page by page, with the state of their last call", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("号码列表"));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(100));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(50, 100));
    let numbers = await allNumbers(task.remoteId);
    expect(numbers).toHaveLength(150);
    expect(numbers[0]).toMatchObject({ phone: "+8613800000000", state: "queued", lastOutcome: null });
    expect(numbers.every((n) => n.orderId)).toBe(true);

    await yunfuAdapter.startTask!(ctx, task.remoteId);
    sim.clock.advance(30 * 60_000);
    sim.tick();
    numbers = await allNumbers(task.remoteId);
    const called = numbers.filter((n) => n.state !== "queued");
    expect(called.length).toBeGreaterThan(0);
    const orders = new Map(sim.state().tasks[0].orders.map((o) => [`+86${o.phone}`, o]));
    for (const n of called) {
      const order = orders.get(n.phone)!;
      expect(n.state).toBe(order.answered ? "answered" : { 4: "not-answered", 3: "not-answered", 8: "busy" }[order.status] ?? "failed");
    }
  });

  it("imports up to 200 numbers at once with the async import; duplicates are dropped by the provider", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("异步导入"));
    const batch = [...contacts(199), { phone: "+8613800000001", name: "重复", variables: {} }];
    expect(await yunfuAdapter.addContactsAsync!(ctx, task.remoteId, batch)).toEqual({ accepted: 200, rejected: [] });
    // Run later: the list shows the numbers once the import has run, duplicates dropped.
    expect(await allNumbers(task.remoteId)).toHaveLength(199);

    const tooMany = await providerError(yunfuAdapter.addContactsAsync!(ctx, task.remoteId, contacts(201, 1000)));
    expect(tooMany).toMatchObject({ code: "BATCH_TOO_LARGE", field: "contacts" });
    // The simulator itself refuses 201 rows.
    const raw = await rawYunfu(ctx, "POST", numbersPath(task.remoteId, "async_number"), { data: Array.from({ length: 201 }, (_, i) => ({ phone: `139${String(i).padStart(8, "0")}` })) });
    expect(raw.status).toBe(422);

    await yunfuAdapter.startTask!(ctx, task.remoteId);
    const running = await providerError(yunfuAdapter.addContactsAsync!(ctx, task.remoteId, contacts(1, 5000)));
    expect(running).toMatchObject({ code: "6007", field: "contacts" });
  });

  it("removes numbers from a paused task; a running task keeps them, each reported with what to do", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("号码删除"));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(5));
    const removed = await yunfuAdapter.removeNumbers!(ctx, task.remoteId, ["+8613800000001", "+8613800000003", "+442079460000"]);
    expect(removed.removed).toEqual(["+8613800000001", "+8613800000003"]);
    expect(removed.notRemoved.map((n) => n.phone)).toEqual(["+442079460000"]);
    expect((await allNumbers(task.remoteId)).map((n) => n.phone)).toEqual(["+8613800000000", "+8613800000002", "+8613800000004"]);

    await yunfuAdapter.startTask!(ctx, task.remoteId);
    const refused = await yunfuAdapter.removeNumbers!(ctx, task.remoteId, ["+8613800000000"]);
    expect(refused.removed).toEqual([]);
    expect(refused.notRemoved).toEqual([{ phone: "+8613800000000", reason: expect.objectContaining({ en: expect.stringMatching(/^Pause the task/) }) }]);
    expect(await allNumbers(task.remoteId)).toHaveLength(3);
    await expect(yunfuAdapter.removeNumbers!(ctx, task.remoteId, Array.from({ length: 101 }, (_, i) => `+86139${String(i).padStart(8, "0")}`))).rejects.toMatchObject({
      code: "BATCH_TOO_LARGE",
    });
  });

  it("lists the task's calls as the simulator recorded them, and completes a number from the call detail", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("通话记录"));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(60));
    await yunfuAdapter.startTask!(ctx, task.remoteId);
    sim.clock.advance(90 * 60_000);
    sim.tick();
    const records = sim.state().records;
    expect(records.length).toBeGreaterThan(0);
    const calls = [];
    let cursor: string | null = null;
    do {
      const page = await yunfuAdapter.listCalls!(ctx, task.remoteId, cursor);
      calls.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(calls.map((c) => c.callId).sort()).toEqual(records.map((r) => r.callid).sort());
    const first = records[0];
    expect(calls.find((c) => c.callId === first.callid)).toMatchObject({
      phone: `+86${first.number}`,
      outcome: first.status === 1 ? "answered" : expect.any(String),
      durationSec: first.bill,
    });
    const detail = await rawYunfu(ctx, "GET", numbersPath(task.remoteId, `detail/${first.callid}`));
    expect(detail.json.data).toMatchObject({ records: [{ callee: first.number }, { callee: first.number }] });
  });

  it("statistics survive call rows that do not parse, and read the number wherever the row has it", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("容错读取"));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(30));
    await yunfuAdapter.startTask!(ctx, task.remoteId);
    sim.clock.advance(60 * 60_000);
    sim.tick();
    const records = sim.state().records;
    // A host whose rows vary: the number only in number_data.number, or only in phone; rows without a call id.
    const logs: unknown[] = [];
    const varying: ProviderContext = {
      ...ctx,
      log: (level, msg, fields) => logs.push({ level, msg, fields }),
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (!String(input).includes("/record?")) return res;
        const body = (await res.json()) as { data: Record<string, unknown>[] };
        body.data = body.data.map((row, i) => {
          const { phone, number_data, ...rest } = row;
          return i % 2 === 0 ? { ...rest, number_data } : { ...rest, phone };
        });
        body.data.push("garbage" as never, { phone: "13912345678", status: 1 });
        return new Response(JSON.stringify(body), { status: res.status });
      },
    };
    const stats = await yunfuAdapter.getStats(varying, task.remoteId);
    expect(stats.totalCalls).toBe(records.length);
    expect(stats.answeredCalls).toBe(records.filter((r) => r.status === 1).length);
    expect(stats.attemptedOrders).toBe(new Set(records.map((r) => r.number)).size);
    expect(logs).toContainEqual({ level: "warn", msg: "yunfu call records: rows skipped", fields: expect.objectContaining({ skipped: 2 }) });
    expect(JSON.stringify(logs)).not.toContain("13912345678");
  });

  it("reads at most 20 pages of calls per refresh and catches up on the next one", async () => {
    const task = await yunfuAdapter.createTask!(ctx, draft("大量通话"));
    await yunfuAdapter.addContacts!(ctx, task.remoteId, contacts(10));
    for (let i = 0; i < 2500; i++) {
      sim.state().records.push({
        callid: `c-${i}`,
        task_uuid: task.remoteId,
        number: `138${String(i % 10).padStart(8, "0")}`,
        name: null,
        status: i % 4 === 0 ? 1 : 4,
        calldate: "2026-12-07 10:00:00",
        answerdate: i % 4 === 0 ? "2026-12-07 10:00:05" : null,
        hangupdate: "2026-12-07 10:01:00",
        bill: i % 4 === 0 ? 55 : 0,
      });
    }
    const asked: string[] = [];
    const counting: ProviderContext = { ...ctx, fetch: (input, init) => (asked.push(String(input)), fetch(input, init)) };
    const first = await yunfuAdapter.getStats(counting, task.remoteId);
    expect(asked.filter((u) => u.includes("/record?")).length).toBe(20);
    expect(first).toMatchObject({ totalOrders: 10, totalCalls: 2000 });
    const second = await yunfuAdapter.getStats(counting, task.remoteId);
    expect(second).toMatchObject({ totalOrders: 10, attemptedOrders: 10, totalCalls: 2500, answeredCalls: 625 });
  });
});

describe("Yunfu refusals name the form field", () => {
  it("a name the platform refuses is about the name; a bad script group about its parameter", async () => {
    const longName = await providerError(yunfuAdapter.createTask!(ctx, draft("长".repeat(300))));
    expect(longName).toMatchObject({ code: "422", field: "name" });
    const bad = draft("话术分组错误");
    bad.params.destination_extension = -5;
    expect(await providerError(yunfuAdapter.createTask!(ctx, bad))).toMatchObject({ code: "422", field: "params.destination_extension" });
  });

  it("the simulator validates what the documents require: holiday and line sent even empty, page on lists", async () => {
    const noHoliday = await rawYunfu(ctx, "POST", `/agent-api/new/user/${DEMO_SETTINGS.userId}/task`, {
      name: "缺字段",
      destination_extension: 297,
      dial_time_id: 1,
      maximumcall: 1,
      task_extras: { start_time: "2026-12-01 00:00:00", stop_time: "2026-12-31 00:00:00", line: [] },
    });
    expect(noHoliday).toMatchObject({ status: 422, json: { code: 422, status: "error", data: { "task_extras.holiday": [expect.any(String)] } } });
    const task = await yunfuAdapter.createTask!(ctx, draft("无页码"));
    expect((await rawYunfu(ctx, "GET", numbersPath(task.remoteId, "number"))).status).toBe(422);
    const backwards = await rawYunfu(ctx, "POST", `/agent-api/user/${DEMO_SETTINGS.userId}/dial-time-group`, {
      name: "倒序",
      content: [{ week: 0, times: [{ begin_time: "18:00", end_time: "9:00" }] }],
      is_default: false,
      skip_holiday: false,
    });
    expect(backwards.status).toBe(422);
  });
});
