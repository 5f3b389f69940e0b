import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/server/session";

export default async function Page() {
  await requirePageActor();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.tasks")} description={t("placeholder.tasks")} />
      <EmptyState title={t("common.comingNext")} body={t("placeholder.tasks")} />
    </>
  );
}
