"use client";
// A job's progress (an import or a send): bar, rows/s and ETA, problems by reason with the problems file, and
// cancel. Polls GET /api/jobs/<id> while the job is active; counts only, never numbers, cross the wire.
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { JobProgressView } from "@/lib/contracts/numbers";
import { localize } from "@/lib/domain/text";
import { useLocale } from "next-intl";

const ACTIVE = ["queued", "running"];
const POLL_MS = 1_000;

function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

export function JobProgress({
  jobId,
  initial,
  onCancel,
  onFinished,
}: {
  jobId: string;
  initial?: JobProgressView | null;
  /** A server action that asks the job to stop; absent for readers who may not cancel. */
  onCancel?: (jobId: string) => Promise<unknown>;
  onFinished?: (job: JobProgressView) => void;
}) {
  const t = useTranslations("contacts.job");
  const locale = useLocale();
  const [job, setJob] = useState<JobProgressView | null>(initial ?? null);
  const [failed, setFailed] = useState(false);
  const [cancelling, startCancel] = useTransition();
  const active = !job || ACTIVE.includes(job.state);

  useEffect(() => {
    if (!active) return;
    let stop = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const next = (await res.json()) as JobProgressView;
        if (stop) return;
        setJob(next);
        setFailed(false);
        if (!ACTIVE.includes(next.state)) onFinished?.(next);
      } catch {
        if (!stop) setFailed(true);
      }
    };
    void tick();
    const timer = setInterval(tick, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [jobId, active, onFinished]);

  const percent = job?.fraction !== null && job?.fraction !== undefined ? Math.round(job.fraction * 100) : null;
  const reasons = Object.entries(job?.problemCounts ?? {}).filter(([, n]) => (n ?? 0) > 0);
  return (
    <div className="space-y-3" data-testid="job-progress" data-state={job?.state ?? "loading"}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{job ? t(`state.${job.state as "running"}`) : t("loading")}</span>
        <span className="tabular-nums text-slate-600">
          {job ? t("counts", { processed: job.processed, stored: job.stored, problems: job.problems }) : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={t("progress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${job?.state === "failed" ? "bg-red-500" : "bg-brand-600"} ${percent === null && active ? "w-1/3 animate-pulse" : ""}`}
          style={percent !== null ? { width: `${percent}%` } : undefined}
          data-testid="job-progress-bar"
        />
      </div>
      <p className="flex flex-wrap gap-x-4 text-xs text-slate-600">
        {percent !== null ? <span data-testid="job-percent">{t("percent", { percent })}</span> : null}
        {job?.rowsPerSec ? <span>{t("rate", { rate: Math.round(job.rowsPerSec) })}</span> : null}
        {active && job?.etaSec !== null && job?.etaSec !== undefined ? <span>{t("eta", { eta: duration(job.etaSec) })}</span> : null}
      </p>
      {reasons.length > 0 ? (
        <div className="space-y-1">
          <ul className="flex flex-wrap gap-2 text-xs" data-testid="job-reasons">
            {reasons.map(([reason, n]) => (
              <li key={reason} className="rounded bg-amber-50 px-2 py-0.5 text-amber-900 ring-1 ring-amber-200">
                {t(`reason.${reason as "duplicate"}`)}: <span className="tabular-nums">{n}</span>
              </li>
            ))}
          </ul>
          <a href={`/api/jobs/${jobId}/problems`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="job-problems-download" download>
            {t("downloadProblems")}
          </a>
        </div>
      ) : null}
      {job?.error ? <Notice tone="error">{localize(job.error, locale)}</Notice> : null}
      {failed ? <Notice tone="warning">{t("pollFailed")}</Notice> : null}
      {onCancel && active ? (
        <Button variant="secondary" size="sm" disabled={cancelling || job?.cancelRequested} onClick={() => startCancel(async () => void (await onCancel(jobId)))}>
          {job?.cancelRequested || cancelling ? t("cancelling") : t("cancel")}
        </Button>
      ) : null}
    </div>
  );
}
