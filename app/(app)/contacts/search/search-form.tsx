"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { findNumberAction } from "./actions";

export function NumberSearchForm() {
  const t = useTranslations("contacts.search");
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [pending, start] = useTransition();
  return (
    <form
      role="search"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setInvalid(false);
        start(async () => {
          const res = await findNumberAction({ phone });
          if (res?.data?.ref) router.push(`/contacts/search?n=${encodeURIComponent(res.data.ref)}`);
          else setInvalid(true);
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("label")}</span>
          <input className={`${inputClass} w-64`} value={phone} maxLength={40} required onChange={(e) => setPhone(e.target.value)} />
        </label>
        <Button type="submit" disabled={pending || phone.trim() === ""}>
          {t("find")}
        </Button>
      </div>
      {invalid ? <Notice tone="warning">{t("invalid")}</Notice> : null}
    </form>
  );
}
