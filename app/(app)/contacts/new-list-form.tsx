"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { LIST_NAME_MAX } from "@/lib/domain/numbers/limits";
import { localize } from "@/lib/domain/text";
import { createContactListAction } from "./actions";

export function NewListForm() {
  const t = useTranslations("contacts.lists");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const res = await createContactListAction({ name, defaultCountry: "CN" });
          if (res?.data) router.push(`/contacts/${res.data.id}`);
          else setError(res?.serverError ? localize(res.serverError.message, locale) : t("nameRequired"));
        });
      }}
    >
      <UnsavedChangesGuard dirty={name.trim() !== "" && !pending} />
      <label className="space-y-1 text-sm">
        <span className="block font-medium text-slate-700">{t("newName")}</span>
        <input className={`${inputClass} w-64`} value={name} maxLength={LIST_NAME_MAX} required aria-describedby="new-list-name-count" onChange={(e) => setName(e.target.value)} />
        <span id="new-list-name-count" className="block text-xs text-slate-500" data-testid="list-name-count">
          {tc("charCount", { count: name.length, max: LIST_NAME_MAX })}
        </span>
      </label>
      <Button type="submit" disabled={pending || name.trim() === ""}>
        {t("create")}
      </Button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </form>
  );
}
