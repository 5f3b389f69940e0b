import type { AccountSummary, AccountView } from "@/lib/server/services/provider-accounts";
import type { ProviderCapabilities } from "@/lib/providers/types";

/** An account as its edit form receives it (dates as ISO strings, no secrets). */
export type AccountProps = Omit<AccountView, "lastTestAt"> & { lastTestAt: string | null };

/** An account as a card on the list receives it (any role): no credential, no setting. */
export type AccountCardProps = Omit<AccountSummary, "lastTestAt" | "settings"> & { lastTestAt: string | null };

/** Capabilities without functions, as providerKinds() returns them. */
export type KindProps = Omit<ProviderCapabilities, "validateParams">;
