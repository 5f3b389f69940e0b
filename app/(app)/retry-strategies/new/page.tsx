import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { defaultRetryStrategy } from "@/lib/domain/retry";
import { requirePageActor } from "@/lib/server/session";
import { loadPreviewData } from "../preview-data";
import { RetryStrategyEditor } from "../retry-strategy-editor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("retry"))("newTitle") };
}

export default async function NewRetryStrategyPage() {
  await requirePageActor("manager");
  const t = await getTranslations("retry");
  const preview = await loadPreviewData(t("preview.exampleGroup"));
  return (
    <>
      <Link href="/retry-strategies" className="mb-2 inline-block text-sm text-brand-700 hover:underline">
        ← {t("backToList")}
      </Link>
      <PageHeader title={t("newTitle")} description={t("description")} />
      <RetryStrategyEditor id={null} initial={{ ...defaultRetryStrategy(), name: t("defaultName") }} taskCount={0} readOnly={false} {...preview} />
    </>
  );
}
