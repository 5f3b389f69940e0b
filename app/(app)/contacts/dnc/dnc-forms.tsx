"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import type { StopReportView } from "@/lib/contracts/numbers";
import { localize } from "@/lib/domain/text";
import { cancelJobAction, previewUploadAction } from "../actions";
import { ImportWizard } from "../import-wizard";
import { addDncAction, removeDncAction, startDncImportAction } from "./actions";

export function AddDncForm({ scope }: { scope: string }) {
  const t = useTranslations("contacts.dnc");
  const locale = useLocale();
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const [reason, setReason] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [stops, setStops] = useState<StopReportView[] | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3"
      data-testid="dnc-add"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setStops(null);
        start(async () => {
          const res = await addDncAction({ phone, scope, reason, expiresOn: expiresOn || null });
          if (res?.data) {
            setStops(res.data.stops);
            setPhone("");
            setReason("");
            router.refresh();
          } else setError(res?.serverError ? localize(res.serverError.message, locale) : t("invalid"));
        });
      }}
    >
      <UnsavedChangesGuard dirty={phone.trim() !== "" || reason.trim() !== ""} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("phone")}</span>
          <input className={`${inputClass} w-48`} value={phone} maxLength={40} required onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("reason")}</span>
          <input className={`${inputClass} w-64`} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("expiresOn")}</span>
          <input type="date" className={`${inputClass} w-44`} value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
        </label>
        <Button type="submit" disabled={pending || phone.trim() === ""}>
          {t("add")}
        </Button>
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {stops ? (
        <div data-testid="dnc-stops">
          <Notice tone={stops.some((s) => s.outcome !== "stopped") ? "warning" : "success"}>
            {stops.length === 0 ? t("addedNoTasks") : t("added")}
          </Notice>
          {stops.length > 0 ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {stops.map((s, i) => (
                <li key={`${s.taskId}-${i}`} className={s.outcome === "stopped" ? "" : "text-amber-800"}>
                  {localize(s.message, locale)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

export function RemoveDncButton({ phone, scope, label }: { phone: string; scope: string; label: string }) {
  const t = useTranslations("contacts.dnc");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={t("removeLabel", { phone: label })}
      disabled={pending}
      onClick={() =>
        start(async () => {
          await removeDncAction({ phone, scope });
          router.refresh();
        })
      }
    >
      {t("remove")}
    </Button>
  );
}

export function DncImport({ scope }: { scope: string }) {
  const t = useTranslations("contacts.dnc");
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-3">
      <label className="space-y-1 text-sm">
        <span className="block font-medium text-slate-700">{t("importReason")}</span>
        <input className={`${inputClass} w-64`} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ImportWizard
        listId={null}
        withDetails={false}
        preview={(input) => previewUploadAction(input)}
        start={(input) => startDncImportAction({ ...input, scope, reason, expiresOn: null })}
        cancel={(jobId) => cancelJobAction({ jobId })}
      />
    </div>
  );
}
