"use client";
// For each provider: whether it can receive the group exactly, or what it would lose. The page
// computes the encodings on the server (adapters stay server side) and passes them in.
import { useLocale, useTranslations } from "next-intl";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { localize } from "@/i18n/locales";
import { LossReport } from "@/components/schedule/loss-report";

export interface ProviderPanelEntry {
  kind: string;
  label: LocalizedText;
  applicable: boolean;
  losses: LocalizedText[];
}

export function ProviderPanel({
  entries,
  state,
}: {
  entries: ProviderPanelEntry[];
  /** "invalid": the group has errors to fix first; "loading": first answer not there yet. */
  state: "ready" | "loading" | "invalid" | "failed";
}) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  if (state === "invalid") return <p className="text-sm text-slate-600">{t("providers.invalid")}</p>;
  if (state === "failed") return <p className="text-sm text-red-600">{t("providers.failed")}</p>;
  if (state === "loading" && entries.length === 0) return <p className="text-sm text-slate-600">{t("providers.loading")}</p>;
  return (
    <ul className="grid gap-3 lg:grid-cols-2" aria-busy={state === "loading"}>
      {entries.map((entry) => (
        <li key={entry.kind} className="rounded-md p-3 ring-1 ring-slate-200" data-testid={`provider-${entry.kind}`}>
          <h3 className="mb-1 text-sm font-semibold text-slate-900">{localize(entry.label, locale)}</h3>
          {entry.applicable ? (
            <LossReport losses={entry.losses} />
          ) : (
            <p className="text-sm text-slate-600">{t("providers.notApplicable")}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
