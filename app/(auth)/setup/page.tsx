import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { hasAnyUser } from "@/lib/server/services/users";
import { SetupForm } from "./setup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("auth.setupTitle") };
}

/** Only while Dialboard has no user at all; afterwards this page does not exist. */
export default async function SetupPage() {
  if (await hasAnyUser()) notFound();
  const t = await getTranslations();
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">{t("auth.setupTitle")}</h1>
      <p className="mb-6 mt-2 text-sm text-slate-600">{t("auth.setupIntro")}</p>
      <SetupForm />
    </>
  );
}
