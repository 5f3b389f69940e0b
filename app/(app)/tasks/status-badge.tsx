import { useTranslations } from "next-intl";
import type { TaskStatus } from "@/lib/domain/task";

const TONES: Record<TaskStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  pending: "bg-sky-50 text-sky-800 ring-sky-200",
  running: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-amber-50 text-amber-800 ring-amber-200",
  completed: "bg-slate-100 text-slate-700 ring-slate-300",
  failed: "bg-red-50 text-red-700 ring-red-200",
  deleted: "bg-slate-50 text-slate-500 ring-slate-200 line-through",
};

/** A task's status in words (never colour alone), with the provider's own value on hover. */
export function StatusBadge({ status, rawStatus }: { status: TaskStatus; rawStatus?: string }) {
  const t = useTranslations("tasks.status");
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
      title={rawStatus ? t("raw", { raw: rawStatus }) : undefined}
      data-testid="task-status"
      data-status={status}
    >
      {t(status)}
    </span>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="min-w-24">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600">
        {done.toLocaleString()} / {total.toLocaleString()}
      </p>
    </div>
  );
}
