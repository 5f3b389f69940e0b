// The four adapters by kind. A fifth provider is one folder plus one line here; nothing else knows them.
import { aliyunVmsAdapter } from "./aliyun-vms";
import { nxcloudAdapter } from "./nxcloud";
import type { ProviderAdapter, ProviderKind } from "./types";
import { wshotoAdapter } from "./wshoto";
import { yunfuAdapter } from "./yunfu";

const ADAPTERS: Record<ProviderKind, ProviderAdapter> = {
  yunfu: yunfuAdapter,
  "aliyun-vms": aliyunVmsAdapter,
  nxcloud: nxcloudAdapter,
  wshoto: wshotoAdapter,
};

export function adapterFor(kind: string): ProviderAdapter {
  const adapter = ADAPTERS[kind as ProviderKind];
  if (!adapter) throw new Error(`Unknown provider kind: ${kind}`);
  return adapter;
}

export function allAdapters(): ProviderAdapter[] {
  return Object.values(ADAPTERS);
}
