// A task's numbers through the real adapter against the simulator: addBatchCall's required callback URLs,
// the number-level operations (listNumbers, listCalls, removeNumbers) and the documented order limits.
import { afterEach, describe, expect, it } from "vitest";
import { nxcloudAdapter } from "../../lib/providers/nxcloud";
import { NXCLOUD_PATHS } from "../../lib/providers/nxcloud/wire";
import { contacts, ctxFor, draft, expectProviderError, HOUR, rawPost, startSim, stopSims } from "./testing";

afterEach(stopSims);

async function taskWithNumbers(n: number, params: Record<string, string | number | boolean> = {}) {
  const { sim, url } = await startSim();
  const ctx = ctxFor(url, { webhookUrl: "http://127.0.0.1:9/api/webhooks/nxcloud/acc-7" });
  const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 3, ...params } }));
  await nxcloudAdapter.addContacts!(ctx, remoteId, contacts(n));
  return { sim, url, ctx, remoteId };
}

describe("addBatchCall", () => {
  it("sends the account's webhook URL as both callback URLs of every batch", async () => {
    const { sim } = await taskWithNumbers(3);
    const orders = sim.state.tasks[0].orders;
    expect(orders).toHaveLength(3);
    for (const o of orders) expect(o).toMatchObject({ orderCallbackUrl: "http://127.0.0.1:9/api/webhooks/nxcloud/acc-7", callCallbackUrl: "http://127.0.0.1:9/api/webhooks/nxcloud/acc-7" });
  });

  it("an account without a webhook URL gets a clear error and nothing is sent", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft());
    const e = await expectProviderError(nxcloudAdapter.addContacts!(ctxFor(url, { webhookUrl: undefined }), remoteId, contacts(2)), "CONFIG");
    expect(e.userMessage.en).toContain("webhook URL");
    expect(e.userMessage.zh).toContain("Webhook");
    expect(sim.state.tasks[0].orders).toHaveLength(0);
  });

  it("the simulator refuses a batch without either callback URL (both are marked required)", async () => {
    const { sim, url, remoteId } = await taskWithNumbers(0);
    const callList = [{ orderID: "o-1", userPhone: "8613800000001" }];
    const send = (callInfoList: Record<string, unknown>) => rawPost(url, NXCLOUD_PATHS.addBatchCall, { productID: "callbot", userTaskID: remoteId, callInfoList });
    expect(await send({ callCallbackUrl: "https://a.example/cb", callList })).toMatchObject({ retCode: 2, retMsg: expect.stringContaining("orderCallbackUrl") });
    expect(await send({ orderCallbackUrl: "https://a.example/cb", callList })).toMatchObject({ retCode: 2, retMsg: expect.stringContaining("callCallbackUrl") });
    expect(await send({ orderCallbackUrl: "", callCallbackUrl: "https://a.example/cb", callList })).toMatchObject({ retCode: 4 });
    expect(await send({ orderCallbackUrl: "https://a.example/cb", callCallbackUrl: "https://a.example/cb", callList })).toMatchObject({ retCode: 0, successCount: 1 });
    expect(sim.state.tasks[0].orders).toHaveLength(1);
  });

  it("more than 500 numbers in one batch is a capacity error about the numbers", async () => {
    const { ctx, remoteId } = await taskWithNumbers(0);
    const e = await expectProviderError(nxcloudAdapter.addContacts!(ctx, remoteId, contacts(501)), "4001");
    expect(e.field).toBe("contacts");
  });
});

