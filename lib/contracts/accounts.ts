// A provider account as the account form edits it and as pages show it. The same schema validates the form
// in the browser (react-hook-form's zodResolver) and the server action; a refusal's message is a key of the
// `forms` catalog (messages/<locale>/forms.json), which the form shows in the user's language.
import { z } from "zod";
import type { LocalizedText } from "../domain/text";
import type { ProviderCapabilities, ProviderKind } from "../providers/types";
import { ACCOUNT_FIELD_MAX, ACCOUNT_FIELDS_MAX, ACCOUNT_NAME_MAX, ACCOUNT_URL_MAX } from "./account-limits";

export { ACCOUNT_FIELD_MAX, ACCOUNT_FIELDS_MAX, ACCOUNT_MESSAGE_VALUES, ACCOUNT_NAME_MAX, ACCOUNT_URL_MAX } from "./account-limits";

const fieldValues = z
  .record(z.string().max(64, { error: "account.fieldUnknown" }), z.string().max(ACCOUNT_FIELD_MAX, { error: "account.fieldTooLong" }))
  .refine((fields) => Object.keys(fields).length <= ACCOUNT_FIELDS_MAX, { error: "account.fieldUnknown" });


export const ZAccountInput = z.object({
  /** A registered provider kind; the service refuses one the registry does not know. */
  kind: z.string().trim().min(1, { error: "account.kind" }).max(40, { error: "account.kind" }),
  name: z.string().trim().min(1, { error: "account.name" }).max(ACCOUNT_NAME_MAX, { error: "account.name" }),
  baseUrl: z
    .string()
    .trim()
    .max(ACCOUNT_URL_MAX, { error: "account.baseUrl" })
    .pipe(z.url({ protocol: /^https?$/, error: "account.baseUrl" })),
  /** Secret fields: an empty string keeps the stored value ("replace" only when typed). */
  credentials: fieldValues,
  settings: fieldValues,
  enabled: z.boolean().default(true),
});
export type TAccountInput = z.infer<typeof ZAccountInput>;

export const ZAccountUpdate = z.object({ id: z.string().min(1).max(64), data: ZAccountInput });

/** What any page (a viewer's included) may see of an account: no credential at all, declared settings only. */
export interface AccountSummary {
  id: string;
  kind: ProviderKind;
  name: string;
  baseUrl: string;
  enabled: boolean;
  isDemo: boolean;
  /** An administrator allowed private and loopback addresses for this account (demo accounts always may). */
  allowPrivateNetwork: boolean;
  /** The kind's declared non-secret settings only. */
  settings: Record<string, string>;
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  /** Why the last connection test failed, in both languages. */
  lastTestError: LocalizedText | null;
  webhookUrl: string;
  taskCount: number;
  /** Something about the account worth a manager's attention that did not fail an operation (ProviderWarning). */
  warning: { code: string; message: LocalizedText; at: string } | null;
}

/** The edit form's view (managers): also the non-secret credential fields and, for secrets, only "set". */
export interface AccountView extends AccountSummary {
  /** Non-secret credential fields (e.g. NXCloud uuid, algorithm) and, for secrets, only "set". */
  credentialFields: Record<string, { secret: boolean; value: string | null; isSet: boolean }>;
}

/** An account as its edit form receives it (dates as ISO strings, no secrets). */
export type AccountProps = Omit<AccountView, "lastTestAt"> & { lastTestAt: string | null };

/** An account as a card on the list receives it (any role): no credential, no setting. */
export type AccountCardProps = Omit<AccountSummary, "lastTestAt" | "settings"> & { lastTestAt: string | null };

/** A provider's capabilities without functions, as the account form and pages receive them. */
export type KindProps = Omit<ProviderCapabilities, "validateParams">;
