"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { replayWebhooksAction } from "./actions";

export interface UnreadWebhooksProps {
  accounts: { id: string; name: string; total: number; latest: { id: string; receivedAt: string; error: string; bytes: number }[] }[];
  canReplay: boolean;
}

/** Verified webhook requests kept raw because they did not parse (issue 12 point 7), per account. */
export function UnreadWebhooks({ accounts, canReplay }: UnreadWebhooksProps) {
  const t = useTranslations("security.unreadWebhooks");
  const format = useFormatter();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Record<string, string>>({});
  if (accounts.length === 0) return null;
  return (
    <Card className="mt-6">
      <section data-testid="unread-webhooks" className="space-y-4 text-sm">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
        </div>
        {accounts.map((a) => (
          <div key={a.id} data-testid={`unread-webhooks-${a.id}`} className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium text-slate-900">{t("account", { count: a.total, name: a.name })}</h3>
              {canReplay ? (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending}
                  onClick={() =>
                    start(async () => {
                      const res = await replayWebhooksAction({ accountId: a.id });
                      if (res?.data) setResult((r) => ({ ...r, [a.id]: t("replayed", { parsed: res.data!.parsed, still: res.data!.stillUnparsed }) }));
                      router.refresh();
                    })
                  }
                >
                  {pending ? t("replaying") : t("replay")}
                </Button>
              ) : null}
            </div>
            {result[a.id] ? <Notice tone="info">{result[a.id]}</Notice> : null}
            <table className="w-full text-left text-xs">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">{t("received")}</th>
                  <th className="py-1 pr-3 font-medium">{t("error")}</th>
                  <th className="py-1 font-medium">{t("size")}</th>
                </tr>
              </thead>
              <tbody>
                {a.latest.map((w) => (
                  <tr key={w.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap py-1 pr-3">{format.dateTime(new Date(w.receivedAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                    <td className="break-all py-1 pr-3 font-mono">{w.error}</td>
                    <td className="whitespace-nowrap py-1">{t("bytes", { count: w.bytes })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
    </Card>
  );
}
