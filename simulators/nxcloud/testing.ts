// Shared by the NXCloud simulator's tests: a simulator on a free port with a frozen clock, the real adapter's
// context for it, drafts and numbers, signed raw requests, and a local receiver for callbacks. Test code: it
// drives the real client, so the simulator's import rule does not apply here (eslint.config.js).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import { ProviderError } from "../../lib/providers/errors";
import type { InboundWebhook, ProviderContext, TaskDraft } from "../../lib/providers/types";
import type { FaultConfig } from "../core/types";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";
import { createNxcloudSimulator, type AnswerSigning, type NxcloudSimulator } from "./server";
import { simSign } from "./sign";

export const calendar = cnCalendarFromPackage();
/** Monday 2 March 2026, 08:00 in Beijing: an ordinary workday. */
export const MONDAY_0800 = new Date("2026-03-02T00:00:00Z");
export const HOUR = 3_600_000;

const running: NxcloudSimulator[] = [];

export async function startSim(opts: { faults?: Partial<FaultConfig>; seedDemo?: boolean; credentials?: Record<string, string>; webhookUrl?: string } = {}) {
  const sim = createNxcloudSimulator({
    port: 0,
    credentials: opts.credentials ?? DEMO_CREDENTIALS,
    calendar,
    // Frozen clock: tests move simulated time with clock.advance and tick().
    dialing: { factor: 0, answerProbability: 0.5 },
    faults: opts.faults,
    seedDemo: opts.seedDemo,
    webhookUrl: opts.webhookUrl,
    startAt: MONDAY_0800,
  });
  running.push(sim);
  const url = await sim.start();
  return { sim, url };
}

/** For afterEach: stops every simulator the test started. */
export async function stopSims(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.stop()));
}

export async function setAnswerSigning(url: string, answerSigning: AnswerSigning): Promise<void> {
  const res = await fetch(`${url}/__sim/config`, { method: "POST", body: JSON.stringify({ answerSigning }) });
  expect(res.ok).toBe(true);
}

export const RECEIVER_PLACEHOLDER = "http://127.0.0.1:9/api/webhooks/nxcloud/acc1";

export function ctxFor(url: string, extra: Partial<ProviderContext> = {}): ProviderContext {
  return { baseUrl: url, credentials: DEMO_CREDENTIALS, settings: DEMO_SETTINGS, backoffMs: 5, webhookUrl: RECEIVER_PLACEHOLDER, ...extra };
}

export function workdayGroup(start = 9 * 60, end = 18 * 60): CallTimeGroup {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start, end }];
  return { name: "工作日", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false };
}

export function draft(overrides: Partial<TaskDraft> = {}): TaskDraft {
  return {
    name: "双十一大促回访",
    description: "",
    taskType: "callbot",
    callTimeGroup: workdayGroup(),
    retryStrategy: null,
    params: { startupType: "1", maxCall: 5 },
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

export const contacts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { phone: `+86138${String(i).padStart(8, "0")}`, name: `客户${i}`, variables: { 姓名: `客户${i}` } };
  });

/**
 * A request signed as docs/providers/nxcloud.md §1.2 says (with the simulator's own signer), to reach the simulator
 * with bodies the adapter would never send.
 */
export async function rawPost(url: string, path: string, body: unknown, tamper?: (h: Record<string, string>) => Record<string, string>) {
  const text = JSON.stringify(body);
  const parts = { uuid: DEMO_CREDENTIALS.uuid, secretKey: DEMO_CREDENTIALS.secretKey, body: text, createTs: String(Math.floor(Date.now() / 1000)), requestID: randomUUID().replace(/-/g, "") };
  const signed = { requestID: parts.requestID, uuid: parts.uuid, createTs: parts.createTs, sign: simSign(parts, "MD5"), algorithm: "MD5" };
  const headers: Record<string, string> = { "content-type": "application/json", ...signed };
  const res = await fetch(url + path, { method: "POST", headers: tamper ? tamper(headers) : headers, body: text });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { retCode: number };
}

export async function expectProviderError(p: Promise<unknown>, code: string): Promise<ProviderError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProviderError);
  expect((e as ProviderError).code).toBe(code);
  return e as ProviderError;
}

/** A local endpoint that records every callback it receives (and can answer 500 to the first few). */
export interface Receiver {
  url: string;
  received: InboundWebhook[];
  failNext: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: "", received: [], failNext: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (receiver.failNext > 0) {
        receiver.failNext--;
        res.writeHead(500).end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      receiver.received.push({ headers, query: {}, rawBody: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/nxcloud/acc1`;
  receiver.close = () => new Promise<void>((r) => server.close(() => r()));
  return receiver;
}
