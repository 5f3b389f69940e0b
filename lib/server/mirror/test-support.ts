// Helpers for the mirror's database tests and benchmarks: NXCloud simulator tasks seeded straight into its
// state (faults only affect HTTP, so seeding stays exact) and provider accounts pointing at a simulator.
import "server-only";
import { cnCalendarFromPackage } from "../../domain/holidays";
import { callStatusToNxcloud } from "../../providers/nxcloud/mapping";
import { nxcloudSignedHeaders } from "../../providers/nxcloud/sign";
import { createNxcloudSimulator, type NxcloudSimulator, type NxSimTask } from "../../../simulators/nxcloud/server";
import { DEMO_CREDENTIALS as NX_CREDENTIALS, DEMO_SETTINGS as NX_SETTINGS } from "../../../simulators/nxcloud/demo";
import type { FaultConfig } from "../../../simulators/core/types";
import { encryptJson } from "../crypto";
import { getDb, type Db } from "../db";
import { applyMigrations } from "../migrations";

export { NX_CREDENTIALS };

/** Benchmarks: a new SQLite file with every migration, made the process-wide database. */
export async function scratchDatabase(file: string): Promise<Db> {
  const g = globalThis as unknown as { dialboardDb?: Db };
  if (g.dialboardDb) await g.dialboardDb.$disconnect();
  g.dialboardDb = undefined;
  const url = `file:${file}`;
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return getDb();
}

export async function startNxcloud(faults: Partial<FaultConfig> = {}): Promise<NxcloudSimulator> {
  const sim = createNxcloudSimulator({ port: 0, host: "127.0.0.1", credentials: NX_CREDENTIALS, calendar: cnCalendarFromPackage(), faults });
  await sim.start();
  return sim;
}

/** A task as the simulator stores it: `orders` numbers, `called` of them dialled once (answered when even). */
export function nxSimTask(i: number, opts: { status?: number; orders?: number; called?: number; createTs?: number } = {}): NxSimTask {
  const userTaskID = `bench-${String(i).padStart(6, "0")}`;
  const orders = Array.from({ length: opts.orders ?? 2 }, (_, k) => ({
    id: `${userTaskID}-o${k}`,
    phone: `8613800${String(i % 10000).padStart(4, "0")}`,
    attempts: k < (opts.called ?? 0) ? 1 : 0,
    finished: k < (opts.called ?? 0),
    answered: k < (opts.called ?? 0) && k % 2 === 0,
    notBefore: null,
    userPhone: `8613800${String(i % 10000).padStart(4, "0")}`,
    userName: "",
    customerName: "",
    other: "",
    params: [],
    orderCallbackUrl: "",
    callCallbackUrl: "",
    stopped: false,
    lastCallStatus: null,
  }));
  const called = Math.min(opts.called ?? 0, orders.length);
  return {
    taskID: String(7_300_000_000_000_000_000n + BigInt(i)),
    userTaskID,
    sceneID: NX_SETTINGS.sceneID,
    taskStatus: opts.status ?? 1,
    createTs: opts.createTs ?? 1_780_000_000 + i,
    setting: {
      strategyName: "",
      startupType: 1,
      zoneSecond: 28_800,
      dialAtWeekDay: "1,2,3,4,5",
      dialAtUpHour: "9,10,11",
      dialAtDownHour: "9,10,11",
      maxCall: 5,
      taskName: `Task ${i}`,
      routeID: NX_SETTINGS.routeID,
    },
    funcFlag: { taskKeep: false, roundRedial: false, wholeTTS: true, smsEnable: false, smsFuncFlag: [], phoneEncrypt: false },
    orders,
    totalCall: called,
    totalAnswerCall: Math.ceil(called / 2),
  };
}

let accounts = 0;

export async function createAccount(kind: string, baseUrl: string, credentials: Record<string, string>, settings: Record<string, string> = {}): Promise<string> {
  const row = await getDb().providerAccount.create({
    // The simulators listen on loopback: the admin opt-in for private addresses (outbound.ts) is on.
    data: { kind, name: `${kind} test account ${++accounts}`, baseUrl, credentialsEnc: encryptJson(credentials), settings: JSON.stringify(settings), allowPrivateNetwork: true },
    select: { id: true },
  });
  return row.id;
}

/** A by-call callback exactly as NXCloud signs it (docs/providers/nxcloud.md §1.6), for the route handler. */
export function signedNxcloudCall(opts: { userTaskID: string; callID: string; answered?: boolean; startTs?: number; now?: Date }) {
  const start = opts.startTs ?? 1_780_000_000;
  const body = JSON.stringify({
    callbackType: 2,
    orderID: `${opts.userTaskID}-o0`,
    userPhone: "8613800000000",
    userName: "",
    sceneID: NX_SETTINGS.sceneID,
    userTaskID: opts.userTaskID,
    taskID: "7300000000000000001",
    finish: true,
    other: "",
    callInfoDetail: {
      callID: opts.callID,
      callStatus: callStatusToNxcloud(opts.answered === false ? "no-answer" : "answered"),
      callStartTs: start,
      callAnswerTs: opts.answered === false ? 0 : start + 5,
      callEndTs: start + 65,
      callDuration: opts.answered === false ? 0 : 60,
      callAudioUrl: "",
      hangupCause: opts.answered === false ? "NO_ANSWER" : "NORMAL_CLEARING",
      termSipCode: "200",
      intents: [],
      sms: [],
      agent: {},
      params: [],
    },
  });
  return { body, headers: signedHeaders(body, opts.now) };
}

/**
 * A task-status callback (callbackType 1) with its taskStat, sent at `sentAt` (Unix seconds, the header's
 * createTs: the event's time). The body's createTs is the task's creation (docs/providers/nxcloud.md §2.7).
 */
export function signedNxcloudStatus(opts: { userTaskID: string; taskStatus: number; sentAt: number; totalCall?: number }) {
  const totalCall = opts.totalCall ?? 0;
  const body = JSON.stringify({
    callbackType: 1,
    userTaskID: opts.userTaskID,
    taskID: "7300000000000000001",
    sceneID: NX_SETTINGS.sceneID,
    taskStatus: opts.taskStatus,
    createTs: 1_779_990_000,
    taskStat: {
      answerOrderCount: 0,
      finishOrderCount: 0,
      totalOrderCount: 10,
      finishRate: 0,
      totalAnswerCall: Math.floor(totalCall / 2),
      totalCall,
      answerRate: totalCall ? 0.5 : 0,
    },
  });
  return { body, headers: signedHeaders(body, new Date(opts.sentAt * 1000)) };
}

function signedHeaders(body: string, now = new Date()): Record<string, string> {
  const h = nxcloudSignedHeaders({ uuid: NX_CREDENTIALS.uuid, secretKey: NX_CREDENTIALS.secretKey, algorithm: "MD5", body, now });
  return { "content-type": "application/json", requestID: h.requestID, uuid: h.uuid, createTs: h.createTs, sign: h.sign };
}
