"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";
import { textKey, type Locale } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/text";
import { createFirstAdminAction } from "./actions";

export function SetupForm() {
  const t = useTranslations();
  const lang = textKey(useLocale() as Locale);
  const router = useRouter();
  // Message keys and bilingual texts, not rendered strings, so an error follows a language switch.
  const [errors, setErrors] = useState<Partial<Record<"name" | "email" | "password", "auth.nameInvalid" | "auth.emailInvalid" | "auth.passwordHint">>>({});
  const [formError, setFormError] = useState<LocalizedText | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setErrors({});
    setFormError(null);
    const res = await createFirstAdminAction(input);
    setPending(false);
    if (res?.validationErrors) {
      const fe = res.validationErrors.fieldErrors as Record<string, string[] | undefined>;
      setErrors({
        ...(fe.name ? { name: "auth.nameInvalid" as const } : {}),
        ...(fe.email ? { email: "auth.emailInvalid" as const } : {}),
        ...(fe.password ? { password: "auth.passwordHint" as const } : {}),
      });
      return;
    }
    if (res?.serverError) {
      setFormError(res.serverError.message);
      return;
    }
    router.replace(`/login?email=${encodeURIComponent(input.email)}`);
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {formError ? <Notice tone="error">{formError[lang]}</Notice> : null}
      <Field label={t("auth.yourName")} error={errors.name && t(errors.name)}>
        {({ id, describedBy, invalid }) => <Input id={id} name="name" autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid} autoFocus />}
      </Field>
      <Field label={t("common.email")} error={errors.email && t(errors.email)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="email" type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label={t("auth.password")} error={errors.password && t(errors.password)} hint={t("auth.passwordHint")}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="password" type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? t("common.saving") : t("auth.setupSubmit")}
      </Button>
    </form>
  );
}
