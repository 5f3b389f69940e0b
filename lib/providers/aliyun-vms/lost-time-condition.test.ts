// A call-time group reaches Alibaba Cloud as time conditions made with CloudCreateEnterpriseTime, which takes
// no idempotency key: a create whose answer is lost is found by its name (unique in the call centre) before
// anything is sent twice (create-once.ts), and the task still gets it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import { cnCalendarFromPackage } from "../../domain/holidays";
import { DEMO_CREDENTIALS } from "../../../simulators/aliyun-vms/demo";
import { createAliyunVmsSimulator } from "../../../simulators/aliyun-vms/server";
import type { ProviderContext, TaskDraft } from "../types";
import { aliyunVmsAdapter } from "./index";

const sim = createAliyunVmsSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage(), startAt: new Date("2026-11-23T02:00:00Z") });
let url: string;

beforeAll(async () => {
  url = await sim.start();
});
afterAll(() => sim.stop());

function mornings(): CallTimeGroup {
  const weekly = emptyWeek();
  for (const d of [1, 2, 3] as const) weekly[d] = [{ start: 8 * 60, end: 11 * 60 }];
  return { name: "Mornings", timeZone: "Asia/Shanghai", weekly, skipHolidays: false, makeUpDayAs: null, overrides: [], isDefault: false };
}

describe("a lost time-condition create", () => {
  it.each(["timeout", "502"] as const)("(%s) makes each condition once, and the task refers to it", async (answer) => {
    const enterpriseId = answer === "timeout" ? "8100001" : "8100002";
    let lost = 0;
    const ctx: ProviderContext = {
      baseUrl: url,
      credentials: { ...DEMO_CREDENTIALS },
      settings: { enterpriseId },
      backoffMs: 5,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (typeof init?.body !== "string" || !init.body.includes("Action=CloudCreateEnterpriseTime") || lost > 0) return res;
        lost++;
        await res.text();
        if (answer === "502") return new Response("Bad Gateway", { status: 502 });
        throw new DOMException("The operation timed out.", "TimeoutError");
      },
    };
    const draft: TaskDraft = {
      name: `Lost condition ${answer}`,
      description: "",
      taskType: "1",
      callTimeGroup: mornings(),
      retryStrategy: null,
      params: { CallGroupType: "1", Cnos: "2001" },
      idempotencyKey: `lost-condition-${answer}`,
    };
    const task = await aliyunVmsAdapter.createTask!(ctx, draft);
    expect(lost).toBe(1);
    const { conditions, tasks } = sim.state().enterprises[enterpriseId];
    expect(new Set(conditions.map((c) => c.Name)).size).toBe(conditions.length);
    const used = String(tasks.find((t) => String(t.props.Id) === task.remoteId)?.props.TimeStrategy ?? "").split(",").filter(Boolean);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(conditions.map((c) => String(c.Id))).toContain(id);
  });
});
