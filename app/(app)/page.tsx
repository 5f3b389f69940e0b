import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/card";
import { QueryProvider } from "@/components/query-provider";
import { SimulatorClockNotice } from "@/components/providers/simulator-clock-notice";
import { OverviewDashboard } from "./overview-dashboard";
import { simulatorFactor } from "@/lib/server/config";
import { isRole } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { getOverview } from "@/lib/server/services/stats/overview";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ denied?: string; role?: string }> }) {
  const actor = await requirePageActor();
  const { denied, role } = await searchParams;
  const t = await getTranslations();
  const neededRole = denied && role && isRole(role) ? role : null;
  const overview = await getOverview({ now: new Date(), range: "24h" });
  const showsDemo = overview.providers.some((p) => p.isDemo);
  return (
    <>
      {neededRole ? (
        <div className="mb-4" data-testid="denied">
          <Notice tone="warning">{t("common.deniedRole", { needed: t(`roles.${neededRole}`), yours: t(`roles.${actor.role}`) })}</Notice>
        </div>
      ) : null}
      <SimulatorClockNotice factor={showsDemo ? simulatorFactor() : null} />
      <QueryProvider>
        <OverviewDashboard initial={overview} userName={actor.name} />
      </QueryProvider>
    </>
  );
}
