"use client";
import { useLocale, useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useRef, useState } from "react";
import { localize } from "@/i18n/locales";
import { RATE_FORMULAS, type RateName } from "@/lib/domain/stats";

/**
 * An "i" beside a rate: its formula on hover, on keyboard focus, and on tap (phones have no hover). A tap pins it
 * open until the next tap, Escape or a tap elsewhere. A popover rather than a tooltip: a tooltip closes whenever
 * the page scrolls, and a live page shifts (and scrolls) while a task runs, so a tapped formula vanished at once.
 */
export function RateInfo({ rate }: { rate: RateName }) {
  const t = useTranslations("stats");
  const locale = useLocale();
  const [hovered, setHovered] = useState(false);
  const [pinned, setPinned] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const formula = localize(RATE_FORMULAS[rate], locale);
  return (
    <Popover.Root
      open={hovered || pinned}
      onOpenChange={(open) => {
        if (!open) {
          setPinned(false);
          setHovered(false);
        }
      }}
    >
      <Popover.Anchor asChild>
        <button
          ref={button}
          type="button"
          onClick={() => setPinned((p) => !p)}
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
          onFocus={() => setHovered(true)}
          onBlur={() => setHovered(false)}
          aria-label={t("formulaOf", { formula })}
          aria-expanded={hovered || pinned}
          className="inline-flex h-5 w-5 items-center justify-center rounded-full text-xs font-semibold text-slate-500 ring-1 ring-slate-300 hover:bg-slate-100"
        >
          i
        </button>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          side="top"
          sideOffset={6}
          // The formula is read, not operated: focus stays on the "i".
          onOpenAutoFocus={(e) => e.preventDefault()}
          onCloseAutoFocus={(e) => e.preventDefault()}
          // A tap on the "i" itself toggles (its own click handler), it is not a tap elsewhere.
          onInteractOutside={(e) => {
            if (button.current?.contains(e.target as Node)) e.preventDefault();
          }}
          className="z-50 max-w-xs rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg"
          data-testid={`formula-${rate}`}
        >
          {formula}
          <Popover.Arrow className="fill-slate-900" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
