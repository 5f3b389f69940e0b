import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Notice, PageHeader } from "@/components/ui/card";
import { AppError } from "@/lib/server/errors";
import { roleAtLeast } from "@/lib/server/roles";
import { getRetryStrategyWithUsage } from "@/lib/server/services/retry-strategies";
import { requirePageActor } from "@/lib/server/session";
import { loadPreviewData } from "../preview-data";
import { RetryStrategyEditor } from "../retry-strategy-editor";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(id: string) {
  try {
    return await getRetryStrategyWithUsage(id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await load(id)).name };
}

export default async function RetryStrategyPage({ params, searchParams }: Props) {
  const actor = await requirePageActor();
  const { id } = await params;
  const query = await searchParams;
  const t = await getTranslations("retry");
  const { id: _id, taskCount, ...strategy } = await load(id);
  const preview = await loadPreviewData(t("preview.exampleGroup"));
  const flash = query.created ? t("flash.created") : query.duplicated ? t("flash.duplicated") : null;
  return (
    <>
      <Link href="/retry-strategies" className="mb-2 inline-block text-sm text-brand-700 hover:underline">
        ← {t("backToList")}
      </Link>
      <PageHeader title={strategy.name} description={t("usedBy", { count: taskCount })} />
      {flash ? (
        <div className="mb-4">
          <Notice tone="success">{flash}</Notice>
        </div>
      ) : null}
      {/* Keyed by id so opening a copy starts from its own saved values. */}
      <RetryStrategyEditor key={id} id={id} initial={strategy} taskCount={taskCount} readOnly={!roleAtLeast(actor.role, "manager")} {...preview} />
    </>
  );
}
