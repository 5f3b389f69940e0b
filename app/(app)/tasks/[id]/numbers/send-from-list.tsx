"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { JobProgress } from "@/components/numbers/job-progress";
import { ListPicker } from "@/components/numbers/list-picker";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { SendSummaryView } from "@/lib/contracts/numbers";
import { localize } from "@/lib/domain/text";
import { cancelJobAction } from "@/app/(app)/contacts/actions";
import { startSendAction } from "./actions";

/** "Add numbers from a list": pick, read the summary of what will be skipped, send, follow the batches. */
export function SendFromList({ taskId, batchSize, activeJobId }: { taskId: string; batchSize: number; activeJobId: string | null }) {
  const t = useTranslations("contacts.send");
  const locale = useLocale();
  const router = useRouter();
  const [listId, setListId] = useState<string | null>(null);
  const [summary, setSummary] = useState<SendSummaryView | null>(null);
  const [jobId, setJobId] = useState<string | null>(activeJobId);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (jobId) {
    return (
      <div className="space-y-3">
        <JobProgress jobId={jobId} onCancel={(id) => cancelJobAction({ jobId: id })} onFinished={() => router.refresh()} />
        <Button variant="ghost" size="sm" onClick={() => setJobId(null)}>
          {t("another")}
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="send-from-list">
      <ListPicker
        target={{ taskId }}
        value={listId}
        onChange={(id, s) => {
          setListId(id);
          setSummary(s);
        }}
      />
      <p className="text-xs text-slate-500">{t("batches", { size: batchSize })}</p>
      <Button
        disabled={!listId || !summary || summary.willSend === 0 || pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const res = await startSendAction({ taskId, listId: listId! });
            if (res?.data) setJobId(res.data.jobId);
            else setError(res?.serverError ? localize(res.serverError.message, locale) : t("failed"));
          })
        }
      >
        {summary ? t("send", { count: summary.willSend }) : t("sendNone")}
      </Button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </div>
  );
}
