// Starts the four provider simulators side by side (used by `npm run simulators` and `npm start`).
import path from "node:path";
import type { HolidayCalendar } from "../lib/domain/holiday-calendar";
import type { ProviderKind } from "../lib/providers/types";
import type { Simulator, SimulatorOptions } from "./core/types";
import { createYunfuSimulator } from "./yunfu/server";
import { createAliyunVmsSimulator } from "./aliyun-vms/server";
import { createNxcloudSimulator } from "./nxcloud/server";
import { createWshotoSimulator } from "./wshoto/server";
import { DEMO_CREDENTIALS as YUNFU_CREDENTIALS } from "./yunfu/demo";
import { DEMO_CREDENTIALS as ALIYUN_VMS_CREDENTIALS } from "./aliyun-vms/demo";
import { DEMO_CREDENTIALS as NXCLOUD_CREDENTIALS } from "./nxcloud/demo";
import { DEMO_CREDENTIALS as WSHOTO_CREDENTIALS } from "./wshoto/demo";

export const DEFAULT_BASE_PORT = 4101;

/** Port order is part of the contract: yunfu basePort, aliyun-vms +1, nxcloud +2, wshoto +3. */
const SIMULATORS: {
  kind: ProviderKind;
  create: (opts: SimulatorOptions) => Simulator;
  credentials: Record<string, string>;
}[] = [
  { kind: "yunfu", create: createYunfuSimulator, credentials: YUNFU_CREDENTIALS },
  { kind: "aliyun-vms", create: createAliyunVmsSimulator, credentials: ALIYUN_VMS_CREDENTIALS },
  { kind: "nxcloud", create: createNxcloudSimulator, credentials: NXCLOUD_CREDENTIALS },
  { kind: "wshoto", create: createWshotoSimulator, credentials: WSHOTO_CREDENTIALS },
];

export interface StartAllSimulatorsOptions {
  /** Default 4101; 0 = free ports. */
  basePort?: number;
  calendar: HolidayCalendar;
  /** Each simulator keeps its state in <stateDir>/<kind>.json; undefined = in memory. */
  stateDir?: string;
  seedDemo?: boolean;
  /** Dialing engine settings for every simulator (e.g. the acceleration factor). */
  dialing?: SimulatorOptions["dialing"];
  /** Where a simulator without per-task callback URLs (Yunfu, WShoto) posts its webhooks. */
  webhookBaseUrl?: (kind: ProviderKind) => string | undefined;
}

export interface RunningSimulator {
  kind: ProviderKind;
  url: string;
  stop(): Promise<void>;
}

/** SIM_<KIND>_PORT, e.g. SIM_ALIYUN_VMS_PORT=5102, overrides the port of one simulator. */
export function simulatorPort(kind: ProviderKind, basePort: number, env: Record<string, string | undefined> = process.env): number {
  const fromEnv = env[`SIM_${kind.toUpperCase().replace(/-/g, "_")}_PORT`];
  if (fromEnv !== undefined && fromEnv !== "") {
    const port = Number(fromEnv);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port for the ${kind} simulator: ${fromEnv}`);
    return port;
  }
  // basePort 0: every simulator on a free port (tests).
  return basePort === 0 ? 0 : basePort + SIMULATORS.findIndex((s) => s.kind === kind);
}

export async function startAllSimulators(opts: StartAllSimulatorsOptions): Promise<RunningSimulator[]> {
  const basePort = opts.basePort ?? DEFAULT_BASE_PORT;
  const running: RunningSimulator[] = [];
  try {
    for (const { kind, create, credentials } of SIMULATORS) {
      const simulator = create({
        port: simulatorPort(kind, basePort),
        credentials,
        calendar: opts.calendar,
        stateFile: opts.stateDir ? path.join(opts.stateDir, `${kind}.json`) : undefined,
        seedDemo: opts.seedDemo,
        dialing: opts.dialing,
        webhookUrl: opts.webhookBaseUrl?.(kind),
      });
      const url = await simulator.start();
      running.push({ kind, url, stop: () => simulator.stop() });
    }
  } catch (err) {
    // One port taken must not leave the others listening.
    await Promise.allSettled(running.map((s) => s.stop()));
    throw err;
  }
  return running;
}
