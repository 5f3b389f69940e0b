import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/server/session";

export default async function OverviewPage() {
  const actor = await requirePageActor();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("overview.title")} description={t("overview.welcome", { name: actor.name })} />
      <EmptyState
        title={t("overview.emptyTitle")}
        body={t("overview.emptyBody")}
        action={
          <>
            <Link className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700" href="/providers">
              {t("overview.goProviders")}
            </Link>
            <Link className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50" href="/tasks">
              {t("overview.goTasks")}
            </Link>
          </>
        }
      />
    </>
  );
}
