"use client";
// After a create whose numbers did not all go through: what the provider refused and which batches failed. Or
// after a create with a contact list: the list is being sent, and the task's numbers tab follows its batches.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Card, Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { TaskCreationResult } from "@/lib/contracts/task-write";

export function ResultView({ result }: { result: TaskCreationResult }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { contacts } = result;
  return (
    <Card>
      <div className="space-y-4" data-testid="wizard-result">
        <h2 className="text-lg font-semibold text-slate-900">{t("result.title")}</h2>
        {result.listSend ? (
          <p className="text-sm text-slate-700" data-testid="wizard-list-sending">
            {t("result.listSending")}
          </p>
        ) : (
          <p className="text-sm text-slate-700">{t("result.summary", { accepted: contacts.accepted })}</p>
        )}
        {contacts.rejected.length > 0 ? (
          <div>
            <p className="text-sm font-medium text-red-700">{t("result.rejected", { count: contacts.rejected.length })}</p>
            <ul className="mt-1 max-h-64 list-disc space-y-0.5 overflow-auto pl-5 text-sm text-slate-700">
              {contacts.rejected.map((r, i) => (
                <li key={`${r.phone}-${i}`}>
                  {r.phone ? <span className="font-mono">{r.phone}</span> : null} {localize(r.reason, locale)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {contacts.failedBatches.map((b) => (
          <Notice key={b.index} tone="error">
            {t("result.failedBatch", { index: b.index + 1, error: localize(b.error, locale) })}
          </Notice>
        ))}
        {result.listSend ? (
          <Link href={`/tasks/${result.taskId}/numbers?job=${result.listSend.jobId}`} className="inline-flex rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("result.openNumbers")}
          </Link>
        ) : (
          <Link href={`/tasks/${result.taskId}`} className="inline-flex rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("result.open")}
          </Link>
        )}
      </div>
    </Card>
  );
}
