import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { POST } from "../../../app/api/webhooks/[provider]/[accountId]/route";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { createAccount, NX_CREDENTIALS, nxSimTask, signedNxcloudCall, signedNxcloudStatus, startNxcloud } from "./test-support";
import { applyPendingInbox, flushWebhookApplies } from "./webhooks";
import { upsertRemoteTask } from "./upsert";

let sim: NxcloudSimulator;
let accountId: string;

function deliver(path: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const [provider, id] = path.split("?")[0].split("/");
  const req = new Request(`http://localhost/api/webhooks/${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return POST(req, { params: Promise.resolve({ provider, accountId: id }) });
}

async function mirrorTask(remoteId: string, status: "running" | "paused" = "running") {
  return upsertRemoteTask(
    accountId,
    { remoteId, name: remoteId, kind: "call", taskType: "callbot", status, rawStatus: status === "running" ? "2" : "5", createdAt: null, stats: null, concurrency: null, raw: {} },
    { at: new Date(1_000) },
  );
}

beforeAll(async () => {
  sim = await startNxcloud();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  await freshDatabase();
  sim.state.tasks.length = 0;
  accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
});

describe("POST /api/webhooks/nxcloud/<accountId>", () => {
  it("counts the same signed call delivered 3 times once (calls, roll-up, inbox)", async () => {
    const { id } = await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-1", startTs: 1_780_000_000 });
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await deliver(`nxcloud/${accountId}`, call.body, call.headers);
      answers.push({ status: res.status, body: await res.json() });
    }
    await flushWebhookApplies();
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.duplicates)).toEqual([0, 1, 1]);
    expect(await getDb().callRecord.count({ where: { taskId: id } })).toBe(1);
    expect(await getDb().webhookEvent.count()).toBe(1);
    const rollups = await getDb().hourlyRollup.findMany({ where: { taskId: id } });
    expect(rollups).toEqual([expect.objectContaining({ hour: new Date(Math.floor(1_780_000_000 / 3600) * 3_600_000), calls: 1, answered: 1, talkSeconds: 60 })]);
    expect((await getDb().webhookEvent.findFirst())?.appliedAt).not.toBeNull();
  });

  it("counts a call once even when its deliveries race, and a new call adds to the same hour", async () => {
    const { id } = await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-race" });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => deliver(`nxcloud/${accountId}`, call.body, call.headers).then((r) => r.status)));
    const other = signedNxcloudCall({ userTaskID: "t-1", callID: "call-2", answered: false, startTs: 1_780_000_100 });
    await deliver(`nxcloud/${accountId}`, other.body, other.headers);
    await flushWebhookApplies();
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await getDb().callRecord.count({ where: { taskId: id } })).toBe(2);
    const [rollup] = await getDb().hourlyRollup.findMany({ where: { taskId: id } });
    expect(rollup).toMatchObject({ calls: 2, answered: 1, noAnswer: 1 });
  });

  it("an out-of-order task-status callback does not move the task backwards", async () => {
    const { id } = await mirrorTask("t-1");
    const paused = signedNxcloudStatus({ userTaskID: "t-1", taskStatus: 5, sentAt: 1_780_000_200, totalCall: 40 });
    const olderRunning = signedNxcloudStatus({ userTaskID: "t-1", taskStatus: 2, sentAt: 1_780_000_100, totalCall: 30 });
    expect((await deliver(`nxcloud/${accountId}`, paused.body, paused.headers)).status).toBe(200);
    await flushWebhookApplies();
    expect((await deliver(`nxcloud/${accountId}`, olderRunning.body, olderRunning.headers)).status).toBe(200);
    await flushWebhookApplies();
    const task = await getDb().task.findUniqueOrThrow({ where: { id } });
    expect(task).toMatchObject({ status: "paused", rawStatus: "5", statusAt: new Date(1_780_000_200_000), totalCalls: 40 });
    // Both events were received and applied; the older one simply changed nothing.
    expect(await getDb().webhookEvent.count({ where: { appliedAt: { not: null } } })).toBe(2);
  });

  it("rejects an invalid signature with 401 and stores nothing", async () => {
    await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-1" });
    const res = await deliver(`nxcloud/${accountId}`, call.body, { ...call.headers, sign: "0".repeat(32) });
    const tampered = await deliver(`nxcloud/${accountId}`, call.body.replace("call-1", "call-9"), call.headers);
    await flushWebhookApplies();
    expect([res.status, tampered.status]).toEqual([401, 401]);
    expect(await getDb().webhookEvent.count()).toBe(0);
    expect(await getDb().callRecord.count()).toBe(0);
  });

  it("answers 400 to malformed JSON, 404 to an unknown account or the wrong provider", async () => {
    const bad = signedNxcloudCall({ userTaskID: "t-1", callID: "c" });
    const malformed = '{"callInfoDetail": {"callID": ';
    const headers = { ...bad.headers, ...signedNxcloudStatus({ userTaskID: "x", taskStatus: 1, sentAt: 1 }).headers };
    // Sign the malformed body itself, so only the JSON is wrong.
    const { nxcloudSignedHeaders } = await import("../../providers/nxcloud/sign");
    const h = nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body: malformed, now: new Date() });
    expect((await deliver(`nxcloud/${accountId}`, malformed, { ...headers, requestID: h.requestID, createTs: h.createTs, sign: h.sign })).status).toBe(400);
    expect((await deliver(`nxcloud/missing`, bad.body, bad.headers)).status).toBe(404);
    expect((await deliver(`yunfu/${accountId}`, bad.body, bad.headers)).status).toBe(404);
    expect(await getDb().webhookEvent.count()).toBe(0);
  });

  it("answers 413 to a body over 1 MB, with or without a Content-Length", async () => {
    const big = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
    expect((await deliver(`nxcloud/${accountId}`, big, { "content-length": String(big.length) })).status).toBe(413);
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    expect((await deliver(`nxcloud/${accountId}`, stream)).status).toBe(413);
    expect(await getDb().webhookEvent.count()).toBe(0);
  });

  it("fetches a task the mirror has not seen yet when an event names it", async () => {
    sim.state.tasks.push(nxSimTask(7, { status: 2, orders: 3, called: 2 }));
    const status = signedNxcloudStatus({ userTaskID: "bench-000007", taskStatus: 5, sentAt: Math.floor(Date.now() / 1000) + 5, totalCall: 2 });
    expect((await deliver(`nxcloud/${accountId}`, status.body, status.headers)).status).toBe(200);
    await flushWebhookApplies();
    const task = await getDb().task.findUniqueOrThrow({ where: { accountId_remoteId: { accountId, remoteId: "bench-000007" } } });
    // Fetched from the provider (its name), then the event applied (status, and the event's counters).
    expect(task).toMatchObject({ name: "Task 7", status: "paused", totalOrders: 10, totalCalls: 2 });
  });

  it("an event stamped in our future (a skewed or accelerated provider clock) does not block later changes", async () => {
    const { id } = await mirrorTask("t-1");
    const twoDaysAhead = Math.floor(Date.now() / 1000) + 2 * 86_400;
    const paused = signedNxcloudStatus({ userTaskID: "t-1", taskStatus: 5, sentAt: twoDaysAhead });
    expect((await deliver(`nxcloud/${accountId}`, paused.body, paused.headers)).status).toBe(200);
    await flushWebhookApplies();
    const after = await getDb().task.findUniqueOrThrow({ where: { id }, select: { status: true, statusAt: true } });
    expect(after.status).toBe("paused");
    expect(after.statusAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The manager starts it again a moment later: the provider's answer is applied.
    await new Promise((r) => setTimeout(r, 5));
    const { recordTaskStatus } = await import("./upsert");
    expect(await recordTaskStatus(id, "running", "2", new Date())).toBe(true);
    expect((await getDb().task.findUniqueOrThrow({ where: { id } })).status).toBe("running");
  });

  it("recovers inbox rows a crash left unapplied", async () => {
    const { id } = await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-lost" });
    const { nxcloudParseWebhook } = await import("../../providers/nxcloud/webhook");
    const [event] = nxcloudParseWebhook({ query: {}, headers: call.headers, rawBody: call.body });
    await getDb().webhookEvent.create({
      data: { accountId, dedupeKey: event.dedupeKey, body: JSON.stringify({ event, raw: call.body }), receivedAt: new Date(Date.now() - 5 * 60_000) },
    });
    expect(await applyPendingInbox()).toBe(1);
    expect(await getDb().callRecord.count({ where: { taskId: id } })).toBe(1);
    expect(await applyPendingInbox()).toBe(0);
  });
});

describe("POST /api/webhooks/yunfu/<accountId>", () => {
  const secret = "yunfu-shared-token";
  const created = {
    type: 1,
    mode: "api_interface",
    task_data: {
      uuid: "yf-task-1",
      name: "回访任务",
      start: 0,
      task_type: 6,
      create_datetime: "2026-05-01 10:00:00",
      time_range: [
        { id: 31, name: "工作日", content: [0, 1, 2, 3, 4].map((week) => ({ week, times: [{ begin_time: "09:00", end_time: "18:00" }] })), is_default: false, skip_holiday: true },
      ],
    },
  };

  it("creates the task from the create callback (token on the URL), imports and links its group, then marks it deleted", async () => {
    const yunfu = await createAccount("yunfu", "http://127.0.0.1:9", { token: "t" }, { userId: "u", weekBase: "monday", callbackSecret: secret });
    expect((await deliver(`yunfu/${yunfu}?token=wrong`, JSON.stringify(created))).status).toBe(401);
    const res = await deliver(`yunfu/${yunfu}?token=${secret}`, JSON.stringify(created));
    expect(res.status).toBe(200);
    await flushWebhookApplies();
    const task = await getDb().task.findUniqueOrThrow({ where: { accountId_remoteId: { accountId: yunfu, remoteId: "yf-task-1" } }, include: { callTimeGroup: true } });
    expect(task).toMatchObject({ name: "回访任务", status: "paused" });
    expect(task.callTimeGroup).toMatchObject({ skipHolidays: true, sourceRef: `yunfu:${yunfu}:yf-task-1:0` });

    // The same group in a second task's callback is matched, not duplicated.
    const again = { ...created, task_data: { ...created.task_data, uuid: "yf-task-2" } };
    await deliver(`yunfu/${yunfu}?token=${secret}`, JSON.stringify(again));
    const deleted = { type: 2, task_data: { uuid: "yf-task-1", alter_datetime: "2026-05-02 10:00:00" } };
    await deliver(`yunfu/${yunfu}`, JSON.stringify(deleted), { "x-dialboard-token": secret });
    await flushWebhookApplies();
    expect(await getDb().callTimeGroup.count()).toBe(1);
    expect((await getDb().task.findUniqueOrThrow({ where: { accountId_remoteId: { accountId: yunfu, remoteId: "yf-task-1" } } })).status).toBe("deleted");
  });
});
