"use client";
// Step 1: which provider account runs the task. Choosing another account starts its task type and
// parameters afresh (each provider has its own).
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { localize } from "@/i18n/locales";
import type { WizardOptions } from "@/lib/contracts/task-write";
import { ChoiceBadge, ChoiceList } from "./choice-list";
import { FieldError, StepFrame } from "./step-frame";
import { defaultParams, type WizardStep, type WizardValues } from "./wizard-state";

export function AccountStep({ options, current }: { options: WizardOptions; current: WizardStep }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { watch, setValue, clearErrors } = useFormContext<WizardValues>();

  function choose(id: string) {
    const account = options.accounts.find((a) => a.id === id) ?? null;
    const taskType = account?.taskTypes.length === 1 ? account.taskTypes[0].value : "";
    setValue("accountId", id);
    setValue("taskType", taskType);
    setValue("acceptLosses", false);
    setValue("params", defaultParams(account, taskType));
    clearErrors();
  }

  return (
    <StepFrame step="account" current={current} intro={t("account.intro")}>
      <ChoiceList
        legend={t("steps.account")}
        name="accountId"
        value={watch("accountId")}
        onChange={choose}
        choices={options.accounts.map((a) => ({
          value: a.id,
          title: (
            <>
              {a.name}
              {a.isDemo ? <ChoiceBadge>{t("account.demo")}</ChoiceBadge> : null}
            </>
          ),
          details: [localize(a.providerLabel, locale)],
        }))}
      />
      {options.unavailableAccounts > 0 ? (
        <p className="text-xs text-slate-500">
          {t("account.unavailable", { count: options.unavailableAccounts })}{" "}
          <Link href="/providers" className="text-brand-700 underline">
            {t("account.emptyAction")}
          </Link>
        </p>
      ) : null}
      <FieldError name="accountId" />
    </StepFrame>
  );
}
