// The real NXCloud adapter against the NXCloud simulator over HTTP on 127.0.0.1: signatures, the task
// lifecycle, idempotent creates, faults and the demo seed.
import { afterEach, describe, expect, it } from "vitest";
import { nxcloudAdapter } from "../../lib/providers/nxcloud";
import { nxcloudSignedHeaders } from "../../lib/providers/nxcloud/sign";
import { NXCLOUD_PATHS } from "../../lib/providers/nxcloud/wire";
import type { ProviderWarning } from "../../lib/providers/types";
import { DEMO_CREDENTIALS } from "./demo";
import { contacts, ctxFor, draft, expectProviderError, HOUR, MONDAY_0800, rawPost, setAnswerSigning, startSim, stopSims } from "./testing";

afterEach(stopSims);

describe("authentication and signatures", () => {
  it("pings with MD5 and SHA256 requests", async () => {
    const { url } = await startSim();
    await nxcloudAdapter.ping(ctxFor(url));
    await nxcloudAdapter.ping(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, algorithm: "SHA256" } }));
  });

  it("a wrong secret is refused with retCode 6, an unknown uuid with 6002", async () => {
    const { url } = await startSim();
    const wrongKey = await expectProviderError(nxcloudAdapter.ping(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, secretKey: "not-the-secret" } })), "6");
    expect(wrongKey.userMessage.en).toContain("secret key");
    expect(wrongKey.userMessage.zh).toContain("密钥");
    await expectProviderError(nxcloudAdapter.listTasks(ctxFor(url, { credentials: { ...DEMO_CREDENTIALS, uuid: "someone-else" } }), null), "6002");
  });

  it("a missing sign is 6001, a body changed after signing is 6, a createTs in milliseconds is 3", async () => {
    const { url } = await startSim();
    const listBody = { productID: "callbot", page: 1, size: 10, queryConditions: {} };
    const missing = await rawPost(url, NXCLOUD_PATHS.listTask, listBody, (h) => {
      const { sign: _drop, ...rest } = h;
      return rest;
    });
    expect(missing.retCode).toBe(6001);
    const text = JSON.stringify(listBody);
    const signed = nxcloudSignedHeaders({ uuid: DEMO_CREDENTIALS.uuid, secretKey: DEMO_CREDENTIALS.secretKey, algorithm: "MD5", body: text, now: new Date() });
    const res = await fetch(url + NXCLOUD_PATHS.listTask, {
      method: "POST",
      headers: { "content-type": "application/json", ...signed },
      body: text.replace('"size":10', '"size":11'),
    });
    expect(((await res.json()) as { retCode: number }).retCode).toBe(6);
    const wrongAlgorithm = await rawPost(url, NXCLOUD_PATHS.listTask, listBody, (h) => ({ ...h, algorithm: "SHA256" }));
    expect(wrongAlgorithm.retCode).toBe(6);
    const ms = nxcloudSignedHeaders({ uuid: DEMO_CREDENTIALS.uuid, secretKey: DEMO_CREDENTIALS.secretKey, algorithm: "MD5", body: text, now: new Date(), requestID: "r1" });
    const msTs = String(Number(ms.createTs) * 1000);
    const { nxcloudSign } = await import("../../lib/providers/nxcloud/sign");
    const msSign = nxcloudSign({ secretKey: DEMO_CREDENTIALS.secretKey, body: text, createTs: msTs, requestID: "r1", uuid: DEMO_CREDENTIALS.uuid, algorithm: "MD5" });
    const inMs = await fetch(url + NXCLOUD_PATHS.listTask, { method: "POST", headers: { ...ms, createTs: msTs, sign: msSign }, body: text });
    expect(((await inMs.json()) as { retCode: number }).retCode).toBe(3);
  });

  it("ping answers with NXCloud's second-level timestamp", async () => {
    const { sim, url } = await startSim();
    const res = await rawPost(url, NXCLOUD_PATHS.ping, { data: "hello" });
    expect(res).toMatchObject({ code: 0, data: "hello", timestamp: Math.floor(sim.clock.nowMs() / 1000) });
  });
});

