// Shown wherever demo data appears (overview, tasks, a demo task, the Providers page): the demo accounts are
// simulators on an accelerated clock (DIALBOARD_SIM_FACTOR), which otherwise reads as wrong times — a task
// "finished at 08:37" before its 09:00 window opened (issue 15 point 10).
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";

export function SimulatorClockNotice({ factor }: { factor: number | null }) {
  const t = useTranslations("providers.simulatorClock");
  if (factor === null) return null;
  const simulatedMinutes = factor;
  const simulated =
    simulatedMinutes >= 60 ? t("hours", { n: Math.round((simulatedMinutes / 60) * 10) / 10 }) : t("minutes", { n: Math.round(simulatedMinutes * 10) / 10 });
  return (
    <div className="mb-4" data-testid="simulator-clock">
      <Notice tone="info">{t("notice", { factor, simulated })}</Notice>
    </div>
  );
}
