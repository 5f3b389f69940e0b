// The lean webhook path scripts/server.mjs serves (webhook-http.ts) over real HTTP: the route handler's rules.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NxcloudSimulator } from "../../../simulators/nxcloud/server";
import { nxcloudSignedHeaders } from "../../providers/nxcloud/sign";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { createAccount, NX_CREDENTIALS, signedNxcloudCall, startNxcloud } from "./test-support";
import { upsertRemoteTask } from "./upsert";
import { handleWebhookRequest } from "./webhook-http";
import { flushWebhookApplies } from "./webhooks";

let sim: NxcloudSimulator;
let server: Server;
let base: string;
let accountId: string;

beforeAll(async () => {
  sim = await startNxcloud();
  server = createServer((req, res) => void handleWebhookRequest(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await sim.stop();
});
beforeEach(async () => {
  await freshDatabase();
  accountId = await createAccount("nxcloud", sim.url, NX_CREDENTIALS);
  const task = { remoteId: "t-1", name: "t-1", kind: "call" as const, taskType: "callbot", status: "running" as const, rawStatus: "2", createdAt: null, stats: null, concurrency: null, raw: {} };
  await upsertRemoteTask(accountId, task);
});

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/webhooks/${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("the lean webhook path", () => {
  it("stores a call once however often it is delivered, concurrently or not, and applies it", async () => {
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "c-1", startTs: Math.floor(Date.now() / 1000) - 60 });
    const answers = await Promise.all([1, 2, 3].map(() => post(`nxcloud/${accountId}`, call.body, call.headers)));
    const again = await post(`nxcloud/${accountId}`, call.body, call.headers);
    expect([...answers, again].map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await again.json()).toEqual({ ok: true, received: 1, duplicates: 1 });
    await flushWebhookApplies();
    expect(await getDb().callRecord.count()).toBe(1);
    expect(await getDb().webhookEvent.count({ where: { appliedAt: { not: null } } })).toBe(1);
  });

  it("refuses what the route refuses: a bad signature, an unknown account, a body over 1 MB, a reused request id", async () => {
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "c-2" });
    expect((await post(`nxcloud/${accountId}`, call.body, { ...call.headers, sign: "0".repeat(32) })).status).toBe(401);
    expect((await post(`nxcloud/nope`, call.body, call.headers)).status).toBe(404);
    expect((await post(`wshoto/${accountId}`, call.body, call.headers)).status).toBe(404);
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 3; i++) c.enqueue(new Uint8Array(512 * 1024));
        c.close();
      },
    });
    expect((await post(`nxcloud/${accountId}`, big, call.headers)).status).toBe(413);
    const other = signedNxcloudCall({ userTaskID: "t-1", callID: "c-3" });
    expect((await post(`nxcloud/${accountId}`, call.body, call.headers)).status).toBe(200);
    expect((await post(`nxcloud/${accountId}`, other.body, { ...other.headers, requestID: call.headers.requestID })).status).toBe(401);
    await flushWebhookApplies();
    expect(await getDb().callRecord.count()).toBe(1);
  });

  it("refuses a request signed more than 10 minutes from our clock, and answers every refusal in the route handlers' one shape", async () => {
    const call = signedNxcloudCall({ userTaskID: "t-1", callID: "c-old" });
    const at = (ms: number) => nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body: call.body, now: new Date(Date.now() + ms) });
    const old = at(-11 * 60_000);
    const stale = await post(`nxcloud/${accountId}`, call.body, { "content-type": "application/json", uuid: old.uuid, requestID: old.requestID, createTs: old.createTs, sign: old.sign });
    const unsigned = await post(`nxcloud/${accountId}`, call.body, { ...call.headers, sign: "0".repeat(32) });
    const unknown = await post(`nxcloud/nope`, call.body, call.headers);
    const big = await post(`nxcloud/${accountId}`, "x".repeat(1024 * 1024 + 1), call.headers);
    const message = { en: expect.any(String), zh: expect.any(String) };
    expect([stale.status, unsigned.status, unknown.status, big.status]).toEqual([401, 401, 404, 413]);
    expect(await stale.json()).toEqual({ ok: false, error: "stale", code: "UNAUTHORIZED", message });
    expect(await unsigned.json()).toEqual({ ok: false, error: "invalid signature", code: "UNAUTHORIZED", message });
    expect(await unknown.json()).toEqual({ ok: false, error: "unknown account", code: "NOT_FOUND", message });
    expect(await big.json()).toEqual({ code: "INVALID", message });
    expect(await getDb().webhookEvent.count()).toBe(0);
    // Signed within the window, the same call is stored.
    const recent = at(-9 * 60_000);
    expect((await post(`nxcloud/${accountId}`, call.body, { "content-type": "application/json", uuid: recent.uuid, requestID: recent.requestID, createTs: recent.createTs, sign: recent.sign })).status).toBe(200);
    await flushWebhookApplies();
    expect(await getDb().callRecord.count()).toBe(1);
  });

  it("keeps a verified request that does not parse, answered 400", async () => {
    const malformed = '{"callInfoDetail": {"callID": ';
    const h = nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body: malformed, now: new Date() });
    const res = await post(`nxcloud/${accountId}`, malformed, { "content-type": "application/json", uuid: h.uuid, requestID: h.requestID, createTs: h.createTs, sign: h.sign });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, kept: true, code: "INVALID" });
    const kept = await getDb().webhookEvent.findMany({ where: { unparsed: true }, select: { body: true, error: true } });
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0].body).raw).toBe(malformed);
    expect(kept[0].error).toBeTruthy();
  });
});
