"use client";
// The dialing-parameters form, generated from the provider's ParamSpec list: one control per
// documented parameter, defaults prefilled, ranges as hints, errors on the field they concern.
import { useLocale, useTranslations } from "next-intl";
import { Field, Input, Select } from "@/components/ui/field";
import { paramRangeHint, type ParamFormValue } from "@/lib/providers/param-values";
import type { ParamSpec } from "@/lib/providers/types";
import { localize } from "@/i18n/locales";

export function ParamForm({
  specs,
  values,
  errors,
  onChange,
  onBlur,
}: {
  specs: ParamSpec[];
  values: Record<string, ParamFormValue>;
  errors: Record<string, string>;
  onChange: (key: string, value: ParamFormValue) => void;
  onBlur: (key: string) => void;
}) {
  const t = useTranslations("wizard");
  const locale = useLocale();

  return (
    <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2" data-testid="param-form">
      {specs.map((spec) => {
        const label = `${localize(spec.label, locale)}${spec.required ? " *" : ""}`;
        const range = paramRangeHint(spec);
        const hint = [localize(spec.help, locale), localize(range, locale)].filter(Boolean).join(" · ") || undefined;
        const value = values[spec.key];
        const error = errors[spec.key];

        if (spec.type === "boolean") {
          return (
            <div key={spec.key} className="space-y-1" data-param={spec.key}>
              <label className="flex items-start gap-2 text-sm font-medium text-slate-700">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                  checked={value === true}
                  onChange={(e) => onChange(spec.key, e.target.checked)}
                  aria-invalid={Boolean(error)}
                />
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

        const text = typeof value === "string" ? value : "";
        return (
          <div key={spec.key} data-param={spec.key}>
            <Field label={label} error={error} hint={hint}>
              {({ id, describedBy, invalid }) => {
                const common = {
                  id,
                  "aria-describedby": describedBy,
                  "aria-invalid": invalid,
                  "aria-required": spec.required || undefined,
                  onBlur: () => onBlur(spec.key),
                };
                if (spec.type === "enum") {
                  return (
                    <Select {...common} value={text} onChange={(e) => onChange(spec.key, e.target.value)}>
                      {spec.required && spec.default !== undefined && spec.default !== null ? null : <option value="">{t("params.unset")}</option>}
                      {(spec.options ?? []).map((option) => (
                        <option key={option.value} value={option.value}>
                          {localize(option.label, locale)}
                        </option>
                      ))}
                    </Select>
                  );
                }
                if (spec.type === "datetime") {
                  return <Input {...common} type="datetime-local" value={text} onChange={(e) => onChange(spec.key, e.target.value)} />;
                }
                const numeric = spec.type === "int" || spec.type === "decimal";
                return (
                  <Input
                    {...common}
                    type="text"
                    inputMode={spec.type === "int" ? "numeric" : numeric ? "decimal" : undefined}
                    autoComplete="off"
                    value={text}
                    onChange={(e) => onChange(spec.key, e.target.value)}
                  />
                );
              }}
            </Field>
          </div>
        );
      })}
    </div>
  );
}
