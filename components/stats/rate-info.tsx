"use client";
import { useLocale, useTranslations } from "next-intl";
import { Tooltip } from "radix-ui";
import { useState } from "react";
import { localize } from "@/i18n/locales";
import { RATE_FORMULAS, type RateName } from "@/lib/domain/stats";

/** An "i" beside a rate: its formula on hover, on keyboard focus, and on tap (phones have no hover). */
export function RateInfo({ rate }: { rate: RateName }) {
  const t = useTranslations("stats");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const formula = localize(RATE_FORMULAS[rate], locale);
  return (
    <Tooltip.Provider delayDuration={150}>
      <Tooltip.Root open={open} onOpenChange={setOpen}>
        <Tooltip.Trigger asChild>
          <button
            type="button"
            onClick={() => setOpen((o) => !o)}
            aria-label={t("formulaOf", { formula })}
            className="inline-flex h-5 w-5 items-center justify-center rounded-full text-xs font-semibold text-slate-500 ring-1 ring-slate-300 hover:bg-slate-100"
          >
            i
          </button>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            side="top"
            sideOffset={6}
            className="z-50 max-w-xs rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg"
            data-testid={`formula-${rate}`}
          >
            {formula}
            <Tooltip.Arrow className="fill-slate-900" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
