"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { fieldErrorText, placeActionErrors } from "@/components/ui/form-errors";
import { lazyResolver } from "@/components/ui/lazy-resolver";
import { useHydrated } from "@/components/ui/use-hydrated";
import { USER_MESSAGE_VALUES } from "@/lib/contracts/user-limits";
import type { ZFirstAdmin } from "@/lib/contracts/users";
import { createFirstAdminAction } from "./actions";

const resolver = lazyResolver(() => import("./first-admin-resolver").then((m) => m.firstAdminResolver));

/** The first administrator, checked in the browser by the schema createFirstAdminAction uses. */
export function SetupForm() {
  const t = useTranslations();
  const tf = useTranslations("forms");
  const locale = useLocale();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const form = useForm<z.input<typeof ZFirstAdmin>, unknown, z.output<typeof ZFirstAdmin>>({
    resolver,
    defaultValues: { name: "", email: "", password: "" },
  });
  const { register, formState } = form;
  const errorText = (name: keyof z.input<typeof ZFirstAdmin>) => fieldErrorText(formState.errors[name], tf, USER_MESSAGE_VALUES);

  const onSubmit = form.handleSubmit(async (data) => {
    setFormError(null);
    const res = await createFirstAdminAction(data);
    if (res?.validationErrors || res?.serverError) {
      setFormError(placeActionErrors(res, form.setError, locale, tf));
      return;
    }
    router.replace(`/login?email=${encodeURIComponent(data.email)}`);
  });

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <Field label={t("auth.yourName")} error={errorText("name")}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} {...register("name")} autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid} autoFocus />
        )}
      </Field>
      <Field label={t("common.email")} error={errorText("email")}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} {...register("email")} type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label={t("auth.password")} error={errorText("password")} hint={t("auth.passwordHint")}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} {...register("password")} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={formState.isSubmitting || !hydrated}>
        {formState.isSubmitting ? t("common.saving") : t("auth.setupSubmit")}
      </Button>
    </form>
  );
}
