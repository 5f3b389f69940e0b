// WShoto tasks older than 90 days stay in the mirror: the list takes windows of at most 90 days, and a sync
// that only asked for the last 90 days marked every older task gone (docs/providers/wshoto.md §7).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HolidayCalendar } from "../../domain/holiday-calendar";
import { clearAccessTokenCache } from "../../providers/wshoto/client";
import { DEMO_CREDENTIALS } from "../../../simulators/wshoto/demo";
import { createWshotoSimulator } from "../../../simulators/wshoto/server";
import type { Simulator } from "../../../simulators/core/types";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { syncAccount } from "./sync";
import { createAccount } from "./test-support";

const calendar: HolidayCalendar = { region: "CN", coveredYears: [], days: {} };
let sim: Simulator;

beforeAll(async () => {
  // The simulator's demo tasks are 0–60 days old on its clock; that clock starts 200 days before ours, so for
  // the sync (which reads our clock) every task is 200–260 days old, whatever day the test runs.
  sim = createWshotoSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar, seedDemo: true, startAt: new Date(Date.now() - 200 * 86_400_000), dialing: { factor: 0 } });
  await sim.start();
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await freshDatabase();
  clearAccessTokenCache();
});

describe("syncAccount against the WShoto simulator", () => {
  it("mirrors tasks created more than 90 days ago and never marks them gone", async () => {
    const accountId = await createAccount("wshoto", sim.url, DEMO_CREDENTIALS);
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as { tasks: { template_id: string }[] };
    for (let run = 0; run < 2; run++) {
      const result = await syncAccount(accountId);
      expect(result).toMatchObject({ status: "ok", seen: 8, gone: 0 });
    }
    const rows = await getDb().task.findMany({ where: { accountId }, select: { remoteId: true, goneAt: true } });
    expect(rows.map((r) => r.remoteId).sort()).toEqual(state.tasks.map((t) => t.template_id).sort());
    expect(rows.every((r) => r.goneAt === null)).toBe(true);
  });
});
