// Yunfu's call-time group create takes no idempotency key: a create whose answer is lost (a timeout after
// sending, a 502) is found again by listing before anything is sent twice (create-once.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCallTimeGroup, type CallTimeGroup } from "../../domain/call-time-group";
import { cnCalendarFromPackage } from "../../domain/holidays";
import { DEMO_CREDENTIALS, DEMO_SETTINGS } from "../../../simulators/yunfu/demo";
import { createYunfuSimulator } from "../../../simulators/yunfu/server";
import type { ProviderContext, TaskDraft } from "../types";
import { yunfuAdapter } from "./index";

const sim = createYunfuSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage(), dialing: { factor: 0 }, startAt: new Date("2026-12-07T02:00:00Z") });
let ctx: ProviderContext;

beforeAll(async () => {
  ctx = { baseUrl: await sim.start(), credentials: DEMO_CREDENTIALS, settings: DEMO_SETTINGS, backoffMs: 1 };
});
afterAll(() => sim.stop());

const isGroupCreate = (input: unknown, init?: RequestInit) => init?.method === "POST" && String(input).endsWith("/dial-time-group");

/** The group create reaches Yunfu, but its answer never reaches us. */
function losing(answer: "timeout" | "502"): ProviderContext {
  return {
    ...ctx,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (!isGroupCreate(input, init)) return res;
      await res.arrayBuffer();
      if (answer === "502") return new Response("Bad Gateway", { status: 502 });
      throw Object.assign(new Error("The operation timed out."), { name: "TimeoutError" });
    },
  };
}

function draft(name: string, group: CallTimeGroup): TaskDraft {
  const params = { destination_extension: 1, maximumcall: 1, start_time: "2026-12-01 00:00", stop_time: "2027-01-31 00:00" };
  return { name, description: "", taskType: "2.0", callTimeGroup: group, retryStrategy: null, params, idempotencyKey: `key-${name}` };
}

describe("a lost call-time group create", () => {
  it.each(["timeout", "502"] as const)("(%s) makes exactly one group, and the task uses it", async (answer) => {
    const hours = answer === "timeout" ? { start: 8 * 60, end: 11 * 60 } : { start: 14 * 60, end: 17 * 60 };
    const group: CallTimeGroup = { ...defaultCallTimeGroup(`Lost ${answer}`), skipHolidays: false, weekly: { ...defaultCallTimeGroup("x").weekly, 3: [hours] } };
    const groupsBefore = sim.state().groups.length;
    const task = await yunfuAdapter.createTask!(losing(answer), draft(`丢失应答 ${answer}`, group));
    expect(sim.state().groups).toHaveLength(groupsBefore + 1);
    const made = sim.state().groups.at(-1)!;
    expect(String((task.raw as { dial_time_id?: unknown }).dial_time_id)).toBe(String(made.id));
  });
});
