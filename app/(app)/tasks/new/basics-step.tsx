"use client";
// Step 3: name and description, counted against the provider's limits (the server checks them on Next).
import { useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import type { WizardAccount } from "@/lib/contracts/task-write";
import { StepFrame } from "./step-frame";
import type { WizardStep, WizardValues } from "./wizard-state";

export function BasicsStep({ account, current }: { account: WizardAccount | null; current: WizardStep }) {
  const t = useTranslations("wizard");
  const { register, watch, formState, clearErrors } = useFormContext<WizardValues>();
  if (!account) return <StepFrame step="basics" current={current}>{null}</StepFrame>;
  const { nameMaxLength, descriptionMaxLength } = account.limits;
  const counter = (text: string, max: number) => t("basics.counter", { count: text.trim().length, max });
  return (
    <StepFrame step="basics" current={current}>
      <Field label={`${t("basics.name")} *`} error={formState.errors.name?.message} hint={counter(watch("name"), nameMaxLength)}>
        {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required {...register("name", { onChange: () => clearErrors("name") })} />}
      </Field>
      <Field
        label={t("basics.description")}
        error={formState.errors.description?.message}
        hint={`${t("basics.descriptionHint")} ${counter(watch("description"), descriptionMaxLength)}`}
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...register("description", { onChange: () => clearErrors("description") })}
            className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
          />
        )}
      </Field>
    </StepFrame>
  );
}
