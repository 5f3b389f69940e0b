"use client";
// Step 4: when the task may dial. The provider receives the group in its own encoding; what it cannot keep is
// listed, and such a group needs the manager's confirmation (the server asks for it again on Next and create).
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { LossReport } from "@/components/schedule/loss-report";
import { EmptyState } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { WizardAccount, WizardOptions } from "@/lib/contracts/task-write";
import { ChoiceBadge, ChoiceList } from "./choice-list";
import { FieldError, StepFrame } from "./step-frame";
import type { WizardStep, WizardValues } from "./wizard-state";

export function GroupStep({ options, account, current }: { options: WizardOptions; account: WizardAccount | null; current: WizardStep }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { watch, setValue, register, clearErrors, formState } = useFormContext<WizardValues>();
  const group = options.groups.find((g) => g.id === watch("callTimeGroupId")) ?? null;
  const lossesOf = (losses: Record<string, unknown[]>) => (account ? (losses[account.id] ?? []) : []);
  const provider = localize(account?.providerLabel, locale) ?? "";

  if (options.groups.length === 0) {
    return (
      <StepFrame step="group" current={current} intro={t("group.intro")}>
        <EmptyState
          title={t("group.emptyTitle")}
          body={t("group.emptyBody")}
          action={
            <Link href="/time-groups" className="text-sm font-medium text-brand-700 underline">
              {t("group.emptyAction")}
            </Link>
          }
        />
        <FieldError name="callTimeGroupId" />
      </StepFrame>
    );
  }

  return (
    <StepFrame step="group" current={current} intro={t("group.intro")}>
      <ChoiceList
        legend={t("steps.group")}
        name="callTimeGroupId"
        value={watch("callTimeGroupId")}
        onChange={(id) => {
          setValue("callTimeGroupId", id);
          setValue("acceptLosses", false);
          clearErrors(["callTimeGroupId", "acceptLosses"]);
        }}
        choices={options.groups.map((g) => ({
          value: g.id,
          title: (
            <>
              {g.name}
              {g.isDefault ? <ChoiceBadge>{t("group.default")}</ChoiceBadge> : null}
              {lossesOf(g.losses).length > 0 ? <ChoiceBadge tone="warning">{t("group.lossBadge", { count: lossesOf(g.losses).length })}</ChoiceBadge> : null}
            </>
          ),
          details: [localize(g.summary, locale), t("group.timeZone", { zone: g.timeZone })],
        }))}
      />
      {group && account ? (
        <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="group-loss-report">
          <p className="mb-2 text-sm font-medium text-slate-800">{t("group.reportTitle", { provider, name: group.name })}</p>
          <LossReport losses={group.losses[account.id] ?? []} exactLabel={t("group.exact", { provider })} />
          {(group.losses[account.id] ?? []).length > 0 ? (
            <label className="mt-3 flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" aria-invalid={Boolean(formState.errors.acceptLosses)} {...register("acceptLosses", { onChange: () => clearErrors("acceptLosses") })} />
              {t("group.accept")}
            </label>
          ) : null}
        </div>
      ) : null}
      <FieldError name="acceptLosses" />
      <FieldError name="callTimeGroupId" />
    </StepFrame>
  );
}
