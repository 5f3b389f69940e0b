import { SimulatorClockNotice } from "@/components/providers/simulator-clock-notice";
import { OverviewDashboard } from "@/components/stats/overview-dashboard";
import { simulatorFactor } from "@/lib/server/config";
import { requirePageActor } from "@/lib/server/session";
import { getOverview } from "@/lib/server/services/stats/overview";

export default async function OverviewPage() {
  const actor = await requirePageActor();
  const overview = await getOverview({ now: new Date(), range: "24h" });
  const showsDemo = overview.providers.some((p) => p.isDemo);
  return (
    <>
      <SimulatorClockNotice factor={showsDemo ? simulatorFactor() : null} />
      <OverviewDashboard initial={overview} userName={actor.name} />
    </>
  );
}
