"use client";
// Progress through the wizard: every step by name on wide screens, "Step 3 of 8 · Name" on a phone.
// Steps already visited are buttons, so a manager can jump back to fix something and return.
import { useTranslations } from "next-intl";
import type { WizardStep } from "./wizard-state";

export function StepNav({
  steps,
  current,
  visited,
  onGo,
}: {
  steps: readonly WizardStep[];
  current: WizardStep;
  visited: Set<WizardStep>;
  onGo: (step: WizardStep) => void;
}) {
  const t = useTranslations("wizard");
  const index = steps.indexOf(current);
  return (
    <nav aria-label={t("progressLabel")}>
      <p className="text-sm text-slate-600 md:hidden" data-testid="wizard-progress">
        {t("progress", { current: index + 1, total: steps.length })} · <span className="font-medium text-slate-900">{t(`steps.${current}`)}</span>
      </p>
      <div className="mt-2 h-1.5 rounded-full bg-slate-200 md:hidden" aria-hidden="true">
        <div className="h-1.5 rounded-full bg-brand-600" style={{ width: `${((index + 1) / steps.length) * 100}%` }} />
      </div>
      <ol className="hidden gap-1 md:flex">
        {steps.map((step, i) => {
          const state = step === current ? "current" : visited.has(step) ? "visited" : "ahead";
          const tone = {
            current: "bg-brand-600 text-white",
            visited: "bg-white text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50",
            ahead: "bg-white text-slate-400 ring-1 ring-slate-200",
          }[state];
          return (
            <li key={step} className="min-w-0 flex-1">
              <button
                type="button"
                disabled={state === "ahead"}
                aria-current={state === "current" ? "step" : undefined}
                onClick={() => onGo(step)}
                title={t(`steps.${step}`)}
                className={`flex w-full items-center gap-1.5 rounded-md px-2 py-1.5 text-left text-xs font-medium ${tone}`}
              >
                <span className="tabular-nums">{i + 1}</span>
                <span className="truncate">{t(`steps.${step}`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
