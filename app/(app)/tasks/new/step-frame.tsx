"use client";
// What every wizard step has: its heading (focused when the step opens, for keyboard and screen-reader users),
// an intro line, and the form errors of the fields it owns. Steps stay mounted while hidden, so what was typed
// or pasted survives moving back and forth.
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import type { WizardStep, WizardValues } from "./wizard-state";

export function StepFrame({ step, current, intro, children }: { step: WizardStep; current: WizardStep; intro?: string; children: ReactNode }) {
  const t = useTranslations("wizard");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (step === current) heading.current?.focus();
  }, [step, current]);
  return (
    <div hidden={step !== current} className="space-y-4" data-testid={`step-${step}`}>
      <div>
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold text-slate-900 outline-none">
          {t(`steps.${step}`)}
        </h2>
        {intro ? <p className="mt-1 text-sm text-slate-600">{intro}</p> : null}
      </div>
      {children}
    </div>
  );
}

/** The message on one field of the form (the schema's or the server's), as an alert. */
export function FieldError({ name }: { name: keyof WizardValues }) {
  const message = useFormContext<WizardValues>().formState.errors[name]?.message;
  if (typeof message !== "string") return null;
  return (
    <p role="alert" className="text-sm text-red-600">
      {message}
    </p>
  );
}