describe("answer signatures (the documents do not say what a reply's sign covers)", () => {
  async function listWith(signing: "body" | "none" | "other", settings: Record<string, string> = {}) {
    const { url } = await startSim({ seedDemo: true });
    await setAnswerSigning(url, signing);
    const warnings: ProviderWarning[] = [];
    const ctx = ctxFor(url, { settings: { ...ctxFor(url).settings, ...settings }, reportWarning: (w) => void warnings.push(w) });
    return { ctx, warnings, result: await nxcloudAdapter.listTasks(ctx, null).catch((e: unknown) => e) };
  }

  it("an answer signed over its body is used without a warning", async () => {
    const { result, warnings } = await listWith("body");
    expect(result).toMatchObject({ total: 6 });
    expect(warnings).toEqual([]);
  });

  it("an unsigned answer, or one signed over something else, is used and reported on the account", async () => {
    for (const signing of ["none", "other"] as const) {
      const { result, warnings } = await listWith(signing);
      expect(result).toMatchObject({ total: 6 });
      expect(warnings).toHaveLength(1);
      expect(warnings[0].code).toBe("RESPONSE_SIGN");
      expect(warnings[0].message.en).toContain("listTask");
      expect(warnings[0].message.zh).toContain("listTask");
    }
  });

  it("strict checking, an account setting, refuses such an answer", async () => {
    const { result, warnings } = await listWith("none", { responseSign: "strict" });
    expect(result).toMatchObject({ code: "BAD_RESPONSE_SIGN" });
    expect(warnings).toHaveLength(1);
    expect(nxcloudAdapter.capabilities.settingFields.find((f) => f.key === "responseSign")).toMatchObject({ default: "warn" });
  });

  it("an answer changed on the way is reported, and refused under strict checking", async () => {
    const { url } = await startSim();
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = (await res.text()).replace('"totalCount":0', '"totalCount":7');
      return new Response(text, { status: res.status, headers: res.headers });
    };
    const warnings: ProviderWarning[] = [];
    await nxcloudAdapter.listTasks(ctxFor(url, { fetch: tampering, reportWarning: (w) => void warnings.push(w) }), null);
    expect(warnings.map((w) => w.code)).toEqual(["RESPONSE_SIGN"]);
    const strict = ctxFor(url, { fetch: tampering, settings: { responseSign: "strict" } });
    await expectProviderError(nxcloudAdapter.listTasks(strict, null), "BAD_RESPONSE_SIGN");
  });

  it("a warning that cannot be recorded does not fail the operation", async () => {
    const { url } = await startSim();
    await setAnswerSigning(url, "none");
    const ctx = ctxFor(url, {
      reportWarning: () => {
        throw new Error("database down");
      },
    });
    await expect(nxcloudAdapter.listTasks(ctx, null)).resolves.toMatchObject({ total: 0 });
  });
});

