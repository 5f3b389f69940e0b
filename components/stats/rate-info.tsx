"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { localize } from "@/i18n/locales";
import { RATE_FORMULAS, type RateName } from "@/lib/domain/stats";

/** Space between the "i" and the formula, and kept from the window's edges. */
const GAP = 6;

/**
 * An "i" beside a rate: its formula on hover, on keyboard focus, and on tap (phones have no hover). A tap pins it
 * open until the next tap, Escape or a tap elsewhere. A popover rather than a tooltip: a tooltip closes whenever
 * the page scrolls, and a live page shifts (and scrolls) while a task runs, so a tapped formula vanished at once.
 *
 * Written here rather than with a popover library, which every page with a rate downloaded on first load (issue 14
 * goal 4). The formula is put at the end of <body> (a scrolling table would clip it) and follows the "i" while
 * it is open: above it, or below when there is no room above.
 */
export function RateInfo({ rate }: { rate: RateName }) {
  const t = useTranslations("stats");
  const locale = useLocale();
  const [hovered, setHovered] = useState(false);
  const [pinned, setPinned] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const id = useId();
  const open = hovered || pinned;
  const formula = localize(RATE_FORMULAS[rate], locale);

  useEffect(() => {
    if (!open) return;
    const close = () => {
      setPinned(false);
      setHovered(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    // A tap on the "i" itself toggles (its own click handler), it is not a tap elsewhere.
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!button.current?.contains(target) && !popover.current?.contains(target)) close();
    };
    // Follow the "i" through scrolling and layout shifts for as long as the formula shows.
    let frame = 0;
    const place = () => {
      const anchor = button.current?.getBoundingClientRect();
      const box = popover.current;
      if (anchor && box) {
        const height = box.offsetHeight;
        const width = box.offsetWidth;
        const above = anchor.top - height - GAP >= 0;
        const left = Math.min(Math.max(anchor.left + anchor.width / 2 - width / 2, GAP), window.innerWidth - width - GAP);
        box.style.left = `${left}px`;
        box.style.top = `${above ? anchor.top - height - GAP : anchor.bottom + GAP}px`;
        box.dataset.side = above ? "top" : "bottom";
        box.style.visibility = "visible";
      }
      frame = requestAnimationFrame(place);
    };
    place();
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setPinned((p) => !p)}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
        onFocus={() => setHovered(true)}
        onBlur={() => setHovered(false)}
        aria-label={t("formulaOf", { formula })}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        className="inline-flex h-5 w-5 items-center justify-center rounded-full text-xs font-semibold text-slate-500 ring-1 ring-slate-300 hover:bg-slate-100"
      >
        i
      </button>
      {open
        ? createPortal(
            // The formula is read, not operated: focus stays on the "i".
            <div
              ref={popover}
              id={id}
              role="dialog"
              aria-label={formula}
              style={{ position: "fixed", left: 0, top: 0, visibility: "hidden" }}
              className="z-50 max-w-xs rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg"
              data-testid={`formula-${rate}`}
            >
              {formula}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
