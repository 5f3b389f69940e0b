"use client";
// "Add numbers": the wizard's import (paste or CSV, every problem row listed), then the numbers go to
// the provider in its batch size; each failed batch and each number the provider refused is shown. A contact
// list is sent from the numbers tab (its send job and progress live there), linked from here.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ContactsImport } from "@/components/tasks/contacts-import";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { localize } from "@/i18n/locales";
import type { ContactsImport as ParsedContacts } from "@/lib/domain/contacts-import";
import type { SendContactsResult } from "@/lib/contracts/task-write";
import { addTaskContactsAction } from "./actions";

export function AddNumbers({ taskId, batchSize }: { taskId: string; batchSize: number }) {
  const t = useTranslations("tasks.addNumbers");
  const locale = useLocale();
  const router = useRouter();
  const [parsed, setParsed] = useState<ParsedContacts | null>(null);
  const [result, setResult] = useState<SendContactsResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const count = parsed?.contacts.length ?? 0;

  function send() {
    if (!parsed || count === 0) return;
    setFailure(null);
    setResult(null);
    start(async () => {
      const contacts = parsed.contacts.map(({ phone, name, variables }) => ({ phone, name, variables }));
      const res = await addTaskContactsAction({ taskId, contacts });
      if (res?.serverError) setFailure(localize(res.serverError.message, locale));
      else if (res?.data) {
        setResult(res.data);
        router.refresh();
      }
    });
  }

  return (
    <div className="space-y-3" data-testid="add-numbers">
      <UnsavedChangesGuard dirty={count > 0 && result === null} />
      <Link href={`/tasks/${taskId}/numbers`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="add-numbers-from-list">
        {t("fromList")}
      </Link>
      <ContactsImport variables={[]} defaultCountry="CN" onParsed={setParsed} />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={send} disabled={pending || count === 0}>
          {pending ? t("sending") : t("send", { count })}
        </Button>
        <span className="text-xs text-slate-500">{t("batches", { size: batchSize, batches: Math.ceil(count / Math.max(1, batchSize)) })}</span>
      </div>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {result ? (
        <div data-testid="add-numbers-result" className="space-y-2">
          <Notice tone={result.failedBatches.length || result.rejected.length ? "warning" : "success"}>
            {t("summary", { accepted: result.accepted, rejected: result.rejected.length, failed: result.failedBatches.length })}
          </Notice>
          {result.failedBatches.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-5 text-sm text-red-700">
              {result.failedBatches.map((b) => (
                <li key={b.index}>{t("failedBatch", { batch: b.index + 1, reason: localize(b.error, locale) })}</li>
              ))}
            </ul>
          ) : null}
          {result.rejected.length > 0 ? (
            <ul className="max-h-48 list-disc space-y-0.5 overflow-y-auto pl-5 text-sm text-slate-700">
              {result.rejected.map((r, i) => (
                <li key={`${r.phone}-${i}`}>
                  <span className="font-mono">{r.phone}</span>: {localize(r.reason, locale)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
