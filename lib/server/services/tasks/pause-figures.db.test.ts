// Issue 15 point 2: after Pause the figures are the provider's from after the pause, not the last sync's. A
// running demo task dials at the simulator after the mirror's last sync; pausing it from Dialboard leaves the
// mirror holding exactly what the simulator reports. Alibaba Cloud's task read carries no figures (they come
// from CloudMonitorTask, docs/providers/aliyun-vms.md), so it needs the sync path's stats fetch; NXCloud's
// task read carries its taskStat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import { countersOf } from "@/lib/domain/stats";
import { createAliyunVmsSimulator } from "@/simulators/aliyun-vms/server";
import * as aliyunDemo from "@/simulators/aliyun-vms/demo";
import { createNxcloudSimulator } from "@/simulators/nxcloud/server";
import * as nxcloudDemo from "@/simulators/nxcloud/demo";
import type { Simulator } from "@/simulators/core/types";
import { encryptJson } from "../../crypto";
import { getDb } from "../../db";
import { syncAccount } from "../../mirror/sync";
import { COUNTER_SELECT } from "../../stat-counters";
import { freshDatabase } from "../../testing/db";
import { providerContextFor } from "../provider-accounts";
import { performTaskOperation } from "./lifecycle";

type Kind = "aliyun-vms" | "nxcloud";
const actor = { id: null, email: "manager@example.com" };
// The clock stands still until the test lets it run: a Friday 10:00 in Beijing, inside the demo tasks' hours.
const simOpts = { port: 0, calendar: cnCalendarFromPackage(), seedDemo: true, dialing: { factor: 0 }, startAt: new Date("2026-11-20T10:00:00+08:00") };
const sims: Record<Kind, Simulator> = {
  "aliyun-vms": createAliyunVmsSimulator({ ...simOpts, credentials: aliyunDemo.DEMO_CREDENTIALS }),
  nxcloud: createNxcloudSimulator({ ...simOpts, credentials: nxcloudDemo.DEMO_CREDENTIALS }),
};
const demo = { "aliyun-vms": aliyunDemo, nxcloud: nxcloudDemo };
const accounts = {} as Record<Kind, string>;

async function setFactor(kind: Kind, factor: number) {
  const res = await fetch(`${sims[kind].url}/__sim/config`, { method: "POST", body: JSON.stringify({ dialing: { factor } }) });
  expect(res.ok).toBe(true);
}

async function providerCounters(kind: Kind, remoteId: string) {
  const { adapter, ctx } = await providerContextFor(accounts[kind]);
  return countersOf(await adapter.getStats(ctx, remoteId));
}

beforeAll(async () => {
  await freshDatabase();
  for (const kind of Object.keys(sims) as Kind[]) {
    const url = await sims[kind].start();
    const row = await getDb().providerAccount.create({
      data: {
        kind,
        name: `${kind} test`,
        baseUrl: url,
        credentialsEnc: encryptJson(demo[kind].DEMO_CREDENTIALS),
        settings: JSON.stringify(demo[kind].DEMO_SETTINGS),
        allowPrivateNetwork: true, // the simulators listen on loopback
      },
      select: { id: true },
    });
    accounts[kind] = row.id;
    expect((await syncAccount(row.id)).status).toBe("ok");
  }
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.stop()));
});

describe("a paused task's figures are the provider's from after the pause", () => {
  for (const kind of ["aliyun-vms", "nxcloud"] as const) {
    it(`${kind}: calls made since the last sync are in the mirror once Pause returns`, async () => {
      const task = await getDb().task.findFirstOrThrow({
        where: { accountId: accounts[kind], status: "running" },
        orderBy: { name: "asc" },
        select: { id: true, remoteId: true, totalCalls: true },
      });
      // The simulator dials for a while after the sync; then its clock stops, so its figures hold still.
      await setFactor(kind, 600);
      await expect.poll(async () => (await providerCounters(kind, task.remoteId)).totalCalls, { timeout: 20_000, interval: 100 }).toBeGreaterThan(task.totalCalls);
      await setFactor(kind, 0);
      // The engine's next tick still plays the calls up to the stopped clock (ticks are 250 ms apart): wait until
      // two reads a few ticks apart agree.
      let settled = await providerCounters(kind, task.remoteId);
      await expect
        .poll(
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 600));
            const now = await providerCounters(kind, task.remoteId);
            const same = JSON.stringify(now) === JSON.stringify(settled);
            settled = now;
            return same;
          },
          { timeout: 10_000, interval: 0 },
        )
        .toBe(true);
      const stale = await getDb().task.findUniqueOrThrow({ where: { id: task.id }, select: COUNTER_SELECT });
      expect(stale.totalCalls).toBe(task.totalCalls);

      const { status } = await performTaskOperation({ actor, taskId: task.id, op: "pause" });
      expect(status).toBe("paused");
      const stored = await getDb().task.findUniqueOrThrow({ where: { id: task.id }, select: COUNTER_SELECT });
      expect(countersOf(stored)).toEqual(await providerCounters(kind, task.remoteId));
      expect(stored.totalCalls).toBeGreaterThan(task.totalCalls);
    });
  }
});
