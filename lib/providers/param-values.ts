// Dialing parameters: the values of a provider's ParamSpec list, as the task wizard's generated form
// and the create service both check them. Pure (no I/O) so the browser shows the same range errors
// the server enforces; the provider's cross-field rules (capabilities.validateParams) run on top.
import type { LocalizedText } from "../domain/call-time-group";
import { PARAM_GROUPS, type ParamGroup, type ParamIssue, type ParamSpec, type ProviderCapabilities } from "./types";

export type ParamValue = string | number | boolean | null;
export type ParamValues = Record<string, ParamValue>;

/** What a form field holds: text for inputs and selects, a flag for checkboxes. */
export type ParamFormValue = string | boolean;

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** The parameters a task type uses, in the provider's documented order. */
export function paramsForTaskType(specs: readonly ParamSpec[], taskType: string): ParamSpec[] {
  return specs.filter((spec) => !spec.taskTypes || spec.taskTypes.includes(taskType));
}

/** The form's sections in their fixed order, each with its parameters in the provider's order; empty ones left out. */
export function paramSections(specs: readonly ParamSpec[]): { group: ParamGroup; specs: ParamSpec[] }[] {
  return PARAM_GROUPS.map((group) => ({ group, specs: specs.filter((spec) => (spec.group ?? "essential") === group) })).filter(
    (section) => section.specs.length > 0,
  );
}

/** Form values prefilled with the documented defaults (blank where there is none). */
export function defaultFormValues(specs: readonly ParamSpec[]): Record<string, ParamFormValue> {
  return Object.fromEntries(
    specs.map((spec) => {
      if (spec.type === "boolean") return [spec.key, spec.default === true];
      return [spec.key, spec.default === null || spec.default === undefined ? "" : String(spec.default)];
    }),
  );
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Decimal places written in a number's text ("1.25" → 2). */
function decimalPlaces(text: string): number {
  const match = /\.(\d+)$/.exec(text.trim());
  return match ? match[1].length : 0;
}

function rangeText(spec: ParamSpec): LocalizedText | null {
  const { min, max, minExclusive } = spec;
  if (min !== undefined && max !== undefined) {
    return minExclusive ? t(`greater than ${min} and at most ${max}`, `大于 ${min} 且不超过 ${max}`) : t(`${min} to ${max}`, `${min} 到 ${max}`);
  }
  if (min !== undefined) return minExclusive ? t(`greater than ${min}`, `大于 ${min}`) : t(`at least ${min}`, `不小于 ${min}`);
  if (max !== undefined) return t(`at most ${max}`, `不超过 ${max}`);
  return null;
}

/** The documented range as a hint under the field, e.g. "5 to 60". */
export function paramRangeHint(spec: ParamSpec): LocalizedText | null {
  if (spec.type === "string" && spec.maxLength) return t(`Up to ${spec.maxLength} characters`, `最多 ${spec.maxLength} 个字符`);
  if (spec.type !== "int" && spec.type !== "decimal") return null;
  const parts: LocalizedText[] = [];
  const range = rangeText(spec);
  if (range) parts.push(range);
  if (spec.type === "decimal" && spec.decimals !== undefined) parts.push(t(`up to ${spec.decimals} decimals`, `最多 ${spec.decimals} 位小数`));
  if (parts.length === 0) return null;
  const en = parts.map((p) => p.en).join(", ");
  return { en: en[0].toUpperCase() + en.slice(1), zh: parts.map((p) => p.zh).join("，") };
}

function numberIssue(spec: ParamSpec, text: string): LocalizedText | null {
  const trimmed = text.trim();
  const pattern = spec.type === "int" ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  if (!pattern.test(trimmed)) {
    return spec.type === "int" ? t("Enter a whole number.", "请输入整数。") : t("Enter a number.", "请输入数字。");
  }
  const n = Number(trimmed);
  const { min, max, minExclusive } = spec;
  const below = min !== undefined && (minExclusive ? n <= min : n < min);
  const above = max !== undefined && n > max;
  if (below || above) {
    const range = rangeText(spec);
    return range ? t(`Must be ${range.en}.`, `须为${range.zh}。`) : t("Out of range.", "超出范围。");
  }
  if (spec.type === "decimal" && spec.decimals !== undefined && decimalPlaces(trimmed) > spec.decimals) {
    return t(`At most ${spec.decimals} decimal places.`, `最多 ${spec.decimals} 位小数。`);
  }
  return null;
}

/** Range, type, option and length checks of one value, as documented in its ParamSpec. */
export function checkParamValue(spec: ParamSpec, value: unknown): LocalizedText | null {
  if (spec.type === "boolean") {
    return value === undefined || value === null || typeof value === "boolean" ? null : t("Choose yes or no.", "请选择是或否。");
  }
  if (isBlank(value)) return spec.required ? t("Required.", "必填。") : null;
  if (typeof value !== "string" && typeof value !== "number") return t("Not a valid value.", "取值无效。");
  const text = String(value);
  switch (spec.type) {
    case "int":
    case "decimal":
      return numberIssue(spec, text);
    case "enum":
      return spec.options?.some((option) => option.value === text) ? null : t("Choose one of the options.", "请从选项中选择。");
    case "string":
      return spec.maxLength !== undefined && text.length > spec.maxLength
        ? t(`At most ${spec.maxLength} characters (now ${text.length}).`, `最多 ${spec.maxLength} 个字符（当前 ${text.length} 个）。`)
        : null;
    case "datetime":
      return Number.isNaN(new Date(text).getTime()) ? t("Enter a date and time.", "请输入日期和时间。") : null;
  }
}

/**
 * Typed values from form or request values: numbers as numbers, blanks as null, flags as booleans.
 * Only the parameters the task type uses are kept; call checkParams first so nothing is coerced
 * that would not pass.
 */
export function paramValuesFrom(specs: readonly ParamSpec[], input: Record<string, unknown>): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    const raw = input[spec.key];
    if (spec.type === "boolean") {
      values[spec.key] = raw === true;
    } else if (isBlank(raw)) {
      values[spec.key] = null;
    } else if (spec.type === "int" || spec.type === "decimal") {
      values[spec.key] = Number(String(raw).trim());
    } else {
      values[spec.key] = String(raw).trim();
    }
  }
  return values;
}

/**
 * Every problem of a parameter set: first each value against its spec, then the provider's
 * cross-field rules (only on values that passed, so one field never shows two messages).
 * A key no parameter of this task type has is refused rather than dropped.
 */
export function checkParams(
  capabilities: Pick<ProviderCapabilities, "params" | "validateParams">,
  taskType: string,
  input: Record<string, unknown>,
): ParamIssue[] {
  const specs = paramsForTaskType(capabilities.params, taskType);
  const issues: ParamIssue[] = [];
  for (const key of Object.keys(input)) {
    if (!specs.some((spec) => spec.key === key)) {
      issues.push({ key, message: t(`${key} is not a parameter of this task type.`, `${key} 不是该任务类型的参数。`) });
    }
  }
  for (const spec of specs) {
    const message = checkParamValue(spec, input[spec.key]);
    if (message) issues.push({ key: spec.key, message });
  }
  if (issues.length > 0) return issues;
  const values = paramValuesFrom(specs, input);
  const seen = new Set<string>();
  return capabilities.validateParams(taskType, values).filter((issue) => {
    if (seen.has(issue.key)) return false;
    seen.add(issue.key);
    return true;
  });
}
