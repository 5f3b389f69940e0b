import { OverviewDashboard } from "./overview-dashboard";
import { requirePageActor } from "@/lib/server/session";
import { getOverview } from "@/lib/server/services/stats/overview";

export default async function OverviewPage() {
  const actor = await requirePageActor();
  const overview = await getOverview({ now: new Date(), range: "24h" });
  return <OverviewDashboard initial={overview} userName={actor.name} />;
}
