"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { localize } from "@/i18n/locales";
import { formatInterval } from "@/lib/domain/retry";
import { formatList } from "@/lib/domain/text";
import type { RetryStrategy } from "@/lib/domain/retry-strategy";
import { deleteRetryStrategyAction, duplicateRetryStrategyAction } from "./actions";

type Item = RetryStrategy & { id: string; taskCount: number };

export function RetryStrategyList({ strategies, canEdit }: { strategies: Item[]; canEdit: boolean }) {
  const t = useTranslations("retry");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);

  function duplicate(item: Item) {
    setError(null);
    startTransition(async () => {
      const res = await duplicateRetryStrategyAction({ id: item.id });
      if (res?.data) router.push(`/retry-strategies/${res.data.id}?duplicated=1`);
      else if (res?.serverError) setError(localize(res.serverError.message, locale));
    });
  }

  function remove(item: Item) {
    setDeleting(null);
    setError(null);
    startTransition(async () => {
      const res = await deleteRetryStrategyAction({ id: item.id });
      if (res?.serverError) setError(localize(res.serverError.message, locale));
      else router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        {strategies.map((item) => (
          <li key={item.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center" data-testid={`strategy-${item.name}`}>
            <div className="min-w-0 flex-1">
              <Link href={`/retry-strategies/${item.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline [overflow-wrap:anywhere]">
                {item.name}
              </Link>
              <p className="mt-0.5 text-sm text-slate-600">
                {item.rounds.length === 0
                  ? t("summary.none")
                  : [
                      formatList(item.rounds.map((round) => formatInterval(round.after, locale)), locale),
                      item.measureFrom === "first-call" ? t("summary.fromFirst") : t("summary.fromPrevious"),
                      ...(item.onlyToday ? [t("summary.onlyToday")] : []),
                    ].join(" · ")}
              </p>
              <ul className="mt-1.5 flex flex-wrap gap-1" aria-label={t("columns.retryOn")}>
                {item.retryOn.map((outcome) => (
                  <li key={outcome} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {t(`outcome.${outcome}`)}
                  </li>
                ))}
              </ul>
            </div>
            <span className="text-sm text-slate-600 sm:w-24 sm:text-right">{t("usedBy", { count: item.taskCount })}</span>
            <div className="flex gap-2">
              <Link
                href={`/retry-strategies/${item.id}`}
                className="inline-flex items-center rounded-md px-2.5 py-1 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
                aria-label={`${canEdit ? t("open") : t("view")}: ${item.name}`}
              >
                {canEdit ? t("open") : t("view")}
              </Link>
              {canEdit ? (
                <>
                  <Button variant="secondary" size="sm" disabled={pending} onClick={() => duplicate(item)} aria-label={`${t("duplicate")}: ${item.name}`}>
                    {t("duplicate")}
                  </Button>
                  <Button variant="secondary" size="sm" disabled={pending} onClick={() => setDeleting(item)} aria-label={`${t("delete")}: ${item.name}`}>
                    {t("delete")}
                  </Button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteTitle")}
        body={deleting ? t("deleteBody", { name: deleting.name }) : ""}
        confirmLabel={t("delete")}
        typedConfirmation={deleting?.name}
        typedLabel={t("deleteTyped")}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      />
    </div>
  );
}
