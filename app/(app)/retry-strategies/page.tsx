import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, Notice, PageHeader } from "@/components/ui/card";
import { roleAtLeast } from "@/lib/server/roles";
import { listRetryStrategies } from "@/lib/server/services/retry-strategies";
import { requirePageActor } from "@/lib/server/session";
import { RetryStrategyList } from "./retry-strategy-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("retry"))("title") };
}

const buttonLink = "inline-flex items-center justify-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700";

export default async function RetryStrategiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const canEdit = roleAtLeast(actor.role, "manager");
  const t = await getTranslations("retry");
  const strategies = await listRetryStrategies();
  const deleted = Boolean((await searchParams).deleted);
  const newLink = canEdit ? (
    <Link href="/retry-strategies/new" className={buttonLink}>
      {t("new")}
    </Link>
  ) : undefined;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={strategies.length > 0 ? newLink : undefined} />
      {deleted ? (
        <div className="mb-4">
          <Notice tone="success">{t("flash.deleted")}</Notice>
        </div>
      ) : null}
      {strategies.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={canEdit ? t("emptyBody") : t("emptyBodyViewer")} action={newLink} />
      ) : (
        <RetryStrategyList
          canEdit={canEdit}
          strategies={strategies.map(({ updatedAt: _updatedAt, ...strategy }) => strategy)}
        />
      )}
    </>
  );
}