describe("task lifecycle", () => {
  it("creates, updates, fills, starts, pauses, dials and completes a task", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const created = await nxcloudAdapter.createTask!(ctx, draft());
    expect(created).toMatchObject({ name: "双十一大促回访", status: "pending", rawStatus: "1", taskType: "callbot", concurrency: 5 });
    const id = created.remoteId;

    const page = await nxcloudAdapter.listTasks(ctx, null);
    expect(page.items.map((t) => t.remoteId)).toContain(id);
    expect(page.nextCursor).toBeNull();

    await nxcloudAdapter.updateTask!(ctx, id, draft({ name: "双十一大促回访（二期）", params: { startupType: "1", maxCall: 8 } }));
    expect(await nxcloudAdapter.getTask(ctx, id)).toMatchObject({ name: "双十一大促回访（二期）", concurrency: 8 });

    const added = await nxcloudAdapter.addContacts!(ctx, id, [...contacts(6), { phone: "13800000000", name: "no country code", variables: {} }]);
    expect(added.accepted).toBe(6);
    expect(added.rejected.map((r) => r.phone)).toEqual(["13800000000"]);

    await nxcloudAdapter.startTask!(ctx, id);
    expect((await nxcloudAdapter.getTask(ctx, id)).status).toBe("running");
    // updateTask: "only supports modifying tasks that are paused or not yet started".
    const refused = await expectProviderError(nxcloudAdapter.updateTask!(ctx, id, draft()), "4");
    expect(refused.userMessage.zh).toContain("状态");

    // 08:00 Beijing is outside 09:00–18:00: nothing is dialled.
    sim.tick();
    expect((await nxcloudAdapter.getStats(ctx, id)).totalCalls).toBe(0);
    sim.clock.advance(4 * HOUR);
    sim.tick();
    const stats = await nxcloudAdapter.getStats(ctx, id);
    expect(stats.totalOrders).toBe(6);
    expect(stats.totalCalls).toBeGreaterThan(0);
    const calls = sim.state.calls.filter((c) => c.userTaskID === id);
    expect(stats.totalCalls).toBe(calls.length);
    expect(stats.answeredCalls).toBe(calls.filter((c) => c.callAnswerTs > 0).length);
    expect(stats.providerAnswerRate).toBe(Math.round((stats.answeredCalls / stats.totalCalls) * 100) / 100);
    for (const c of calls) {
      const beijingHour = new Date((c.callStartTs + 8 * 3600) * 1000).getUTCHours();
      expect(beijingHour).toBeGreaterThanOrEqual(9);
      expect(beijingHour).toBeLessThan(18);
    }

    // Every number is done and taskKeep is off: NXCloud ends the task by itself.
    expect((await nxcloudAdapter.getTask(ctx, id)).status).toBe("completed");
    await expectProviderError(nxcloudAdapter.startTask!(ctx, id), "4");
    await expectProviderError(nxcloudAdapter.addContacts!(ctx, id, contacts(1)), "4");
  });

  it("pauses, resumes and completes by mgrTaskStatus; there is no delete", async () => {
    const { url } = await startSim();
    const ctx = ctxFor(url);
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "3", maxCall: 2, taskKeep: true } }));
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("running");
    await expectProviderError(nxcloudAdapter.startTask!(ctx, remoteId), "4");
    await nxcloudAdapter.pauseTask!(ctx, remoteId);
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("paused");
    await nxcloudAdapter.updateTask!(ctx, remoteId, draft({ params: { startupType: "1", maxCall: 3 } }));
    await nxcloudAdapter.completeTask!(ctx, remoteId);
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("completed");
    await expectProviderError(nxcloudAdapter.pauseTask!(ctx, remoteId), "4");
    expect(nxcloudAdapter.capabilities.operations.delete).toBe(false);
    expect(nxcloudAdapter.deleteTask).toBeUndefined();
    await expectProviderError(nxcloudAdapter.getTask(ctx, "no-such-task"), "NOT_FOUND");
  });

  it("updateTask names the task's script template, which cannot change", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "1", maxCall: 2, sceneID: "scene-a" } }));
    // The account's default template differs: the task's own is sent.
    await nxcloudAdapter.updateTask!(ctx, remoteId, draft({ params: { startupType: "1", maxCall: 4 } }));
    expect(sim.state.tasks[0]).toMatchObject({ sceneID: "scene-a", setting: { maxCall: 4 } });
    const changed = await expectProviderError(nxcloudAdapter.updateTask!(ctx, remoteId, draft({ params: { startupType: "1", maxCall: 4, sceneID: "scene-b" } })), "CONFIG");
    expect(changed.field).toBe("params.sceneID");
    // The simulator refuses an updateTask without the template, or with another one.
    const base = { productID: "callbot", userTaskID: remoteId, taskCreateSetting: { maxCall: 3 } };
    expect((await rawPost(url, NXCLOUD_PATHS.updateTask, base)).retCode).toBe(2);
    expect((await rawPost(url, NXCLOUD_PATHS.updateTask, { ...base, sceneID: "scene-b" })).retCode).toBe(4);
    expect((await rawPost(url, NXCLOUD_PATHS.updateTask, { ...base, sceneID: "scene-a" })).retCode).toBe(0);
    // Only what an updateTask names changes: the rest of the settings stay as they were.
    expect(sim.state.tasks[0].setting).toMatchObject({ maxCall: 3, strategyName: "", taskName: "双十一大促回访", dialAtUpHour: "9,10,11,12,13,14,15,16,17" });
    await rawPost(url, NXCLOUD_PATHS.updateTask, { ...base, sceneID: "scene-a", taskCreateSetting: { strategyName: "gentle" } });
    expect((await rawPost(url, NXCLOUD_PATHS.updateTask, { ...base, sceneID: "scene-a" })).retCode).toBe(0);
    expect(sim.state.tasks[0].setting).toMatchObject({ maxCall: 3, strategyName: "gentle" });
  });

  it("starts a scheduled task at startupAt", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const startupAt = new Date(MONDAY_0800.getTime() + 2 * HOUR).toISOString();
    const { remoteId } = await nxcloudAdapter.createTask!(ctx, draft({ params: { startupType: "2", startupAt, maxCall: 2, taskKeep: true } }));
    sim.clock.advance(HOUR);
    sim.tick();
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("pending");
    sim.clock.advance(2 * HOUR);
    sim.tick();
    expect((await nxcloudAdapter.getTask(ctx, remoteId)).status).toBe("running");
  });

  it("a refusal names the form field its message is about", async () => {
    const { url } = await startSim();
    const missingStart = await expectProviderError(nxcloudAdapter.createTask!(ctxFor(url), draft({ params: { startupType: "2", maxCall: 2 } })), "2");
    expect(missingStart.field).toBe("params.startupAt");
    const noCalls = await expectProviderError(nxcloudAdapter.createTask!(ctxFor(url), draft({ params: { startupType: "1", maxCall: 0 } })), "4");
    expect(noCalls.field).toBe("params.maxCall");
    expect(noCalls.userMessage.en).toContain("maxCall");
    const noScene = await expectProviderError(nxcloudAdapter.createTask!(ctxFor(url, { settings: {} }), draft()), "CONFIG");
    expect(noScene.field).toBe("params.sceneID");
  });
});

