import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/server/session";
import { wizardOptions } from "@/lib/server/services/tasks/options";
import { TaskWizard } from "./task-wizard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("wizard.title") };
}

export default async function NewTaskPage() {
  await requirePageActor("manager");
  const t = await getTranslations("wizard");
  const options = await wizardOptions();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {options.accounts.length === 0 ? (
        <EmptyState
          title={t("account.emptyTitle")}
          body={t("account.emptyBody")}
          action={
            <Link href="/providers" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t("account.emptyAction")}
            </Link>
          }
        />
      ) : (
        <TaskWizard options={options} />
      )}
    </>
  );
}
