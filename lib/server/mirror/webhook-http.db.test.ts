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

  it("keeps a verified request that does not parse, answered 400", async () => {
    const malformed = '{"callInfoDetail": {"callID": ';
    const h = nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body: malformed, now: new Date() });
    const res = await post(`nxcloud/${accountId}`, malformed, { "content-type": "application/json", uuid: h.uuid, requestID: h.requestID, createTs: h.createTs, sign: h.sign });
    expect(res.status).toBe(400);
    expect(await getDb().webhookEvent.count({ where: { unparsed: true } })).toBe(1);
  });
});
