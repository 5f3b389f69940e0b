"use client";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { fieldErrorText, placeActionErrors } from "@/components/ui/form-errors";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { lazyResolver } from "@/components/ui/lazy-resolver";
import { ROLES, USER_MESSAGE_VALUES } from "@/lib/contracts/user-limits";
import type { ZNewUser } from "@/lib/contracts/users";
import { createUserAction } from "./actions";

const resolver = lazyResolver(() => import("./new-user-resolver").then((m) => m.newUserResolver));

/** An admin adds a user, checked in the browser by the schema createUserAction uses. */
export function NewUserForm({ onCreated, onCancel, onFailure }: { onCreated: () => void; onCancel: () => void; onFailure: (text: string) => void }) {
  const t = useTranslations();
  const tf = useTranslations("forms");
  const locale = useLocale();
  const [pending, start] = useTransition();
  const form = useForm<z.input<typeof ZNewUser>, unknown, z.output<typeof ZNewUser>>({
    resolver,
    defaultValues: { name: "", email: "", password: "", role: "viewer" },
  });
  const { register, formState } = form;
  const errorText = (name: keyof z.input<typeof ZNewUser>) => fieldErrorText(formState.errors[name], tf, USER_MESSAGE_VALUES);

  const onSubmit = form.handleSubmit((data) =>
    start(async () => {
      const res = await createUserAction(data);
      if (res?.validationErrors || res?.serverError) {
        const text = placeActionErrors(res, form.setError, locale, tf);
        if (text) onFailure(text);
        return;
      }
      form.reset();
      onCreated();
    }),
  );

  return (
    <Card>
      <h2 className="mb-4 text-base font-semibold">{t("users.addTitle")}</h2>
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label={t("common.name")} error={errorText("name")}>
          {({ id, describedBy, invalid }) => <Input id={id} {...register("name")} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t("common.email")} error={errorText("email")}>
          {({ id, describedBy, invalid }) => <Input id={id} {...register("email")} type="email" aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field label={t("users.temporaryPassword")} error={errorText("password")} hint={t("auth.passwordHint")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} {...register("password")} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field label={t("common.role")} error={errorText("role")}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} {...register("role")} aria-describedby={describedBy} aria-invalid={invalid}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex gap-2 sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : t("common.create")}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
      <UnsavedChangesGuard dirty={formState.isDirty} />
    </Card>
  );
}
