"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { setAccountPrivateNetworkAction } from "../actions";

/** Administrators: let one account reach private and loopback addresses (issue 12 point 4). */
export function PrivateNetwork({ accountId, allowed, isDemo }: { accountId: string; allowed: boolean; isDemo: boolean }) {
  const t = useTranslations("security.privateNetwork");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Card className="mt-4 max-w-3xl">
      <section data-testid="private-network" className="space-y-2 text-sm">
        <h2 className="text-sm font-semibold text-slate-900">{t("title")}</h2>
        <p>{isDemo ? t("demo") : allowed ? t("allowed") : t("refused")}</p>
        <p className="text-slate-600">{t("hint")}</p>
        {isDemo ? null : (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() =>
              start(async () => {
                await setAccountPrivateNetworkAction({ id: accountId, allow: !allowed });
                router.refresh();
              })
            }
          >
            {allowed ? t("refuse") : t("allow")}
          </Button>
        )}
      </section>
    </Card>
  );
}
