import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { nxcloudAdapter } from "@/lib/providers/nxcloud";
import { nxcloudSignedHeaders } from "@/lib/providers/nxcloud/sign";
import { logger } from "@/lib/server/logger";
import type { NxcloudSimulator } from "@/simulators/nxcloud/server";
import { POST } from "./route";
import { getDb } from "@/lib/server/db";
import { freshDatabase } from "@/lib/server/testing/db";
import { createAccount, NX_CREDENTIALS, nxSimTask, signedNxcloudCall, signedNxcloudStatus, startNxcloud } from "@/lib/server/mirror/test-support";
import { applyInboxEvent, applyPendingInbox, flushWebhookApplies, listUnparsedWebhooks, MAX_APPLY_ATTEMPTS, replayUnparsed } from "@/lib/server/mirror/webhooks";
import { pruneDeliveries } from "@/lib/server/mirror/webhook-replay";
import { RESTORED_NOTE, recordTaskStatus as markStatus, upsertRemoteTask } from "@/lib/server/mirror/upsert";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import { yunfuAdapter } from "@/lib/providers/yunfu";
import { createYunfuSimulator, type YunfuSimulator } from "@/simulators/yunfu/server";
import { DEMO_CREDENTIALS as YUNFU_CREDENTIALS, DEMO_SETTINGS as YUNFU_SETTINGS } from "@/simulators/yunfu/demo";
import { flushAudit } from "@/lib/server/audit";
import { providerContextFor } from "@/lib/server/services/provider-accounts";
import { syncAccount } from "@/lib/server/mirror/sync";

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
    // Signed within the replay window (webhook-replay.ts), the later one first.
    const now = Math.floor(Date.now() / 1000);
    const paused = signedNxcloudStatus({ userTaskID: "t-1", taskStatus: 5, sentAt: now - 100, totalCall: 40 });
    const olderRunning = signedNxcloudStatus({ userTaskID: "t-1", taskStatus: 2, sentAt: now - 200, totalCall: 30 });
    expect((await deliver(`nxcloud/${accountId}`, paused.body, paused.headers)).status).toBe(200);
    await flushWebhookApplies();
    expect((await deliver(`nxcloud/${accountId}`, olderRunning.body, olderRunning.headers)).status).toBe(200);
    await flushWebhookApplies();
    const task = await getDb().task.findUniqueOrThrow({ where: { id } });
    expect(task).toMatchObject({ status: "paused", rawStatus: "5", statusAt: new Date((now - 100) * 1000), totalCalls: 40 });
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
    const { nxcloudSignedHeaders } = await import("@/lib/providers/nxcloud/sign");
    const h = nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body: malformed, now: new Date() });
    expect((await deliver(`nxcloud/${accountId}`, malformed, { ...headers, requestID: h.requestID, createTs: h.createTs, sign: h.sign })).status).toBe(400);
    expect((await deliver(`nxcloud/missing`, bad.body, bad.headers)).status).toBe(404);
    expect((await deliver(`yunfu/${accountId}`, bad.body, bad.headers)).status).toBe(404);
    // The verified-but-malformed request is kept (see "never loses a verified request"); nothing else is stored.
    expect(await getDb().webhookEvent.count({ where: { unparsed: false } })).toBe(0);
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
    // Ahead of our clock, yet within the replay window (a delivery further off is refused as stale).
    const minutesAhead = Math.floor(Date.now() / 1000) + 5 * 60;
    const paused = signedNxcloudStatus({ userTaskID: "t-1", taskStatus: 5, sentAt: minutesAhead });
    expect((await deliver(`nxcloud/${accountId}`, paused.body, paused.headers)).status).toBe(200);
    await flushWebhookApplies();
    const after = await getDb().task.findUniqueOrThrow({ where: { id }, select: { status: true, statusAt: true } });
    expect(after.status).toBe("paused");
    expect(after.statusAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The manager starts it again a moment later: the provider's answer is applied.
    await new Promise((r) => setTimeout(r, 5));
    const { recordTaskStatus } = await import("@/lib/server/mirror/upsert");
    expect(await recordTaskStatus(id, "running", "2", new Date())).toBe(true);
    expect((await getDb().task.findUniqueOrThrow({ where: { id } })).status).toBe("running");
  });

  it("recovers inbox rows a crash left unapplied", async () => {
    const { id } = await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-lost" });
    const { nxcloudParseWebhook } = await import("@/lib/providers/nxcloud/webhook");
    const [event] = nxcloudParseWebhook({ query: {}, headers: call.headers, rawBody: call.body });
    await getDb().webhookEvent.create({
      data: { accountId, dedupeKey: event.dedupeKey, body: JSON.stringify({ event, raw: call.body }), receivedAt: new Date(Date.now() - 5 * 60_000) },
    });
    expect(await applyPendingInbox()).toBe(1);
    expect(await getDb().callRecord.count({ where: { taskId: id } })).toBe(1);
    expect(await applyPendingInbox()).toBe(0);
  });
});

