import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { AccountForm } from "../account-form";
import { AppError } from "@/lib/server/errors";
import { requirePageActor } from "@/lib/server/session";
import { PrivateNetwork } from "./private-network";
import { getAccount, providerKinds } from "@/lib/server/services/provider-accounts";

export default async function EditAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("manager");
  const t = await getTranslations();
  const { id } = await params;
  const account = await getAccount(id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader title={t("providers.editTitle", { name: account.name })} />
      <AccountForm kinds={providerKinds()} account={{ ...account, lastTestAt: account.lastTestAt?.toISOString() ?? null }} />
      {actor.role === "admin" ? <PrivateNetwork accountId={account.id} allowed={account.allowPrivateNetwork} isDemo={account.isDemo} /> : null}
    </>
  );
}
