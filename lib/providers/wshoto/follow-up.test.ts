// The WShoto adapter's follow-up view against the WShoto simulator: what the services show of a follow-up
// task comes from the adapter, in a provider-neutral shape (FollowUpDetail), never parsed outside this folder.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HolidayCalendar } from "../../domain/holiday-calendar";
import { DEMO_CREDENTIALS } from "../../../simulators/wshoto/demo";
import { DOC_TEMPLATE_ID } from "../../../simulators/wshoto/seed";
import { createWshotoSimulator } from "../../../simulators/wshoto/server";
import type { ProviderContext } from "../types";
import { clearAccessTokenCache } from "./client";
import { wshotoAdapter } from "./index";

const calendar: HolidayCalendar = { region: "CN", coveredYears: [], days: {} };
const START = new Date("2026-11-23T02:00:00Z");
const sim = createWshotoSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, seedDemo: true, startAt: START, dialing: { factor: 0 } });
let ctx: ProviderContext;

beforeAll(async () => {
  clearAccessTokenCache();
  ctx = { baseUrl: await sim.start(), credentials: DEMO_CREDENTIALS, settings: {}, backoffMs: 5, now: () => START };
});
afterAll(() => sim.stop());

describe("WShoto getFollowUpDetail", () => {
  it("tells what employees are asked to do, whom it targets and how far each got", async () => {
    const detail = await wshotoAdapter.getFollowUpDetail!(ctx, DOC_TEMPLATE_ID);
    expect(detail.templateId).toBe(DOC_TEMPLATE_ID);
    expect(detail.explain).toContain("双十二");
    expect(detail.verbalTitle).toBe("老客户回访话术");
    expect(detail.explainMaterials + detail.verbalMaterials).toBe(detail.materials.length);
    expect(detail.materials[0].id).toMatch(/^\d{19}$/);
    // Pretty-printed, with the tag names as WShoto sent them.
    expect(detail.filterRange).toContain('"tag_name": "双十二下单"');
    expect(detail.execution.length).toBeGreaterThan(0);
    for (const e of detail.execution) expect(e.followedTargetQty + e.noFollowTargetQty).toBe(e.planTargetQty);
  });
});
