// The task wizard's steps and the pure rules between them: which step a server error belongs to and
// how form values become the request's parameters. No React here, so it is unit-tested directly.
import { wallDateTimeValue } from "@/lib/domain/time-format";
import { paramsForTaskType, type ParamFormValue } from "@/lib/providers/param-values";
import type { ParamSpec } from "@/lib/providers/types";

export const WIZARD_STEPS = ["account", "type", "basics", "group", "retry", "params", "numbers", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The step that shows a server error for `field` (AppError.field); unknown fields land on the review step. */
export function stepForField(field: string | undefined): WizardStep {
  if (!field) return "review";
  if (field.startsWith("params.")) return "params";
  const byField: Record<string, WizardStep> = {
    accountId: "account",
    taskType: "type",
    name: "basics",
    description: "basics",
    callTimeGroupId: "group",
    acceptLosses: "group",
    retryStrategyId: "retry",
    contacts: "numbers",
  };
  return byField[field] ?? "review";
}

/**
 * Request parameters from the form: only the task type's parameters; a datetime typed in the
 * browser's local time is sent as an instant (ISO 8601 with Z) so the server never guesses a zone,
 * except one the provider reads in its own zone (ParamSpec.timeZone), which is sent as typed.
 */
export function requestParams(
  specs: readonly ParamSpec[],
  taskType: string,
  form: Record<string, ParamFormValue>,
): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = {};
  for (const spec of paramsForTaskType(specs, taskType)) {
    const value = form[spec.key];
    if (typeof value === "boolean") {
      out[spec.key] = value;
    } else if (value === undefined || value.trim() === "") {
      out[spec.key] = null;
    } else if (spec.type === "datetime" && spec.timeZone) {
      // Wall time in the provider's zone (Yunfu: China time): sent as typed, whatever the browser's zone.
      out[spec.key] = wallDateTimeValue(value, spec.timeZone) || value.trim();
    } else if (spec.type === "datetime") {
      const instant = new Date(value);
      out[spec.key] = Number.isNaN(instant.getTime()) ? value : instant.toISOString();
    } else {
      out[spec.key] = value.trim();
    }
  }
  return out;
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
