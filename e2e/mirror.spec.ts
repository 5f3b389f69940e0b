import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { nxcloudSignedHeaders } from "../lib/providers/nxcloud/sign";
import { DEMO_CREDENTIALS } from "../simulators/nxcloud/demo";

// The push side of the mirror against the running app: the NXCloud demo simulator's signed by-call callback,
// delivered three times, lands once; a bad signature, malformed JSON and an oversized body are refused.
const simBase = Number(process.env.E2E_SIM_BASE_PORT ?? 4201);
const nxcloudSim = `http://127.0.0.1:${simBase + 2}`;
const dbFile = path.join(process.env.E2E_DATA_DIR ?? "", "dialboard.db");

function readDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function signed(body: string): Record<string, string> {
  const h = nxcloudSignedHeaders({ uuid: DEMO_CREDENTIALS.uuid, secretKey: DEMO_CREDENTIALS.secretKey, algorithm: "MD5", body, now: new Date() });
  return { "content-type": "application/json", requestID: h.requestID, uuid: h.uuid, createTs: h.createTs, sign: h.sign };
}

test("signed NXCloud webhooks: counted once, refused when forged, malformed or too large", async ({ request }) => {
  const [account] = readDb<{ id: string }>(`SELECT id FROM ProviderAccount WHERE kind = 'nxcloud' AND isDemo = 1`);
  expect(account).toBeDefined();
  const state = (await (await request.get(`${nxcloudSim}/__sim/state`)).json()) as { tasks: { userTaskID: string; taskID: string }[] };
  const task = state.tasks[0];
  const url = `/api/webhooks/nxcloud/${account.id}`;
  const callID = `e2e-call-${Date.now()}`;
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    callbackType: 2,
    orderID: `${task.userTaskID}-e2e`,
    userPhone: "8613800138000",
    userTaskID: task.userTaskID,
    taskID: task.taskID,
    finish: true,
    callInfoDetail: { callID, callStatus: 1, callStartTs: now - 70, callAnswerTs: now - 65, callEndTs: now - 5, callDuration: 60, intents: [], sms: [], params: [] },
  });
  const headers = signed(body);
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push((await request.post(url, { data: body, headers })).status());
  expect(answers).toEqual([200, 200, 200]);
  await expect.poll(() => readDb(`SELECT id FROM CallRecord WHERE callId = ?`, callID).length).toBe(1);
  expect(readDb(`SELECT id FROM WebhookEvent WHERE dedupeKey = ?`, `nxcloud:call:${callID}`)).toHaveLength(1);

  expect((await request.post(url, { data: body.replace(callID, `${callID}-forged`), headers })).status()).toBe(401);
  const malformed = '{"callInfoDetail": ';
  // A Buffer, so the client sends the bytes as they are (it would quote a string that is not JSON).
  expect((await request.post(url, { data: Buffer.from(malformed), headers: signed(malformed) })).status()).toBe(400);
  expect((await request.post(url, { data: "x".repeat(1024 * 1024 + 1), headers: { "content-type": "application/json" } })).status()).toBe(413);
  expect((await request.post(`/api/webhooks/nxcloud/no-such-account`, { data: body, headers })).status()).toBe(404);
  expect(readDb(`SELECT id FROM CallRecord WHERE callId = ?`, `${callID}-forged`)).toHaveLength(0);

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
});

test("the scheduler started by instrumentation syncs the demo accounts", async () => {
  await expect
    .poll(() => readDb<{ n: number }>(`SELECT COUNT(*) AS n FROM SyncRun WHERE "trigger" = 'schedule' AND status = 'ok'`)[0].n, { timeout: 45_000 })
    .toBeGreaterThan(0);
  expect(readDb<{ n: number }>(`SELECT COUNT(*) AS n FROM Task WHERE goneAt IS NULL`)[0].n).toBeGreaterThan(0);
});
