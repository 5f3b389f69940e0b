"use client";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { setAccountEnabledAction, testConnectionAction } from "./actions";
import type { AccountCardProps } from "@/lib/contracts/accounts";

export function AccountCard({ account, kindLabel, webhooks, canEdit }: { account: AccountCardProps; kindLabel: LocalizedText; webhooks: boolean; canEdit: boolean }) {
  const t = useTranslations("providers");
  const tc = useTranslations("common");
  const format = useFormatter();
  const locale = useLocale();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const lastError = account.lastTestError ? localize(account.lastTestError, locale) : null;

  function test() {
    start(async () => {
      const res = await testConnectionAction({ id: account.id });
      if (res?.data) setResult({ ok: res.data.ok, text: localize(res.data.message, locale) });
      else if (res?.serverError) setResult({ ok: false, text: localize(res.serverError.message, locale) });
    });
  }

  return (
    <Card>
      <div data-testid={`account-${account.name}`} className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{localize(kindLabel, locale)}</div>
            <h2 className="text-base font-semibold text-slate-900">
              {account.name}
              {account.isDemo ? <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-700">{t("demo")}</span> : null}
            </h2>
            <div className="break-all font-mono text-xs text-slate-500">{account.baseUrl}</div>
          </div>
          <span className={`rounded px-2 py-0.5 text-xs font-medium ${account.enabled ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>
            {account.enabled ? t("enabled") : t("disabled")}
          </span>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("lastTest")}</dt>
          <dd>
            {account.lastTestAt ? (
              <>
                <span className={account.lastTestOk ? "text-emerald-700" : "text-red-700"}>{account.lastTestOk ? t("ok") : t("failed")}</span>
                <span className="ml-2 text-slate-500">{format.relativeTime(new Date(account.lastTestAt))}</span>
                {!account.lastTestOk && lastError ? <div className="text-red-700">{lastError}</div> : null}
              </>
            ) : (
              <span className="text-slate-500">{t("never")}</span>
            )}
          </dd>
          <dt className="text-slate-500">{t("tasksLabel")}</dt>
          <dd>{t("tasks", { count: account.taskCount })}</dd>
        </dl>
        <div className="text-sm">
          <div className="text-slate-500">{webhooks ? t("webhook") : t("webhookNone")}</div>
          {webhooks ? (
            <div className="mt-1 flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 text-xs" title={account.webhookUrl}>
                {account.webhookUrl}
              </code>
              <Button
                size="sm"
                variant="secondary"
                onClick={async () => {
                  await navigator.clipboard?.writeText(account.webhookUrl).catch(() => {});
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                }}
              >
                {copied ? t("copied") : t("copy")}
              </Button>
            </div>
          ) : null}
        </div>
        {account.warning ? (
          <div data-testid="account-warning">
            <Notice tone="warning">
              {t.rich("warning", { message: localize(account.warning.message, locale), strong: (chunks) => <span className="font-medium">{chunks}</span> })}{" "}
              {t("warningSeen", { when: format.relativeTime(new Date(account.warning.at)) })}
            </Notice>
          </div>
        ) : null}
        {result ? <Notice tone={result.ok ? "success" : "error"}>{result.text}</Notice> : null}
        {canEdit ? (
          <div className="flex flex-wrap gap-2 pt-1">
            <Button size="sm" onClick={test} disabled={pending}>
              {pending ? t("testing") : t("test")}
            </Button>
            <Link href={`/providers/${account.id}`} className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
              {tc("edit")}
            </Link>
            <Button
              size="sm"
              variant="ghost"
              disabled={pending}
              onClick={() => start(async () => void (await setAccountEnabledAction({ id: account.id, enabled: !account.enabled })))}
            >
              {account.enabled ? t("disable") : t("enable")}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
