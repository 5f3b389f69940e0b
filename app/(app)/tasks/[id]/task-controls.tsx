"use client";
// Start, pause, complete and delete. What the state machine and the provider do not allow is shown
// disabled with the reason next to it, so nobody has to guess why a button does nothing. Delete asks
// for the task's name to be typed first. A control whose provider endpoint is undocumented (Yunfu's start)
// says so beside it.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useRefreshTaskLive, useTaskLive } from "@/components/stats/use-task-live";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { localize } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { formatList } from "@/lib/domain/text";
import type { TaskStatsView } from "@/lib/contracts/stats";
import { taskOperationAction } from "./actions";

type Op = "start" | "pause" | "complete" | "delete";
const OPS: Op[] = ["start", "pause", "complete", "delete"];

export function TaskControls({
  taskId,
  taskName,
  initial,
  unverified = {},
  canWrite,
}: {
  taskId: string;
  taskName: string;
  /** The page's live view: the controls follow the status it reports, without a reload. */
  initial: TaskStatsView;
  unverified?: Partial<Record<Op | "update" | "addContacts", LocalizedText>>;
  canWrite: boolean;
}) {
  const t = useTranslations("tasks.detail");
  const tStatus = useTranslations("tasks.status");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const controls = (useTaskLive(taskId, initial).data ?? initial).controls;
  const refreshLive = useRefreshTaskLive(taskId);

  function run(op: Op) {
    setMessage(null);
    start(async () => {
      const res = await taskOperationAction({ taskId, op });
      if (res?.serverError) {
        setMessage({ tone: "error", text: localize(res.serverError.message, locale) });
        return;
      }
      const status = res?.data?.status;
      setMessage({ tone: "success", text: t("operationDone", { op: t(`ops.${op}`), status: status ? tStatus(status) : "" }) });
      if (op === "delete") {
        router.push("/tasks");
        return;
      }
      // The figures are fetched again at once: after a pause, the provider's from after it (the action re-read them
      // through the sync path); while paused they follow every sync (FiguresFollowSync, issue 15 point 2).
      await refreshLive();
      router.refresh();
    });
  }

  if (!canWrite) return <p className="text-sm text-slate-600">{t("readOnlyRole")}</p>;

  // Operations refused for the same reason (a read-only provider) share one line.
  const reasons = new Map<string, Op[]>();
  for (const op of OPS) {
    const reason = controls[op].allowed ? null : localize(controls[op].reason, locale);
    if (reason) reasons.set(reason, [...(reasons.get(reason) ?? []), op]);
  }
  return (
    <div className="space-y-3" data-testid="task-controls">
      <div className="flex flex-wrap gap-2">
        {OPS.map((op) => {
          const rule = controls[op];
          const button = (
            <Button
              key={op}
              variant={op === "delete" ? "danger" : op === "start" ? "primary" : "secondary"}
              disabled={pending || !rule.allowed}
              aria-describedby={
                rule.allowed ? (unverified[op] ? `unverified-${op}` : undefined) : `reason-${[...reasons.values()].find((ops) => ops.includes(op))?.[0] ?? op}`
              }
              onClick={() => (op === "delete" ? setConfirmDelete(true) : run(op))}
            >
              {t(`ops.${op}`)}
            </Button>
          );
          if (!unverified[op]) return button;
          return (
            <span key={op} className="inline-flex items-center gap-1.5">
              {button}
              <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800" title={localize(unverified[op], locale)} data-testid={`unverified-${op}`}>
                {t("unverified")}
              </span>
            </span>
          );
        })}
        {pending ? <span className="self-center text-sm text-slate-500">{t("working")}</span> : null}
      </div>
      {OPS.filter((op) => unverified[op]).map((op) => (
        <p key={op} id={`unverified-${op}`} className="text-xs text-amber-800" data-testid={`unverified-${op}-note`}>
          {t.rich("opsReason", {
            ops: t(`ops.${op}`),
            reason: localize(unverified[op], locale) ?? "",
            strong: (chunks) => <span className="font-medium">{chunks}</span>,
          })}
        </p>
      ))}
      {reasons.size > 0 ? (
        <ul className="space-y-0.5 text-xs text-slate-600">
          {[...reasons].map(([reason, ops]) => (
            <li key={ops[0]} id={`reason-${ops[0]}`} data-testid="control-reason">
              {t.rich("opsReason", {
                ops: formatList(
                  ops.map((op) => t(`ops.${op}`)),
                  locale,
                ),
                reason,
                strong: (chunks) => <span className="font-medium">{chunks}</span>,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <ConfirmDialog
        open={confirmDelete}
        title={t("deleteTitle")}
        body={t("deleteBody")}
        confirmLabel={t("ops.delete")}
        typedConfirmation={taskName}
        typedLabel={t("deleteTyped", { name: taskName })}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          run("delete");
        }}
      />
    </div>
  );
}
