"use client";
// For each provider kind: how it really spaces the redials, whether it expresses a retry strategy exactly, or what
// it loses, and the value that would be sent (Aliyun's RetryStrategy JSON, Yunfu's redial settings…).
import { useLocale, useTranslations } from "next-intl";
import { LossReport } from "@/components/schedule/loss-report";
import { localize } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { sentText } from "./sent-text";

export interface ProviderEncoding {
  kind: string;
  label: LocalizedText;
  value: unknown;
  losses: LocalizedText[];
  /** How the provider really spaces the redials, from its own adapter; null when it does not say. */
  spacing: LocalizedText | null;
}

export function ProviderEncodings({
  encodings,
  state,
}: {
  encodings: ProviderEncoding[] | undefined;
  state: "invalid" | "loading" | "error" | "ready";
}) {
  const t = useTranslations("retry");
  const locale = useLocale();
  if (state === "invalid") return <p className="text-sm text-slate-600">{t("providers.fixErrors")}</p>;
  if (state === "error") return <p className="text-sm text-red-700" role="alert">{t("providers.failed")}</p>;
  if (!encodings) return <p className="text-sm text-slate-500">{t("providers.loading")}</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-busy={state === "loading"}>
      {encodings.map((encoding) => (
        <li key={encoding.kind} className="py-3 first:pt-0 last:pb-0" data-testid={`provider-${encoding.kind}`}>
          <h3 className="mb-1 text-sm font-semibold text-slate-900">{localize(encoding.label, locale)}</h3>
          {encoding.spacing ? (
            <p className="mb-2 text-sm text-slate-700" data-testid={`provider-${encoding.kind}-spacing`}>
              {t.rich("providers.spacing", { text: localize(encoding.spacing, locale), label: (chunks) => <span className="font-medium">{chunks}</span> })}
            </p>
          ) : null}
          <LossReport losses={encoding.losses} exactLabel={t("providers.exact")} />
          {encoding.value !== null ? (
            <details className="mt-2 text-sm" open={encoding.kind === "aliyun-vms"}>
              <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{t("providers.sent")}</summary>
              <pre
                className="mt-1 whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
                data-testid={`provider-${encoding.kind}-value`}
              >
                {sentText(encoding.value)}
              </pre>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
