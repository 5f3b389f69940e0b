// The task wizard's steps and the pure rules between them: the form's values (the server action's own input,
// ZTaskWizardInput), which step owns which field, and how form values become the request. No React here, so
// it is unit-tested directly.
import type { z } from "zod";
import type { SendSummaryView } from "@/lib/contracts/numbers";
import type { TTaskPreviewInput, WizardAccount, WizardOptions, ZTaskWizardInput } from "@/lib/contracts/task-write";
import { wallDateTimeValue } from "@/lib/domain/time-format";
import { defaultFormValues, paramsForTaskType, type ParamFormValue } from "@/lib/providers/param-values";
import type { ParamSpec } from "@/lib/providers/types";

export const WIZARD_STEPS = ["account", "type", "basics", "group", "retry", "params", "numbers", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The form holds exactly what the create action takes (checked by the same schema). */
export type WizardValues = z.input<typeof ZTaskWizardInput>;
export type WizardField = keyof WizardValues;

/** The fields each step edits: its Next checks them, and a server problem on one of them opens the step. */
export const STEP_FIELDS: Record<WizardStep, readonly WizardField[]> = {
  account: ["accountId"],
  type: ["taskType"],
  basics: ["name", "description"],
  group: ["callTimeGroupId", "acceptLosses"],
  retry: ["retryStrategyId"],
  params: ["params"],
  numbers: ["contacts", "contactRows", "listId"],
  review: [],
};

/** Steps whose Next asks the server: what they hold is checked against the provider (limits, losses, rules). */
export const SERVER_CHECKED_STEPS: ReadonlySet<WizardStep> = new Set(["basics", "group", "params", "numbers"]);

/** The step that shows a problem on `field` ("params.maxCall" → params); unknown fields land on the review step. */
export function stepForField(field: string | undefined): WizardStep {
  const top = field?.split(".")[0];
  return WIZARD_STEPS.find((step) => STEP_FIELDS[step].some((f) => f === top)) ?? "review";
}

/** Parameters prefilled with the provider's documented defaults for a task type. */
export function defaultParams(account: WizardAccount | null, taskType: string): Record<string, ParamFormValue> {
  return account && taskType ? defaultFormValues(paramsForTaskType(account.params, taskType)) : {};
}

/** A fresh form: the only account and its only task type when there is one choice, the default group. */
export function initialValues(options: WizardOptions, idempotencyKey: string): WizardValues {
  const account = options.accounts.length === 1 ? options.accounts[0] : null;
  const taskType = account?.taskTypes.length === 1 ? account.taskTypes[0].value : "";
  return {
    accountId: account?.id ?? "",
    taskType,
    name: "",
    description: "",
    callTimeGroupId: options.groups.find((group) => group.isDefault)?.id ?? options.groups[0]?.id ?? "",
    acceptLosses: false,
    retryStrategyId: null,
    params: defaultParams(account, taskType),
    contacts: [],
    contactRows: 0,
    listId: null,
    idempotencyKey,
  };
}

/**
 * Request parameters from the form: only the task type's parameters; a datetime typed in the
 * browser's local time is sent as an instant (ISO 8601 with Z) so the server never guesses a zone,
 * except one the provider reads in its own zone (ParamSpec.timeZone), which is sent as typed.
 */
export function requestParams(
  specs: readonly ParamSpec[],
  taskType: string,
  form: Record<string, ParamFormValue | number | null>,
): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = {};
  for (const spec of paramsForTaskType(specs, taskType)) {
    const value = form[spec.key];
    if (typeof value === "boolean") {
      out[spec.key] = value;
    } else if (value === undefined || value === null || String(value).trim() === "") {
      out[spec.key] = null;
    } else if (spec.type === "datetime" && spec.timeZone) {
      // Wall time in the provider's zone (Yunfu: China time): sent as typed, whatever the browser's zone.
      out[spec.key] = wallDateTimeValue(String(value), spec.timeZone) || String(value).trim();
    } else if (spec.type === "datetime") {
      const instant = new Date(String(value));
      out[spec.key] = Number.isNaN(instant.getTime()) ? String(value) : instant.toISOString();
    } else {
      out[spec.key] = String(value).trim();
    }
  }
  return out;
}

/** What the preview (and, with the numbers and the key, the create) sends for these values. */
export function previewRequest(values: WizardValues, account: WizardAccount | null): TTaskPreviewInput {
  return {
    accountId: values.accountId,
    taskType: values.taskType,
    name: values.name,
    description: values.description,
    callTimeGroupId: values.callTimeGroupId,
    acceptLosses: values.acceptLosses,
    retryStrategyId: values.retryStrategyId,
    params: account ? requestParams(account.params, values.taskType, values.params) : {},
  };
}

/** Where the numbers step takes the numbers from: a contact list (/contacts), or pasted / uploaded here. */
export type NumbersSource = "list" | "paste";

/**
 * The numbers the create sends, from the source chosen on the numbers step only: what was pasted before the
 * user switched to a list (or the reverse) stays in the form, to switch back to, but is not sent.
 */
export function numbersRequest(values: WizardValues, source: NumbersSource): Pick<WizardValues, "contacts" | "contactRows" | "listId"> {
  return source === "list" ? { contacts: [], contactRows: 0, listId: values.listId ?? null } : { contacts: values.contacts, contactRows: values.contactRows, listId: null };
}

/**
 * Why the numbers step cannot go on with a list (the wizard's key under "numbers."), or null: no list chosen,
 * its summary still being read, or a list that would send nothing (refused like a paste without a valid number;
 * the server checks again on create).
 */
export function listProblem(source: NumbersSource, listId: string | null | undefined, summary: SendSummaryView | null): "chooseList" | "listChecking" | "listNothingToSend" | null {
  if (source !== "list") return null;
  if (!listId) return "chooseList";
  if (!summary) return "listChecking";
  return summary.willSend === 0 ? "listNothingToSend" : null;
}

/** Script variable names typed as "a, b ,c": trimmed, blanks and repeats removed. */
export function variableNames(text: string): string[] {
  return [...new Set(text.split(/[,，]/).map((name) => name.trim()).filter((name) => name !== ""))];
}

/** A key for this wizard session: crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function" && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
