// What a provider cannot express of a rule (a call-time group, a retry strategy…), in the viewer's
// language; "expressed exactly" when nothing is lost. Shared by the time-group editor, the task
// wizard and the task page, so it stays free of page-specific state.
import { useLocale, useTranslations } from "next-intl";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { localize } from "@/i18n/locales";

export function LossReport({ losses, exactLabel }: { losses: LocalizedText[]; exactLabel?: string }) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  if (losses.length === 0) {
    return (
      <p className="flex items-center gap-1.5 text-sm text-emerald-700" data-testid="loss-report-exact">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 flex-none fill-current">
          <path d="M7.6 13.2 4.4 10l-1.1 1.1 4.3 4.3 9-9-1.1-1.1z" />
        </svg>
        {exactLabel ?? t("loss.exact")}
      </p>
    );
  }
  return (
    <div data-testid="loss-report-losses">
      <p className="text-sm font-medium text-amber-800">{t("loss.count", { count: losses.length })}</p>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {losses.map((loss) => (
          <li key={loss.en}>{localize(loss, locale)}</li>
        ))}
      </ul>
    </div>
  );
}
