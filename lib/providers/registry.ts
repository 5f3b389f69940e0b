// The providers Dialboard speaks to, and the only place that lists them: a fifth provider is one folder plus
// one line below. Every other module asks the registry (adapterFor, allAdapters, isProviderKind) and never
// names a provider, so nothing else changes when one is added.
import { aliyunVmsAdapter } from "./aliyun-vms";
import { nxcloudAdapter } from "./nxcloud";
import type { ProviderAdapter, ProviderKind } from "./types";
import { wshotoAdapter } from "./wshoto";
import { yunfuAdapter } from "./yunfu";

const ADAPTERS = new Map<ProviderKind, ProviderAdapter>();

/** Adds a provider under its adapter's kind; a kind is registered once. */
export function registerProvider(adapter: ProviderAdapter): void {
  if (ADAPTERS.has(adapter.kind)) throw new Error(`Provider kind registered twice: ${adapter.kind}`);
  ADAPTERS.set(adapter.kind, adapter);
}

registerProvider(yunfuAdapter);
registerProvider(aliyunVmsAdapter);
registerProvider(nxcloudAdapter);
registerProvider(wshotoAdapter);

/** Whether `kind` names a registered provider (validates kinds read from forms, URLs and the database). */
export function isProviderKind(kind: unknown): kind is ProviderKind {
  return typeof kind === "string" && ADAPTERS.has(kind);
}

export function adapterFor(kind: string): ProviderAdapter {
  const adapter = ADAPTERS.get(kind);
  if (!adapter) throw new Error(`Unknown provider kind: ${kind}`);
  return adapter;
}

export function allAdapters(): ProviderAdapter[] {
  return [...ADAPTERS.values()];
}