describe("idempotent create", () => {
  it("the same idempotencyKey never makes a second task", async () => {
    const { sim, url } = await startSim();
    const ctx = ctxFor(url);
    const d = draft();
    const a = await nxcloudAdapter.createTask!(ctx, d);
    const b = await nxcloudAdapter.createTask!(ctx, d);
    expect(b.remoteId).toBe(a.remoteId);
    expect(sim.state.tasks.filter((t) => t.userTaskID === d.idempotencyKey)).toHaveLength(1);
  });

  const losingCreate = () => {
    let lost = 0;
    const fetcher: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith(NXCLOUD_PATHS.createTask) && lost === 0) {
        lost++;
        throw new DOMException("The operation timed out.", "TimeoutError");
      }
      return res;
    };
    return { fetcher, lost: () => lost };
  };

  it("a create whose answer is lost is found by its userTaskID and not sent again", async () => {
    const { sim, url } = await startSim();
    const losing = losingCreate();
    const d = draft();
    const task = await nxcloudAdapter.createTask!(ctxFor(url, { fetch: losing.fetcher }), d);
    expect(task.remoteId).toBe(d.idempotencyKey);
    expect(losing.lost()).toBe(1);
    expect(sim.state.createRequests).toBe(1);
    expect(sim.state.tasks).toHaveLength(1);
  });

  it("creates exactly one task when NXCloud's clock is 3 minutes ahead of ours", async () => {
    const { sim, url } = await startSim();
    const losing = losingCreate();
    const d = draft();
    const ours = () => new Date(sim.clock.now().getTime() - 3 * 60_000);
    const task = await nxcloudAdapter.createTask!(ctxFor(url, { fetch: losing.fetcher, now: ours }), d);
    expect(losing.lost()).toBe(1);
    expect(task.remoteId).toBe(d.idempotencyKey);
    expect(sim.state.createRequests).toBe(1);
  });

  it("a create answered 502 after it landed is found again, not sent twice", async () => {
    const { sim, url } = await startSim();
    let failed = 0;
    const proxyError: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith(NXCLOUD_PATHS.createTask) && failed === 0) {
        failed++;
        await res.text();
        return new Response("Bad Gateway", { status: 502 });
      }
      return res;
    };
    await nxcloudAdapter.createTask!(ctxFor(url, { fetch: proxyError }), draft());
    expect(failed).toBe(1);
    expect(sim.state.createRequests).toBe(1);
    expect(sim.state.tasks).toHaveLength(1);
  });
});

describe("faults", () => {
  it("reads succeed through 5xx and 429, and a create still makes exactly one task", async () => {
    const { sim, url } = await startSim({ faults: { errorRate: 0.2, rateLimitRate: 0.1, retryAfterSec: 0, seed: 7 }, seedDemo: true });
    const ctx = ctxFor(url, { maxAttempts: 8 });
    for (let i = 0; i < 15; i++) expect((await nxcloudAdapter.listTasks(ctx, null)).items.length).toBe(6);
    const d = draft();
    for (let i = 0; i < 5; i++) {
      const attempt = await nxcloudAdapter.createTask!(ctx, d).catch((e: unknown) => e);
      if (!(attempt instanceof Error)) break;
    }
    expect(sim.state.tasks.filter((t) => t.userTaskID === d.idempotencyKey)).toHaveLength(1);
  });
});

describe("demo seed", () => {
  it("has tasks in each state with non-zero stats", async () => {
    const { url } = await startSim({ seedDemo: true });
    const { items, total } = await nxcloudAdapter.listTasks(ctxFor(url), null);
    expect(total).toBe(6);
    expect(new Set(items.map((t) => t.status))).toEqual(new Set(["pending", "running", "paused", "completed", "failed"]));
    const promo = items.find((t) => t.name === "双十一大促回访");
    expect(promo?.status).toBe("running");
    expect(promo?.stats?.totalCalls).toBeGreaterThan(100);
    expect(promo?.stats?.answeredCalls).toBeGreaterThan(0);
  });
});
