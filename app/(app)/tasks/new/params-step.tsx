"use client";
// Step 6: the dialing parameters, one control per parameter the provider documents for the task type,
// defaults prefilled and ranges as hints, in the sections the provider's specs name (the advanced one
// collapsed). Days and times get pickers, JSON parameters structured editors, and values the account offers
// (its agents, its IVRs) are choices. The server checks them (and the provider's cross-field rules) on Next
// and answers on each field.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { useController, useFormContext, type FieldError as FormFieldError } from "react-hook-form";
import { StructuredParam } from "@/components/params/structured-param";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import type { WizardAccount } from "@/lib/contracts/task-write";
import { isStructured, listHas, timeWithSeconds, toggleListItem } from "@/lib/providers/param-json";
import { paramRangeHint, paramSections, paramsForTaskType } from "@/lib/providers/param-values";
import type { ParamChoice, ParamSpec } from "@/lib/providers/types";
import { StepFrame } from "./step-frame";
import type { WizardStep, WizardValues } from "./wizard-state";

type Errors = Record<string, FormFieldError | undefined>;

export function ParamsStep({ account, current }: { account: WizardAccount | null; current: WizardStep }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { watch, formState } = useFormContext<WizardValues>();
  const specs = account ? paramsForTaskType(account.params, watch("taskType")) : [];
  const errors = (formState.errors.params ?? {}) as Errors;
  const grid = (list: ParamSpec[]) => (
    <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
      {list.map((spec) => (
        <ParamField key={spec.key} spec={spec} choices={account?.paramChoices[spec.key] ?? []} error={errors[spec.key]?.message} />
      ))}
    </div>
  );
  return (
    <StepFrame step="params" current={current} intro={t("params.intro", { provider: localize(account?.providerLabel, locale) ?? "" })}>
      {specs.length === 0 ? (
        <p className="text-sm text-slate-600">{t("params.none")}</p>
      ) : (
        <div className="space-y-6" data-testid="param-form">
          {paramSections(specs).map(({ group, specs: list }) =>
            group === "advanced" ? (
              <AdvancedSection key={group} title={t(`params.groups.${group}`)} hasError={list.some((spec) => errors[spec.key]?.message)}>
                {grid(list)}
              </AdvancedSection>
            ) : (
              <fieldset key={group} data-testid={`param-group-${group}`}>
                <legend className="mb-3 text-sm font-semibold text-slate-800">{t(`params.groups.${group}`)}</legend>
                {grid(list)}
              </fieldset>
            ),
          )}
        </div>
      )}
      {Object.values(errors).some((e) => e?.message) ? <Notice tone="error">{t("params.fix")}</Notice> : null}
    </StepFrame>
  );
}

/** Collapsed until opened, or until the server puts a problem on one of its fields. */
function AdvancedSection({ title, hasError, children }: { title: string; hasError: boolean; children: React.ReactNode }) {
  const t = useTranslations("wizard");
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (hasError && ref.current) ref.current.open = true;
  }, [hasError]);
  return (
    <details ref={ref} className="group rounded-md ring-1 ring-slate-200" data-testid="param-group-advanced">
      <summary className="cursor-pointer select-none rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        {title} <span className="font-normal text-slate-500">{t("params.advancedHint")}</span>
      </summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}

