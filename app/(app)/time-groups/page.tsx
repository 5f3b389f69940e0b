import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { roleAtLeast } from "@/lib/server/roles";
import { listCallTimeGroups } from "@/lib/server/services/call-time-groups";
import { requirePageActor } from "@/lib/server/session";
import { GroupList } from "./group-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("timeGroups"))("title") };
}

export default async function CallTimeGroupsPage() {
  const actor = await requirePageActor();
  const t = await getTranslations("timeGroups");
  const groups = await listCallTimeGroups();
  const canEdit = roleAtLeast(actor.role, "manager");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Link
              href="/time-groups/holidays"
              className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              {t("list.holidays")}
            </Link>
            {canEdit ? (
              <Link href="/time-groups/new" className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {t("list.new")}
              </Link>
            ) : null}
          </>
        }
      />
      <GroupList groups={groups} canEdit={canEdit} />
    </>
  );
}
