// Each adapter names the form field of a refusal that names a field (ProviderError.field), against its
// simulator over HTTP: the task-write pipeline shows the refusal on that field, never reading provider text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCallTimeGroup } from "../domain/call-time-group";
import { cnCalendarFromPackage } from "../domain/holidays";
import { createAliyunVmsSimulator } from "../../simulators/aliyun-vms/server";
import * as aliyunDemo from "../../simulators/aliyun-vms/demo";
import { createNxcloudSimulator } from "../../simulators/nxcloud/server";
import * as nxcloudDemo from "../../simulators/nxcloud/demo";
import { createYunfuSimulator } from "../../simulators/yunfu/server";
import * as yunfuDemo from "../../simulators/yunfu/demo";
import { ProviderError } from "./errors";
import { adapterFor } from "./registry";
import type { ProviderContext, TaskDraft } from "./types";

const calendar = cnCalendarFromPackage();
const opts = { port: 0, calendar, dialing: { factor: 0 }, startAt: new Date("2026-12-07T02:00:00Z") };
const sims = {
  yunfu: { sim: createYunfuSimulator({ ...opts, credentials: yunfuDemo.DEMO_CREDENTIALS }), demo: yunfuDemo },
  "aliyun-vms": { sim: createAliyunVmsSimulator({ ...opts, credentials: aliyunDemo.DEMO_CREDENTIALS }), demo: aliyunDemo },
  nxcloud: { sim: createNxcloudSimulator({ ...opts, credentials: nxcloudDemo.DEMO_CREDENTIALS }), demo: nxcloudDemo },
};
const ctx = {} as Record<keyof typeof sims, ProviderContext>;

beforeAll(async () => {
  for (const [kind, { sim, demo }] of Object.entries(sims) as [keyof typeof sims, (typeof sims)[keyof typeof sims]][]) {
    ctx[kind] = { baseUrl: await sim.start(), credentials: demo.DEMO_CREDENTIALS, settings: demo.DEMO_SETTINGS, backoffMs: 1 };
  }
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map(({ sim }) => sim.stop()));
});

function draft(taskType: string, params: TaskDraft["params"], name = "Refusals"): TaskDraft {
  return { name, description: "", taskType, callTimeGroup: defaultCallTimeGroup("Weekdays"), retryStrategy: null, params, idempotencyKey: `refusal-${name}` };
}

async function refusal(p: Promise<unknown>): Promise<ProviderError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

describe("a provider's refusal carries the form field it names", () => {
  it("NXCloud: a parameter value below its range is on that parameter", async () => {
    const e = await refusal(adapterFor("nxcloud").createTask!(ctx.nxcloud, draft("callbot", { maxCall: 0, startupType: 1 })));
    expect(e.field).toBe("params.maxCall");
  });

  it("Alibaba Cloud: a name of 50 characters or more is on the name", async () => {
    const e = await refusal(adapterFor("aliyun-vms").createTask!(ctx["aliyun-vms"], draft("1", { Cnos: "1001" }, "x".repeat(60))));
    expect(e.field).toBe("name");
  });

  it("Yunfu: a stop time before the start time is on the stop time", async () => {
    const params = { destination_extension: 1, maximumcall: 1, start_time: "2026-12-31 00:00", stop_time: "2026-12-01 00:00" };
    const e = await refusal(adapterFor("yunfu").createTask!(ctx.yunfu, draft("2.0", params)));
    expect(e.field).toBe("params.stop_time");
  });
});
