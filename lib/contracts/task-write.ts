// What crosses between the task-write pages (the wizard at /tasks/new, the settings form on a task page) and
// the server: the input schemas the server actions validate with — and the forms too, through
// react-hook-form's zodResolver — and the views the server answers with. Not server-only: it imports only
// lib/domain and the types of lib/providers, so the browser may load it.
//
// The schemas check shape and bounds only. What depends on the provider (its name limit, its parameter
// ranges and rules, what it loses of a call-time group) is checked once, on the server, by the task-write
// pipeline (lib/server/services/tasks/write.ts), which answers with the field each problem belongs to.
import { z } from "zod";
import { boundedRecord, ID_MAX, ZId } from "../domain/bounds";
import type { LocalizedText } from "../domain/text";
import type { ParamChoice, ParamSpec, ProviderKind } from "../providers/types";

/** One wizard import (MAX_CONTACT_ROWS of lib/domain/contacts-import.ts); "add numbers" takes as many. */
export const MAX_CONTACTS_PER_REQUEST = 10_000;

/** Above every provider's documented limit (the longest is 300): a bound, not a rule. */
const NAME_MAX = 500;
const DESCRIPTION_MAX = 5_000;
/** Every provider documents fewer parameters, and a CSV row has few columns. */
const MAX_PARAMS = 100;
const MAX_VARIABLES = 50;

export const ZParamValue = z.union([z.string().max(5_000), z.number(), z.boolean(), z.null()]);
export const ZParams = boundedRecord(ZParamValue, MAX_PARAMS);

/** A number as it goes to a provider: E.164, a name, the script's variables. */
export const ZContact = z.object({
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/),
  name: z.string().max(200),
  variables: boundedRecord(z.string().max(1_000), MAX_VARIABLES),
});

export const ZContacts = z.array(ZContact).max(MAX_CONTACTS_PER_REQUEST);

/** The settings every task write sends (wizard and edit alike). */
const ZTaskSettingsFields = z.object({
  name: z.string().max(NAME_MAX),
  description: z.string().max(DESCRIPTION_MAX),
  /** Empty while none is chosen: the pipeline answers on this field. */
  callTimeGroupId: z.string().max(ID_MAX),
  retryStrategyId: ZId.nullable(),
  params: ZParams,
  /** The manager saw what the provider cannot keep of the call-time group and confirmed it. */
  acceptLosses: z.boolean(),
});

/** The wizard's preview: exactly what would be sent and every problem, without sending. */
export const ZTaskPreviewInput = ZTaskSettingsFields.extend({ accountId: ZId, taskType: z.string().min(1).max(ID_MAX) });
export type TTaskPreviewInput = z.infer<typeof ZTaskPreviewInput>;

export const ZTaskWizardInput = ZTaskPreviewInput.extend({
  contacts: ZContacts,
  /**
   * How many rows the user gave on the numbers step (0: none, the task is created empty on purpose). A list
   * whose rows all failed must not silently become an empty task (issue 15 point 13).
   */
  contactRows: z.number().int().min(0).max(100_000_000).default(0),
  /**
   * Or a contact list (/contacts) instead of pasted numbers: the task is created empty and the list is sent to
   * it by the durable send job, in the provider's batch size (issue 13 point 3). Never with `contacts`.
   */
  listId: ZId.nullable().default(null),
  // Made in the browser before the first submit and sent again on every retry of the same task.
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});
export type TTaskWizardInput = z.infer<typeof ZTaskWizardInput>;
/** What a caller may send (defaults not yet applied: no list, no rows). */
export type TTaskWizardRequest = z.input<typeof ZTaskWizardInput>;

/** Editing an existing task (its provider and task type stay). */
export const ZTaskSettings = ZTaskSettingsFields;
export type TTaskSettings = z.infer<typeof ZTaskSettings>;

/** A problem of a task write, on the form field it belongs to ("name", "params.maxCall", "acceptLosses"…). */
export interface TaskWriteIssue {
  field: string;
  message: LocalizedText;
}

/** An encoded call-time group or retry strategy: what the provider receives and what it cannot keep. */
export interface EncodedRule {
  id: string;
  name: string;
  value: unknown;
  losses: LocalizedText[];
}

export interface TaskPreview {
  /** Null while no group is chosen. */
  callTimeGroup: EncodedRule | null;
  retryStrategy: EncodedRule | null;
  /** Typed parameters as they go to the adapter (empty while a parameter has a problem). */
  params: Record<string, string | number | boolean | null>;
  /** Every problem, each on its field; nothing is sent while there is one. */
  issues: TaskWriteIssue[];
}

export interface WizardAccount {
  id: string;
  name: string;
  kind: ProviderKind;
  providerLabel: LocalizedText;
  isDemo: boolean;
  taskTypes: { value: string; label: LocalizedText }[];
  limits: { nameMaxLength: number; descriptionMaxLength: number; contactsBatchSize: number };
  params: ParamSpec[];
  /** Values the account offers for parameters whose spec says `choices` (its agents, its IVRs), by key. */
  paramChoices: Record<string, ParamChoice[]>;
}

/** A call-time group or retry strategy to choose, with what each account's provider cannot keep of it. */
export interface WizardRule {
  id: string;
  name: string;
  summary: LocalizedText;
  /** accountId → what that account's provider cannot express. */
  losses: Record<string, LocalizedText[]>;
}

export interface WizardOptions {
  accounts: WizardAccount[];
  /** Enabled accounts whose provider is read-only here (WShoto) and disabled accounts, for the empty state. */
  unavailableAccounts: number;
  groups: (WizardRule & { isDefault: boolean; timeZone: string })[];
  strategies: WizardRule[];
}

/** What sending numbers to a task did: counts, numbers the provider refused, batches that failed. */
export interface SendContactsResult {
  accepted: number;
  rejected: { phone: string; reason: LocalizedText }[];
  /** 0-based batch index and why it failed; its numbers were not added. */
  failedBatches: { index: number; error: LocalizedText }[];
}

export interface TaskCreationResult {
  taskId: string;
  contacts: SendContactsResult;
  /** The send job of the list chosen on the numbers step (its task page's numbers tab follows it); null without a list. */
  listSend: { jobId: string } | null;
}

/** The settings form's choices for one task: groups and strategies with what this task's provider loses. */
export interface TaskEditOptions {
  groups: { id: string; name: string; losses: LocalizedText[] }[];
  strategies: { id: string; name: string; losses: LocalizedText[] }[];
}
