"use client";
// Step 5 (optional): when an unanswered number is tried again, with what the provider loses of the strategy.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { LossReport } from "@/components/schedule/loss-report";
import { localize } from "@/i18n/locales";
import type { WizardAccount, WizardOptions } from "@/lib/contracts/task-write";
import { ChoiceList } from "./choice-list";
import { FieldError, StepFrame } from "./step-frame";
import type { WizardStep, WizardValues } from "./wizard-state";

/** The radio value of "no retry strategy" (the form holds null). */
const NONE = "";

export function RetryStep({ options, account, current }: { options: WizardOptions; account: WizardAccount | null; current: WizardStep }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { watch, setValue } = useFormContext<WizardValues>();
  const chosen = watch("retryStrategyId");
  const strategy = options.strategies.find((s) => s.id === chosen) ?? null;
  const provider = localize(account?.providerLabel, locale) ?? "";

  return (
    <StepFrame step="retry" current={current} intro={t("retry.intro")}>
      <ChoiceList
        legend={t("steps.retry")}
        name="retryStrategyId"
        value={chosen ?? NONE}
        onChange={(id) => setValue("retryStrategyId", id === NONE ? null : id)}
        choices={[
          { value: NONE, title: t("retry.none"), details: [t("retry.noneBody")] },
          ...options.strategies.map((s) => ({ value: s.id, title: s.name, details: [localize(s.summary, locale)] })),
        ]}
      />
      {options.strategies.length === 0 ? (
        <p className="text-sm text-slate-600">
          {t("retry.emptyBody")}{" "}
          <Link href="/retry-strategies" className="text-brand-700 underline">
            {t("retry.emptyAction")}
          </Link>
        </p>
      ) : null}
      {strategy && account ? (
        <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="retry-loss-report">
          <p className="mb-2 text-sm font-medium text-slate-800">{t("retry.reportTitle", { provider, name: strategy.name })}</p>
          <LossReport losses={strategy.losses[account.id] ?? []} exactLabel={t("retry.exact", { provider })} />
        </div>
      ) : null}
      <FieldError name="retryStrategyId" />
    </StepFrame>
  );
}
