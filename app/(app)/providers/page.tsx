import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { AccountCard } from "./account-card";
import { SimulatorClockNotice } from "@/components/providers/simulator-clock-notice";
import { simulatorFactor } from "@/lib/server/config";
import { roleAtLeast } from "@/lib/server/roles";
import { requirePageActor } from "@/lib/server/session";
import { listAccounts, providerKinds } from "@/lib/server/services/provider-accounts";
import { listUnparsedWebhooks } from "@/lib/server/mirror/webhooks";
import { UnreadWebhooks } from "./unread-webhooks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("providers.title") };
}

function withoutSettings<T extends { settings: unknown }>({ settings: _settings, ...rest }: T): Omit<T, "settings"> {
  return rest;
}

export default async function ProvidersPage() {
  const actor = await requirePageActor();
  const t = await getTranslations();
  const [accounts, kinds, unread] = await Promise.all([listAccounts(), Promise.resolve(providerKinds()), listUnparsedWebhooks()]);
  const canEdit = roleAtLeast(actor.role, "manager");
  const addLink = canEdit ? (
    <Link href="/providers/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
      {t("providers.add")}
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title={t("providers.title")} description={t("providers.intro")} actions={addLink} />
      {!canEdit ? <p className="mb-4 text-sm text-slate-600">{t("common.readOnly")}</p> : null}
      <SimulatorClockNotice factor={accounts.some((a) => a.isDemo) ? simulatorFactor() : null} />
      {accounts.length === 0 ? (
        <EmptyState title={t("providers.emptyTitle")} body={t("providers.emptyBody")} action={addLink} />
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {accounts.map((a) => {
            const caps = kinds.find((k) => k.kind === a.kind)!;
            return (
              <AccountCard
                key={a.id}
                canEdit={canEdit}
                kindLabel={caps.label}
                webhooks={caps.operations.webhooks}
                // Only what the card shows: a viewer's payload carries no credential and no setting.
                account={{ ...withoutSettings(a), lastTestAt: a.lastTestAt?.toISOString() ?? null }}
              />
            );
          })}
        </div>
      )}
      <UnreadWebhooks
        canReplay={canEdit}
        accounts={accounts
          .filter((a) => unread[a.id])
          .map((a) => ({
            id: a.id,
            name: a.name,
            total: unread[a.id].total,
            latest: unread[a.id].latest.map((w) => ({ ...w, receivedAt: w.receivedAt.toISOString() })),
          }))}
      />
    </>
  );
}
