// The embedded mode (docs/design.md "Runtime"): the four simulators on loopback, one demo provider account per
// kind pointing at them, and demo groups and strategies, so the product is usable the minute it starts.
import path from "node:path";
import { cnCalendarFromPackage } from "../lib/domain/holidays";
import type { ProviderKind } from "../lib/providers/types";
import { appUrl, DATA_DIR } from "../lib/server/config";
import { encryptJson } from "../lib/server/crypto";
import { getDb } from "../lib/server/db";
import { DEFAULT_BASE_PORT, simulatorPort, startAllSimulators } from "../simulators";
import * as aliyunDemo from "../simulators/aliyun-vms/demo";
import * as nxcloudDemo from "../simulators/nxcloud/demo";
import * as wshotoDemo from "../simulators/wshoto/demo";
import * as yunfuDemo from "../simulators/yunfu/demo";

const DEMO: Record<ProviderKind, { name: string; credentials: Record<string, string>; settings: Record<string, string> }> = {
  yunfu: { name: "云蝠 演示 / Yunfu demo", credentials: yunfuDemo.DEMO_CREDENTIALS, settings: yunfuDemo.DEMO_SETTINGS },
  "aliyun-vms": { name: "阿里云 演示 / Aliyun demo", credentials: aliyunDemo.DEMO_CREDENTIALS, settings: aliyunDemo.DEMO_SETTINGS },
  nxcloud: { name: "牛信 演示 / NXCloud demo", credentials: nxcloudDemo.DEMO_CREDENTIALS, settings: nxcloudDemo.DEMO_SETTINGS },
  wshoto: { name: "微盛 演示 / WShoto demo", credentials: wshotoDemo.DEMO_CREDENTIALS, settings: wshotoDemo.DEMO_SETTINGS },
};

/** Creates (first start) or re-points (later starts, ports may differ) the demo account of each kind. */
async function ensureDemoAccounts(basePort: number): Promise<Record<ProviderKind, string>> {
  const db = getDb();
  const ids = {} as Record<ProviderKind, string>;
  for (const kind of Object.keys(DEMO)) {
    const baseUrl = `http://127.0.0.1:${simulatorPort(kind, basePort)}`;
    const existing = await db.providerAccount.findFirst({ where: { kind, isDemo: true }, select: { id: true, settings: true } });
    if (existing) {
      // A setting the demo gained since this account was made (the wizard's agent choices) joins it; what the
      // user set stays.
      const settings = { ...DEMO[kind].settings, ...(JSON.parse(existing.settings) as Record<string, string>) };
      await db.providerAccount.update({ where: { id: existing.id }, data: { baseUrl, settings: JSON.stringify(settings) } });
      ids[kind] = existing.id;
    } else {
      const demo = DEMO[kind];
      const row = await db.providerAccount.create({
        data: { kind, name: demo.name, baseUrl, isDemo: true, credentialsEnc: encryptJson(demo.credentials), settings: JSON.stringify(demo.settings) },
        select: { id: true },
      });
      ids[kind] = row.id;
    }
  }
  return ids;
}

/** Yunfu cannot sign its callbacks: the URL it is given carries the account's callback token (yunfu/sign.ts). */
function callbackQuery(kind: ProviderKind): string {
  const token = kind === "yunfu" ? DEMO.yunfu.credentials.callbackSecret : undefined;
  return token ? `?token=${encodeURIComponent(token)}` : "";
}

export async function prepareEmbedded(): Promise<() => Promise<void>> {
  const basePort = Number(process.env.SIM_BASE_PORT ?? DEFAULT_BASE_PORT);
  const accountIds = await ensureDemoAccounts(basePort);
  const factor = Number(process.env.DIALBOARD_SIM_FACTOR ?? 60);
  const simulators = await startAllSimulators({
    basePort,
    calendar: cnCalendarFromPackage(),
    stateDir: path.join(DATA_DIR, "simulators"),
    seedDemo: true,
    dialing: Number.isFinite(factor) && factor > 0 ? { factor } : undefined,
    webhookBaseUrl: (kind) => `${appUrl().replace(/\/$/, "")}/api/webhooks/${kind}/${accountIds[kind]}${callbackQuery(kind)}`,
  });
  for (const s of simulators) console.log(`Simulator ${s.kind}: ${s.url}`);
  return async () => {
    await Promise.allSettled(simulators.map((s) => s.stop()));
    await getDb().$disconnect();
  };
}