/** A by-call callback signed with a chosen requestID and signing time. */
function signedWith(body: string, opts: { requestID: string; now?: Date }) {
  const h = nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body, now: opts.now ?? new Date(), requestID: opts.requestID });
  return { "content-type": "application/json", requestID: h.requestID, uuid: h.uuid, createTs: h.createTs, sign: h.sign };
}

describe("NXCloud webhook replays (issue 12 point 7)", () => {
  it("refuses a request signed more than 10 minutes from our clock, either way", async () => {
    await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-old" });
    const minute = 60_000;
    const old = await deliver(`nxcloud/${accountId}`, call.body, signedWith(call.body, { requestID: "r-old", now: new Date(Date.now() - 11 * minute) }));
    const ahead = await deliver(`nxcloud/${accountId}`, call.body, signedWith(call.body, { requestID: "r-ahead", now: new Date(Date.now() + 11 * minute) }));
    expect([old.status, ahead.status]).toEqual([401, 401]);
    expect((await old.json()).error).toBe("stale");
    expect(await getDb().webhookEvent.count()).toBe(0);
    const recent = await deliver(`nxcloud/${accountId}`, call.body, signedWith(call.body, { requestID: "r-recent", now: new Date(Date.now() - 9 * minute) }));
    expect(recent.status).toBe(200);
    await flushWebhookApplies();
  });

  it("refuses a request id seen again with another body, and lets the sender retry the same body", async () => {
    const { id } = await mirrorTask("t-1");
    const first = signedNxcloudCall({ userTaskID: "t-1", callID: "call-a" });
    const second = signedNxcloudCall({ userTaskID: "t-1", callID: "call-b" });
    expect((await deliver(`nxcloud/${accountId}`, first.body, signedWith(first.body, { requestID: "same-id" }))).status).toBe(200);
    // A validly signed second body under the same request id: a replayed id, refused.
    const reused = await deliver(`nxcloud/${accountId}`, second.body, signedWith(second.body, { requestID: "same-id" }));
    expect(reused.status).toBe(401);
    expect((await reused.json()).error).toBe("reused-id");
    // The sender retrying the same delivery passes, and counts once.
    expect((await deliver(`nxcloud/${accountId}`, first.body, signedWith(first.body, { requestID: "same-id" }))).status).toBe(200);
    await flushWebhookApplies();
    expect((await getDb().callRecord.findMany({ where: { taskId: id }, select: { callId: true } })).map((c) => c.callId)).toEqual(["call-a"]);
    // Ids are forgotten once any request naming them would be stale anyway.
    expect(await pruneDeliveries(new Date(Date.now() + 21 * 60_000))).toBe(1);
  });
});

describe("verified requests that do not parse (issue 12 point 7)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are kept raw with their parse error, answered 400, listed, and replayed once a parser reads them", async () => {
    const { id } = await mirrorTask("t-1");
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-new-shape" });
    // Today's parser cannot read this request (as an older version could not read a new payload).
    const parse = vi.spyOn(nxcloudAdapter, "parseWebhook").mockImplementation(() => {
      throw new Error("callInfoDetail.callID: expected string");
    });
    const res = await deliver(`nxcloud/${accountId}`, call.body, call.headers);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, kept: true });
    const listed = await listUnparsedWebhooks();
    expect(listed[accountId]).toMatchObject({ total: 1, latest: [{ error: "callInfoDetail.callID: expected string", bytes: call.body.length }] });
    // Still unreadable: it stays, with its error.
    expect(await replayUnparsed({ accountId })).toEqual({ parsed: 0, stillUnparsed: 1, events: 0 });

    // After the upgrade the same request parses: its event is stored and applied, and the kept row is done.
    parse.mockRestore();
    expect(await replayUnparsed({ accountId })).toEqual({ parsed: 1, stillUnparsed: 0, events: 1 });
    expect(await getDb().callRecord.count({ where: { taskId: id, callId: "call-new-shape" } })).toBe(1);
    expect(await listUnparsedWebhooks()).toEqual({});
    expect(await replayUnparsed({ accountId })).toEqual({ parsed: 0, stillUnparsed: 0, events: 0 });
  });
});