describe("number-level operations", () => {
  it("are declared in the capabilities", () => {
    expect(nxcloudAdapter.capabilities.numberOps).toEqual({ list: true, calls: true, remove: true, batchSize: 500 });
  });

  it("listNumbers pages through the orders with their calls (listOrder + listOrderDetail)", async () => {
    const { sim, ctx, remoteId } = await taskWithNumbers(130);
    await nxcloudAdapter.startTask!(ctx, remoteId);
    sim.clock.advance(2 * HOUR);
    sim.tick();
    const first = await nxcloudAdapter.listNumbers!(ctx, remoteId, null);
    expect(first.items).toHaveLength(100);
    expect(first.total).toBe(130);
    const second = await nxcloudAdapter.listNumbers!(ctx, remoteId, first.nextCursor);
    expect(second.items).toHaveLength(30);
    expect(second.nextCursor).toBeNull();
    const numbers = [...first.items, ...second.items];
    expect(numbers[0].phone).toBe("+8613800000000");
    const calls = sim.state.calls;
    for (const n of numbers) {
      const own = calls.filter((c) => c.orderID === n.orderId);
      expect(n.attempts).toBe(own.length);
      if (own.length === 0) {
        expect(n).toMatchObject({ state: "queued", lastOutcome: null, lastCallAt: null });
      } else {
        // Without a retry strategy (roundRedial off) an order is finished after its one call: its state is that call's outcome.
        const last = own[own.length - 1];
        expect(n.lastCallAt?.getTime()).toBe(last.callEndTs * 1000);
        const expected = { 1: "answered", 2: "not-answered", 3: "busy", 4: "failed", 5: "not-answered", 6: "failed" }[last.callStatus];
        expect(n.state).toBe(expected);
      }
    }
    expect(numbers.some((n) => n.state === "answered")).toBe(true);
  });

  it("listCalls pages through every call of the task", async () => {
    const { sim, ctx, remoteId } = await taskWithNumbers(150);
    await nxcloudAdapter.startTask!(ctx, remoteId);
    sim.clock.advance(4 * HOUR);
    sim.tick();
    const seen = [];
    let cursor: string | null = null;
    do {
      const page = await nxcloudAdapter.listCalls!(ctx, remoteId, cursor);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(sim.state.calls.length);
    expect(seen.length).toBeGreaterThan(100);
    const answered = sim.state.calls.filter((c) => c.callAnswerTs > 0).length;
    expect(seen.filter((c) => c.outcome === "answered")).toHaveLength(answered);
    expect(seen[0]).toMatchObject({ callId: sim.state.calls[0].callID, orderId: sim.state.calls[0].orderID, phone: `+${sim.state.calls[0].userPhone}` });
  });

  it("removeNumbers stops the numbers' orders for good and says why others were not stopped", async () => {
    const { sim, ctx, remoteId } = await taskWithNumbers(5);
    const [a, b, c] = contacts(3).map((x) => x.phone);
    // Number c has already been called to the end.
    const orderC = sim.state.tasks[0].orders.find((o) => `+${o.userPhone}` === c)!;
    orderC.finished = true;
    const result = await nxcloudAdapter.removeNumbers!(ctx, remoteId, [a, b, c, "+8613999999999", "13800000000"]);
    expect(result.removed.sort()).toEqual([a, b].sort());
    expect(Object.fromEntries(result.notRemoved.map((n) => [n.phone, n.reason.en]))).toEqual({
      [c]: "NXCloud has already finished calling this number.",
      "+8613999999999": "This number has no call order in the task on NXCloud.",
      "13800000000": "Not an international number (+country code).",
    });
    // Irreversible: a stopped number is never dialled, even when the task runs.
    await nxcloudAdapter.startTask!(ctx, remoteId);
    sim.clock.advance(4 * HOUR);
    sim.tick();
    const dialled = new Set(sim.state.calls.map((x) => `+${x.userPhone}`));
    expect(dialled.has(a) || dialled.has(b)).toBe(false);
    expect(dialled.size).toBe(2);
    const listed = (await nxcloudAdapter.listNumbers!(ctx, remoteId, null)).items.filter((n) => n.phone === a || n.phone === b);
    expect(listed.map((n) => n.state)).toEqual(["removed", "removed"]);
  });
});

describe("listOrderDetail and stopOrder carry the task's userTaskID", () => {
  it("the simulator refuses them without it, and answers only for that task's orders", async () => {
    const { url, remoteId, sim } = await taskWithNumbers(2);
    const orderIDs = sim.state.tasks[0].orders.map((o) => o.id);
    expect((await rawPost(url, NXCLOUD_PATHS.listOrderDetail, { productID: "callbot", orderList: orderIDs })).retCode).toBe(2);
    expect((await rawPost(url, NXCLOUD_PATHS.stopOrder, { productID: "callbot", orderIDs })).retCode).toBe(2);
    const other = await rawPost(url, NXCLOUD_PATHS.listOrderDetail, { productID: "callbot", userTaskID: "another-task", orderList: orderIDs });
    expect(other.retCode).toBe(4);
    const detail = await rawPost(url, NXCLOUD_PATHS.listOrderDetail, { productID: "callbot", userTaskID: remoteId, orderList: orderIDs });
    expect((detail.orderDetailList as unknown[]).length).toBe(2);
    const tooMany = await rawPost(url, NXCLOUD_PATHS.listOrderDetail, { productID: "callbot", userTaskID: remoteId, orderList: Array.from({ length: 501 }, (_, i) => `o${i}`) });
    expect(tooMany.retCode).toBe(4001);
    const stop = await rawPost(url, NXCLOUD_PATHS.stopOrder, { productID: "callbot", userTaskID: remoteId, orderIDs: [orderIDs[0]] });
    expect(stop).toMatchObject({ retCode: 0, successCount: 1 });
    const again = await rawPost(url, NXCLOUD_PATHS.stopOrder, { productID: "callbot", userTaskID: remoteId, orderIDs: [orderIDs[0]] });
    expect(again).toMatchObject({ successCount: 0, errList: [{ orderID: orderIDs[0], errMsg: "order already stopped" }] });
  });

  it("listOrder and listCall need their options object; types are checked", async () => {
    const { url, remoteId } = await taskWithNumbers(1);
    expect((await rawPost(url, NXCLOUD_PATHS.listOrder, { productID: "callbot", userTaskID: remoteId, page: 1, size: 10 })).retCode).toBe(2);
    expect((await rawPost(url, NXCLOUD_PATHS.listCall, { productID: "callbot", userTaskID: remoteId, options: {}, page: 1, size: 10 })).retCode).toBe(0);
    expect((await rawPost(url, NXCLOUD_PATHS.listTask, { productID: "callbot", page: "1", size: 10, queryConditions: {} })).retCode).toBe(3);
  });
});
