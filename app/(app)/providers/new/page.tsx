import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { AccountForm } from "../account-form";
import { requirePageActor } from "@/lib/server/session";
import { providerKinds } from "@/lib/server/services/provider-accounts";

export default async function NewAccountPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requirePageActor("manager");
  const t = await getTranslations();
  const { kind } = await searchParams;
  return (
    <>
      <PageHeader title={t("providers.addTitle")} />
      <AccountForm kinds={providerKinds()} initialKind={kind} />
    </>
  );
}