describe("inbox events whose apply keeps failing (issue 12 point 8)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are marked failed with the reason after a bounded number of tries, and no log line carries the phone", async () => {
    await mirrorTask("t-1");
    // A call stamped at 1e20 seconds: it parses, but no database can store that instant.
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "call-1e20", startTs: 1e20 });
    const warnings: string[] = [];
    vi.spyOn(logger, "warn").mockImplementation(((...args: unknown[]) => void warnings.push(JSON.stringify(args))) as never);
    expect((await deliver(`nxcloud/${accountId}`, call.body, call.headers)).status).toBe(200);
    await flushWebhookApplies();
    const row = await getDb().webhookEvent.findFirstOrThrow({ where: { dedupeKey: "nxcloud:call:call-1e20" } });
    expect(row).toMatchObject({ attempts: 1, appliedAt: null, failedAt: null });

    // The scheduler tries again each minute, until the bound.
    let now = Date.now();
    for (let i = 0; i < 10; i++) {
      now += 61_000;
      await applyPendingInbox(new Date(now));
    }
    const failed = await getDb().webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed.attempts).toBe(MAX_APPLY_ATTEMPTS);
    expect(failed.failedAt).not.toBeNull();
    expect(failed.error).toBeTruthy();
    expect(await applyInboxEvent(row.id)).toBe(false);
    expect((await getDb().webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(MAX_APPLY_ATTEMPTS);

    expect(warnings.length).toBe(MAX_APPLY_ATTEMPTS);
    const logged = warnings.join("\n");
    expect(logged).not.toContain("13800000000");
    expect(failed.error).not.toContain("13800000000");
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
    const yunfu = await createAccount("yunfu", "http://127.0.0.1:9", { token: "t", callbackSecret: secret }, { userId: "u", weekBase: "monday" });
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
    await deliver(`yunfu/${yunfu}?token=${secret}`, JSON.stringify(deleted));
    await flushWebhookApplies();
    expect(await getDb().callTimeGroup.count()).toBe(1);
    expect((await getDb().task.findUniqueOrThrow({ where: { accountId_remoteId: { accountId: yunfu, remoteId: "yf-task-1" } } })).status).toBe("deleted");
  });

  it("refuses every callback of an account with no callback token, and one whose token is only in a header", async () => {
    const open = await createAccount("yunfu", "http://127.0.0.1:9", { token: "t" }, { userId: "u", weekBase: "monday" });
    const deleted = { type: 2, task_data: { uuid: "yf-task-1", alter_datetime: "2026-05-02 10:00:00" } };
    expect((await deliver(`yunfu/${open}`, JSON.stringify(deleted))).status).toBe(401);
    expect((await deliver(`yunfu/${open}?token=`, JSON.stringify(deleted))).status).toBe(401);
    const guarded = await createAccount("yunfu", "http://127.0.0.1:9", { token: "t", callbackSecret: secret }, { userId: "u", weekBase: "monday" });
    expect((await deliver(`yunfu/${guarded}`, JSON.stringify(deleted), { "x-dialboard-token": secret })).status).toBe(401);
    expect(await getDb().webhookEvent.count()).toBe(0);
  });
});

describe("a task-deleted callback cannot freeze a task (issue 12 point 2)", () => {
  let yunfuSim: YunfuSimulator;
  beforeAll(async () => {
    yunfuSim = createYunfuSimulator({ port: 0, host: "127.0.0.1", credentials: YUNFU_CREDENTIALS, calendar: cnCalendarFromPackage(), dialing: { factor: 0 }, seedDemo: true });
    await yunfuSim.start();
  });
  afterAll(async () => {
    await yunfuSim.stop();
  });

  it("is confirmed with the provider, and a listing that shows the task brings it back with a history entry", async () => {
    const yunfu = await createAccount("yunfu", yunfuSim.url, YUNFU_CREDENTIALS, YUNFU_SETTINGS);
    expect((await syncAccount(yunfu)).status).toBe("ok");
    const [kept, gone] = await getDb().task.findMany({ where: { accountId: yunfu }, orderBy: { remoteId: "asc" }, take: 2 });
    const token = YUNFU_CREDENTIALS.callbackSecret;
    const deletedCallback = (uuid: string) => JSON.stringify({ type: 2, task_data: { uuid, alter_datetime: "2026-11-30 10:00:00" } });

    // A "deleted" for a task the provider still has is refused, whoever holds the token.
    expect((await deliver(`yunfu/${yunfu}?token=${token}`, deletedCallback(kept.remoteId))).status).toBe(200);
    await flushWebhookApplies();
    expect((await getDb().task.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe(kept.status);

    // A task really deleted at the provider is deleted in the mirror.
    const { ctx } = await providerContextFor(yunfu);
    await yunfuAdapter.deleteTask!(ctx, gone.remoteId);
    expect((await deliver(`yunfu/${yunfu}?token=${token}`, deletedCallback(gone.remoteId))).status).toBe(200);
    await flushWebhookApplies();
    expect((await getDb().task.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe("deleted");

    // A deletion applied while the provider could not be asked is undone by the next listing that shows the task.
    await markStatus(kept.id, "deleted", "deleted", new Date());
    expect((await syncAccount(yunfu)).status).toBe("ok");
    expect((await getDb().task.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe(kept.status);
    await flushAudit();
    const history = await getDb().auditEntry.findMany({ where: { targetType: "task", targetId: kept.id, action: "task.status" }, orderBy: { at: "asc" } });
    expect(history.map((h) => JSON.parse(h.summary) as { note?: string }).some((h) => h.note === RESTORED_NOTE)).toBe(true);
  });
});
