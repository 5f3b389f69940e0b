"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { setContactCapsAction } from "./actions";

export function CapsForm({ initial, canEdit }: { initial: { enabled: boolean; perDay: number; perWeek: number }; canEdit: boolean }) {
  const t = useTranslations("contacts.caps");
  const [rule, setRule] = useState(initial);
  const [savedRule, setSavedRule] = useState(initial);
  const [saved, setSaved] = useState<"ok" | "error" | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        start(async () => {
          const res = await setContactCapsAction(rule);
          setSaved(res?.data ? "ok" : "error");
          if (res?.data) setSavedRule(rule);
        });
      }}
    >
      <UnsavedChangesGuard dirty={canEdit && JSON.stringify(rule) !== JSON.stringify(savedRule)} />
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={rule.enabled} disabled={!canEdit} onChange={(e) => setRule({ ...rule, enabled: e.target.checked })} />
        {t("enabled")}
      </label>
      <div className="flex flex-wrap gap-4">
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{t("perDay")}</span>
          <input type="number" min={1} max={1000} className={`${inputClass} w-28`} disabled={!canEdit} value={rule.perDay} onChange={(e) => setRule({ ...rule, perDay: Number(e.target.value) })} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{t("perWeek")}</span>
          <input type="number" min={1} max={1000} className={`${inputClass} w-28`} disabled={!canEdit} value={rule.perWeek} onChange={(e) => setRule({ ...rule, perWeek: Number(e.target.value) })} />
        </label>
      </div>
      <p className="text-xs text-slate-500">{t("explain")}</p>
      {canEdit ? (
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("save")}
        </Button>
      ) : null}
      {saved === "ok" ? <Notice tone="success">{t("saved")}</Notice> : saved === "error" ? <Notice tone="error">{t("invalid")}</Notice> : null}
    </form>
  );
}
