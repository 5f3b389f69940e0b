import { afterEach, describe, expect, it } from "vitest";
import { cnCalendarFromPackage } from "../lib/domain/holidays";
import { simulatorPort, startAllSimulators, type RunningSimulator } from "./index";

// The simulators' port order is their contract (README "Configuration"): yunfu, aliyun-vms, nxcloud, wshoto.
const PORT_ORDER = ["yunfu", "aliyun-vms", "nxcloud", "wshoto"];

let running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

describe("startAllSimulators", () => {
  it("starts the four simulators with demo data, each answering its health check", async () => {
    running = await startAllSimulators({ basePort: 0, calendar: cnCalendarFromPackage(), seedDemo: true });
    expect(running.map((s) => s.kind)).toEqual(PORT_ORDER);
    for (const s of running) {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${s.url}/__sim/health`);
      expect(await res.json()).toMatchObject({ ok: true, kind: s.kind });
    }
  });
});

describe("simulatorPort", () => {
  it("numbers the ports from the base in a fixed order, overridable per kind", () => {
    expect(PORT_ORDER.map((k) => simulatorPort(k, 4101, {}))).toEqual([4101, 4102, 4103, 4104]);
    expect(simulatorPort("aliyun-vms", 4101, { SIM_ALIYUN_VMS_PORT: "5000" })).toBe(5000);
    expect(() => simulatorPort("nxcloud", 4101, { SIM_NXCLOUD_PORT: "http" })).toThrow();
  });
});
