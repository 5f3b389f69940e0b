// `npm run simulators`: the four provider simulators with demo data, state under data/simulators/.
// Ports 4101–4104 (SIM_BASE_PORT or SIM_<KIND>_PORT to move them). Webhooks of Yunfu and WShoto go to
// SIM_<KIND>_WEBHOOK_URL when set, or wherever POST /__sim/config says later.
import path from "node:path";
import { cnCalendarFromPackage } from "../lib/domain/holidays";
import type { ProviderKind } from "../lib/providers/types";
import { startAllSimulators } from "./index";

const root = path.resolve(import.meta.dirname, "..");

function webhookUrlFromEnv(kind: ProviderKind): string | undefined {
  return process.env[`SIM_${kind.toUpperCase().replace(/-/g, "_")}_WEBHOOK_URL`] || undefined;
}

async function main(): Promise<void> {
  const basePort = process.env.SIM_BASE_PORT ? Number(process.env.SIM_BASE_PORT) : undefined;
  if (basePort !== undefined && !(Number.isInteger(basePort) && basePort >= 0 && basePort <= 65532)) {
    throw new Error(`SIM_BASE_PORT must be a port number, got "${process.env.SIM_BASE_PORT}"`);
  }
  const simulators = await startAllSimulators({
    basePort,
    calendar: cnCalendarFromPackage(),
    stateDir: path.join(root, "data", "simulators"),
    seedDemo: true,
    webhookBaseUrl: webhookUrlFromEnv,
  });
  for (const s of simulators) console.log(`${s.kind.padEnd(10)} ${s.url}`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping simulators`);
    await Promise.allSettled(simulators.map((s) => s.stop()));
    process.exit(0);
  };
  process.on("SIGINT", (s) => void stop(s));
  process.on("SIGTERM", (s) => void stop(s));
}

main().catch((err: unknown) => {
  console.error(`simulators failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
