// What every statistics chart shares: one colour per series, the call outcomes in their order, and the box shown
// instead of an empty chart (also while a lazily loaded chart's script arrives).
"use client";
import { useTranslations } from "next-intl";

export const COLORS = {
  calls: "#1f57d1",
  answered: "#059669",
  noAnswer: "#d97706",
  busy: "#db2777",
  failed: "#dc2626",
  other: "#94a3b8",
  finish: "#7c3aed",
  connect: "#0891b2",
} as const;

export const OUTCOMES = ["answered", "noAnswer", "busy", "failed", "other"] as const;

/** Fills a chart's fixed-height box when there is nothing to draw, so the page does not jump. */
export function ChartPlaceholder({ text }: { text: string }) {
  return <div className="flex h-full items-center justify-center rounded-md bg-slate-50 px-4 text-center text-sm text-slate-500">{text}</div>;
}

/** Shown in a chart's box while the chart's script loads. */
export function ChartLoading() {
  const t = useTranslations("stats");
  return <ChartPlaceholder text={t("loading")} />;
}
