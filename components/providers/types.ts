import type { AccountView } from "@/lib/server/services/provider-accounts";
import type { ProviderCapabilities } from "@/lib/providers/types";

/** An account as a page receives it (dates as ISO strings, no secrets). */
export type AccountProps = Omit<AccountView, "lastTestAt"> & { lastTestAt: string | null };

/** Capabilities without functions, as providerKinds() returns them. */
export type KindProps = Omit<ProviderCapabilities, "validateParams">;
