// Shared by the tests that drive the real Yunfu adapter against this simulator: a draft, numbers, a started
// simulator with a context for it. Types only from lib/providers (this file is not a test, so the
// simulators' import rule applies to it).
import { emptyWeek, type CallTimeGroup } from "../../lib/domain/call-time-group";
import { cnCalendarFromPackage } from "../../lib/domain/holidays";
import type { ProviderError } from "../../lib/providers/errors";
import type { Contact, ProviderContext, TaskDraft } from "../../lib/providers/types";
import type { SimulatorOptions } from "../core/types";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "./demo";
import { createYunfuSimulator, type YunfuSimulator } from "./server";

export const calendar = cnCalendarFromPackage();
/** Monday 2026-12-07 10:00 China time: inside office hours, not a holiday. */
export const MONDAY_10AM = new Date("2026-12-07T02:00:00Z");

export const officeHours = (): CallTimeGroup => {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3, 4, 5] as const) weekly[d] = [{ start: 540, end: 720 }, { start: 780, end: 1080 }];
  return { name: "工作日 9-12 13-18", timeZone: "Asia/Shanghai", weekly, skipHolidays: true, makeUpDayAs: null, overrides: [], isDefault: false };
};

export const draft = (name: string, group = officeHours()): TaskDraft => ({
  name,
  description: "integration test",
  taskType: "2.0",
  callTimeGroup: group,
  retryStrategy: {
    name: "30 分钟后重拨",
    rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }],
    measureFrom: "previous-call",
    onlyToday: false,
    retryOn: ["no-answer", "busy"],
  },
  params: { destination_extension: 297, maximumcall: 2, start_time: "2026-12-01 00:00", stop_time: "2027-01-31 00:00", line: "" },
  idempotencyKey: `key-${name}`,
});

export const contacts = (n: number, from = 0): Contact[] =>
  Array.from({ length: n }, (_, i) => ({ phone: `+86138${String(from + i).padStart(8, "0")}`, name: `客户${from + i}`, variables: {} }));

/** The ProviderError a call is refused with. */
export async function providerError(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error && e.name === "ProviderError") return e as ProviderError;
    throw e;
  }
  throw new Error("expected a ProviderError");
}

/** A started simulator (dialling frozen unless a test moves its clock) and a context for the adapter. */
export async function startYunfu(extra: Partial<SimulatorOptions> = {}): Promise<{ sim: YunfuSimulator; ctx: ProviderContext }> {
  const dialing = { factor: 0, answerProbability: 0.5 };
  const sim = createYunfuSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, dialing, startAt: MONDAY_10AM, ...extra });
  const url = await sim.start();
  const ctx: ProviderContext = { baseUrl: url, credentials: { ...DEMO_CREDENTIALS }, settings: { ...DEMO_SETTINGS }, backoffMs: 5, now: () => sim.clock.now() };
  return { sim, ctx };
}

interface RawAnswer {
  code: number;
  status: string;
  message: string;
  data: unknown;
}

/** An authenticated raw request to the simulator, for what the adapter never sends. */
export async function rawYunfu(ctx: ProviderContext, method: string, path: string, body?: unknown): Promise<{ status: number; json: RawAnswer }> {
  const res = await fetch(`${ctx.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${DEMO_CREDENTIALS.token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as RawAnswer };
}
