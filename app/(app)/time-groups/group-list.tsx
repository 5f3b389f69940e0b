"use client";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState, Notice } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { weekSummary, type CallTimeGroup } from "@/lib/domain/call-time-group";
import { localize } from "@/i18n/locales";
import type { ActionFailure } from "@/lib/contracts/errors";
import { deleteCallTimeGroupAction, duplicateCallTimeGroupAction, setDefaultCallTimeGroupAction } from "./actions";

type Row = CallTimeGroup & { id: string; taskCount: number };

export function GroupList({ groups, canEdit }: { groups: Row[]; canEdit: boolean }) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [deleting, setDeleting] = useState<Row | null>(null);

  function run(action: () => Promise<{ serverError?: ActionFailure } | undefined>, ok: string) {
    setMessage(null);
    start(async () => {
      const res = await action();
      if (res?.serverError) setMessage({ tone: "error", text: localize(res.serverError.message, locale) });
      else {
        setMessage({ tone: "success", text: ok });
        router.refresh();
      }
    });
  }

  if (groups.length === 0) {
    return (
      <EmptyState
        title={t("list.emptyTitle")}
        body={t("list.emptyBody")}
        action={
          canEdit ? (
            <Link href="/time-groups/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t("list.new")}
            </Link>
          ) : undefined
        }
      />
    );
  }

  return (
    <div className="space-y-4">
      {message ? (
        <div data-testid="list-message">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        {groups.map((g) => (
          <li key={g.id} className="flex flex-col gap-3 p-4 md:flex-row md:items-center md:justify-between" data-testid={`group-${g.id}`}>
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/time-groups/${g.id}`} className="min-w-0 font-medium text-brand-700 hover:underline [overflow-wrap:anywhere]">
                  {g.name}
                </Link>
                {g.isDefault ? (
                  <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">{t("list.default")}</span>
                ) : null}
                {g.skipHolidays ? (
                  <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">{t("list.skipsHolidays")}</span>
                ) : (
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t("list.dialsHolidays")}</span>
                )}
              </div>
              <p className="mt-1 text-sm tabular-nums text-slate-700">{weekSummary(g, locale)}</p>
              <p className="mt-0.5 text-xs text-slate-600">
                {g.timeZone} · {t("list.tasks", { count: g.taskCount })}
                {g.overrides.length > 0 ? ` · ${t("list.overrides", { count: g.overrides.length })}` : ""}
              </p>
            </div>
            {canEdit ? (
              <div className="flex flex-wrap gap-2">
                {g.isDefault ? null : (
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={pending}
                    aria-label={t("list.makeDefaultOf", { name: g.name })}
                    onClick={() => run(() => setDefaultCallTimeGroupAction({ id: g.id }), t("list.defaultChanged", { name: g.name }))}
                  >
                    {t("list.makeDefault")}
                  </Button>
                )}
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={pending}
                  aria-label={t("list.duplicateOf", { name: g.name })}
                  onClick={() => run(() => duplicateCallTimeGroupAction({ id: g.id }), t("list.duplicated", { name: g.name }))}
                >
                  {t("list.duplicate")}
                </Button>
                <Button variant="secondary" size="sm" disabled={pending} aria-label={t("list.deleteOf", { name: g.name })} onClick={() => setDeleting(g)}>
                  {t("list.delete")}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={t("list.deleteTitle")}
        body={deleting ? t("list.deleteBody", { name: deleting.name }) : ""}
        confirmLabel={t("list.delete")}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const g = deleting;
          setDeleting(null);
          if (g) run(() => deleteCallTimeGroupAction({ id: g.id }), t("list.deleted", { name: g.name }));
        }}
      />
    </div>
  );
}