function ParamField({ spec, choices, error }: { spec: ParamSpec; choices: ParamChoice[]; error: string | undefined }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { register, clearErrors } = useFormContext<WizardValues>();
  const name = `params.${spec.key}` as const;
  const format = spec.format;
  // Pickers that rewrite what they hold and the structured editors are controlled (useController) instead.
  const field = () => register(name, { onChange: () => clearErrors(name) });
  // A picker or an editor already says what it takes; a length bound of a JSON string says nothing useful.
  const range = format ? null : paramRangeHint(spec);
  const hint = [localize(spec.help, locale), localize(range, locale)].filter(Boolean).join(" · ") || undefined;
  const label = `${localize(spec.label, locale)}${spec.required ? " *" : ""}`;

  if (spec.type === "boolean") {
    return (
      <div className="space-y-1" data-param={spec.key}>
        <label className="flex items-start gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" aria-invalid={Boolean(error)} {...field()} />
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

  if (isStructured(format)) {
    return (
      <div className="sm:col-span-2" data-param={spec.key}>
        <StructuredField spec={spec} label={label} hint={hint} error={error} />
      </div>
    );
  }

  return (
    <div data-param={spec.key} className={format?.kind === "list" && choices.length > 0 ? "sm:col-span-2" : undefined}>
      <Field label={label} error={error} hint={hint}>
        {({ id, describedBy, invalid }) => {
          if (format?.kind === "time") return <TimeInput spec={spec} id={id} describedBy={describedBy} invalid={invalid} />;
          const common = { id, "aria-describedby": describedBy, "aria-invalid": invalid, "aria-required": spec.required || undefined, ...field() };
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
          if (format?.kind === "date") return <Input {...common} type="date" />;
          if (format?.kind === "list" && choices.length > 0) {
            return (
              <>
                <Input {...common} type="text" autoComplete="off" />
                <ListChoices spec={spec} choices={choices} />
              </>
            );
          }
          const inputMode = spec.type === "int" ? "numeric" : spec.type === "decimal" ? "decimal" : undefined;
          const listId = `${id}-choices`;
          return (
            <>
              <Input {...common} type="text" inputMode={inputMode} autoComplete="off" list={choices.length > 0 ? listId : undefined} />
              {choices.length > 0 ? (
                <datalist id={listId}>
                  {choices.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </datalist>
              ) : null}
            </>
          );
        }}
      </Field>
    </div>
  );
}

/** A time picker showing seconds; the value stays "HH:mm:ss" as the provider reads it. */
function TimeInput({ spec, id, describedBy, invalid }: { spec: ParamSpec; id: string; describedBy: string | undefined; invalid: boolean }) {
  const { clearErrors } = useFormContext<WizardValues>();
  const { field } = useController<WizardValues>({ name: `params.${spec.key}` });
  return (
    <Input
      id={id}
      type="time"
      step={1}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      name={field.name}
      ref={field.ref}
      onBlur={field.onBlur}
      value={typeof field.value === "string" ? field.value : ""}
      onChange={(e) => {
        field.onChange(timeWithSeconds(e.target.value));
        clearErrors(`params.${spec.key}`);
      }}
    />
  );
}

/** The account's values as ticks that add to or remove from the comma-separated list. */
function ListChoices({ spec, choices }: { spec: ParamSpec; choices: ParamChoice[] }) {
  const t = useTranslations("wizard");
  const legendId = useId();
  const { watch, setValue, clearErrors } = useFormContext<WizardValues>();
  const name = `params.${spec.key}` as const;
  const current = String(watch(name) ?? "");
  return (
    <div role="group" aria-labelledby={legendId} className="flex flex-wrap items-center gap-x-4 gap-y-1 pt-1">
      <span id={legendId} className="text-xs text-slate-500">
        {t("params.choices")}
      </span>
      {choices.map((choice) => (
        <label key={choice.value} className="flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
            checked={listHas(current, choice.value)}
            onChange={(e) => {
              setValue(name, toggleListItem(current, choice.value, e.target.checked), { shouldDirty: true });
              clearErrors(name);
            }}
          />
          <span>{choice.label ? `${choice.value} ${choice.label}` : choice.value}</span>
        </label>
      ))}
    </div>
  );
}

function StructuredField({ spec, label, hint, error }: { spec: ParamSpec; label: string; hint: string | undefined; error: string | undefined }) {
  const { clearErrors } = useFormContext<WizardValues>();
  const { field } = useController<WizardValues>({ name: `params.${spec.key}` });
  const labelId = useId();
  if (!isStructured(spec.format)) return null;
  return (
    <div role="group" aria-labelledby={labelId} className="space-y-1">
      <p id={labelId} className="text-sm font-medium text-slate-700">
        {label}
      </p>
      <StructuredParam
        format={spec.format}
        label={label}
        invalid={Boolean(error)}
        value={typeof field.value === "string" ? field.value : ""}
        onChange={(value) => {
          field.onChange(value);
          clearErrors(`params.${spec.key}`);
        }}
      />
      {hint && !error ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
