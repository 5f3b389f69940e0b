"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";
import { localize } from "@/i18n/locales";
import { createFirstAdminAction } from "./actions";

export function SetupForm() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
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
        ...(fe.name ? { name: t("auth.yourName") } : {}),
        ...(fe.email ? { email: t("forms.user.email") } : {}),
        ...(fe.password ? { password: t("auth.passwordHint") } : {}),
      });
      return;
    }
    if (res?.serverError) {
      setFormError(localize(res.serverError.message, locale));
      return;
    }
    router.replace(`/login?email=${encodeURIComponent(input.email)}`);
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <Field label={t("auth.yourName")} error={errors.name}>
        {({ id, describedBy, invalid }) => <Input id={id} name="name" autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid} autoFocus />}
      </Field>
      <Field label={t("common.email")} error={errors.email}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="email" type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label={t("auth.password")} error={errors.password} hint={t("auth.passwordHint")}>
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
