// How the numbers services reach a provider account's adapter. Injected so a db test can stand in a stub
// adapter (the real adapters' number-level operations arrive from the provider branches).
import "server-only";
import type { ProviderAdapter, ProviderContext } from "../../providers/types";
import { providerContextFor } from "../services/provider-accounts";

export type ContextFor = (accountId: string) => Promise<{ adapter: ProviderAdapter; ctx: ProviderContext; account: { id: string; name: string } }>;

export const defaultContextFor: ContextFor = (accountId) => providerContextFor(accountId);
