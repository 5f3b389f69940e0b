"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "./actions";
import { LOCALES } from "@/i18n/locales";

export function LanguageSwitch({ className = "" }: { className?: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div role="group" aria-label={t("nav.language")} className={`inline-flex rounded-md ring-1 ring-slate-300 ${className}`}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          disabled={pending}
          onClick={() =>
            start(async () => {
              await setLocaleAction({ locale: l });
              router.refresh();
            })
          }
          className={`px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md ${
            l === locale ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-100"
          }`}
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  );
}
