"use client";
// Step 6: the dialing parameters, one control per parameter the provider documents for the task type,
// defaults prefilled and ranges as hints. The server checks them (and the provider's cross-field rules) on
// Next and answers on each field.
import { useLocale, useTranslations } from "next-intl";
import { useFormContext, type FieldError as FormFieldError } from "react-hook-form";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import type { WizardAccount } from "@/lib/contracts/task-write";
import { paramRangeHint, paramsForTaskType } from "@/lib/providers/param-values";
import type { ParamSpec } from "@/lib/providers/types";
import { StepFrame } from "./step-frame";
import type { WizardStep, WizardValues } from "./wizard-state";

export function ParamsStep({ account, current }: { account: WizardAccount | null; current: WizardStep }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { watch, formState } = useFormContext<WizardValues>();
  const specs = account ? paramsForTaskType(account.params, watch("taskType")) : [];
  const errors = (formState.errors.params ?? {}) as Record<string, FormFieldError | undefined>;
  return (
    <StepFrame step="params" current={current} intro={t("params.intro", { provider: localize(account?.providerLabel, locale) ?? "" })}>
      {specs.length === 0 ? (
        <p className="text-sm text-slate-600">{t("params.none")}</p>
      ) : (
        <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2" data-testid="param-form">
          {specs.map((spec) => (
            <ParamField key={spec.key} spec={spec} error={errors[spec.key]?.message} />
          ))}
        </div>
      )}
      {Object.values(errors).some((e) => e?.message) ? <Notice tone="error">{t("params.fix")}</Notice> : null}
    </StepFrame>
  );
}

function ParamField({ spec, error }: { spec: ParamSpec; error: string | undefined }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { register, clearErrors } = useFormContext<WizardValues>();
  const field = register(`params.${spec.key}`, { onChange: () => clearErrors(`params.${spec.key}`) });
  const hint = [localize(spec.help, locale), localize(paramRangeHint(spec), locale)].filter(Boolean).join(" · ") || undefined;

  if (spec.type === "boolean") {
    return (
      <div className="space-y-1" data-param={spec.key}>
        <label className="flex items-start gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" aria-invalid={Boolean(error)} {...field} />
          <span>{localize(spec.label, locale)}</span>
        </label>
        {hint && !error ? <p className="pl-6 text-xs text-slate-500">{hint}</p> : null}
        {error ? (
          <p role="alert" className="pl-6 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <div data-param={spec.key}>
      <Field label={`${localize(spec.label, locale)}${spec.required ? " *" : ""}`} error={error} hint={hint}>
        {({ id, describedBy, invalid }) => {
          const common = { id, "aria-describedby": describedBy, "aria-invalid": invalid, "aria-required": spec.required || undefined, ...field };
          if (spec.type === "enum") {
            return (
              <Select {...common}>
                {spec.required && spec.default !== undefined && spec.default !== null ? null : <option value="">{t("params.unset")}</option>}
                {(spec.options ?? []).map((option) => (
                  <option key={option.value} value={option.value}>
                    {localize(option.label, locale)}
                  </option>
                ))}
              </Select>
            );
          }
          if (spec.type === "datetime") return <Input {...common} type="datetime-local" />;
          const inputMode = spec.type === "int" ? "numeric" : spec.type === "decimal" ? "decimal" : undefined;
          return <Input {...common} type="text" inputMode={inputMode} autoComplete="off" />;
        }}
      </Field>
    </div>
  );
}
