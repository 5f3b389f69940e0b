"use client";
// Step 2: the task types the chosen provider offers; each has its own parameters.
import { useLocale, useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { localize } from "@/i18n/locales";
import type { WizardAccount } from "@/lib/contracts/task-write";
import { ChoiceList } from "./choice-list";
import { FieldError, StepFrame } from "./step-frame";
import { defaultParams, type WizardStep, type WizardValues } from "./wizard-state";

export function TypeStep({ account, current }: { account: WizardAccount | null; current: WizardStep }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { watch, setValue, clearErrors } = useFormContext<WizardValues>();

  function choose(taskType: string) {
    setValue("taskType", taskType);
    setValue("params", defaultParams(account, taskType));
    clearErrors();
  }

  return (
    <StepFrame step="type" current={current} intro={t("type.intro")}>
      <ChoiceList
        legend={t("steps.type")}
        name="taskType"
        value={watch("taskType")}
        onChange={choose}
        choices={(account?.taskTypes ?? []).map((type) => ({ value: type.value, title: localize(type.label, locale) }))}
      />
      <FieldError name="taskType" />
    </StepFrame>
  );
}
