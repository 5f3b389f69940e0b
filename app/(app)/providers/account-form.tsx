"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { get, useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { fieldErrorText, placeActionErrors } from "@/components/ui/form-errors";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { localize } from "@/i18n/locales";
import { lazyResolver } from "@/components/ui/lazy-resolver";
import { ACCOUNT_MESSAGE_VALUES } from "@/lib/contracts/account-limits";
import type { AccountProps, KindProps, ZAccountInput } from "@/lib/contracts/accounts";
import type { CredentialField } from "@/lib/providers/types";
import { createAccountAction, testConnectionAction, updateAccountAction } from "./actions";

type AccountFormValues = z.input<typeof ZAccountInput>;

const resolver = lazyResolver(() => import("./account-resolver").then((m) => m.accountResolver));

/** What each field starts with. A stored secret is never sent to the browser: its field starts blank. */
function fieldValues(fields: CredentialField[], stored: (key: string) => string | null | undefined): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.secret ? "" : (stored(f.key) ?? f.default ?? "")]));
}

function initialValues(caps: KindProps, account: AccountProps | undefined): AccountFormValues {
  return {
    kind: caps.kind,
    name: account?.name ?? "",
    baseUrl: account?.baseUrl ?? "",
    credentials: fieldValues(caps.credentialFields, (key) => account?.credentialFields[key]?.value),
    settings: fieldValues(caps.settingFields, (key) => account?.settings[key]),
    enabled: account?.enabled ?? true,
  };
}

/**
 * Add or edit a provider account, validated in the browser by the schema its server action uses. Secrets are
 * write-only: the form shows "set", a blank field keeps the stored value, and a typed one is cleared once saved.
 */
export function AccountForm({ kinds, account, initialKind }: { kinds: KindProps[]; account?: AccountProps; initialKind?: string }) {
  const t = useTranslations("providers");
  const tc = useTranslations("common");
  const ts = useTranslations("security.accountForm");
  const tf = useTranslations("forms");
  const locale = useLocale();
  const router = useRouter();
  const startKind = account?.kind ?? kinds.find((k) => k.kind === initialKind)?.kind ?? kinds[0].kind;
  const form = useForm<AccountFormValues, unknown, z.output<typeof ZAccountInput>>({
    resolver,
    defaultValues: initialValues(kinds.find((k) => k.kind === startKind)!, account),
  });
  const { register, formState, setError, setValue } = form;
  const kind = form.watch("kind");
  const caps = kinds.find((k) => k.kind === kind)!;
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [savedId, setSavedId] = useState<string | null>(account?.id ?? null);
  const [pending, start] = useTransition();
  const errorText = (name: string) => fieldErrorText(get(formState.errors, name), tf, ACCOUNT_MESSAGE_VALUES);

  /** Another provider asks for other credentials and settings: start them from that provider's defaults. */
  function changeKind(next: string) {
    const nextCaps = kinds.find((k) => k.kind === next)!;
    const fresh = initialValues(nextCaps, undefined);
    setValue("kind", next, { shouldDirty: true });
    setValue("credentials", fresh.credentials, { shouldDirty: true });
    setValue("settings", fresh.settings, { shouldDirty: true });
  }

  function fieldInput(f: CredentialField, group: "credentials" | "settings") {
    const name = `${group}.${f.key}` as const;
    const stored = group === "credentials" ? account?.credentialFields[f.key] : undefined;
    const hint = f.secret ? (stored?.isSet ? t("secretSet") : f.optional ? ts("secretOptional") : t("secretRequired")) : undefined;
    return (
      <Field key={name} label={localize(f.label, locale)} error={errorText(name)} hint={hint}>
        {({ id, describedBy, invalid }) =>
          f.options ? (
            <Select id={id} {...register(name)} aria-describedby={describedBy} aria-invalid={invalid}>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {localize(o.label, locale)}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              id={id}
              {...register(name)}
              type={f.secret ? "password" : "text"}
              autoComplete={f.secret ? "new-password" : "off"}
              // A stored secret is never sent to the browser; the placeholder only says it is set.
              placeholder={f.secret && stored?.isSet ? "••••••••" : undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )
        }
      </Field>
    );
  }

  const onSubmit = form.handleSubmit((data) => {
    setNotice(null);
    start(async () => {
      const res = savedId ? await updateAccountAction({ id: savedId, data }) : await createAccountAction(data);
      if (res?.validationErrors || res?.serverError) {
        const text = placeActionErrors(res, setError, locale, tf);
        if (text) setNotice({ tone: "error", text });
        return;
      }
      const id = res?.data?.id ?? savedId;
      // What was typed into a secret is not kept on the page once the server has it.
      const secrets = caps.credentialFields.filter((f) => f.secret).map((f) => f.key);
      form.reset({ ...data, credentials: { ...data.credentials, ...Object.fromEntries(secrets.map((key) => [key, ""])) } });
      if (!savedId && id) {
        setSavedId(id);
        router.replace(`/providers/${id}`);
      }
      setNotice({ tone: "success", text: savedId ? t("saved") : t("created") });
      router.refresh();
    });
  });

  function test() {
    if (!savedId) return;
    setNotice(null);
    start(async () => {
      const res = await testConnectionAction({ id: savedId });
      if (res?.data) setNotice({ tone: res.data.ok ? "success" : "error", text: localize(res.data.message, locale) });
      else if (res?.serverError) setNotice({ tone: "error", text: localize(res.serverError.message, locale) });
    });
  }

  return (
    <Card className="max-w-3xl">
      <form onSubmit={onSubmit} className="space-y-6" noValidate>
        {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
        {caps.accountHint ? (
          <div data-testid="account-hint">
            <Notice tone="info">{localize(caps.accountHint, locale)}</Notice>
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("kind")} error={errorText("kind")}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                value={kind}
                disabled={Boolean(savedId)}
                onChange={(e) => changeKind(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                {kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {localize(k.label, locale)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("name")} error={errorText("name")}>
            {({ id, describedBy, invalid }) => <Input id={id} {...register("name")} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <div className="sm:col-span-2">
            <Field label={t("baseUrl")} error={errorText("baseUrl")} hint={t("baseUrlHint")}>
              {({ id, describedBy, invalid }) => (
                <Input id={id} {...register("baseUrl")} type="url" placeholder="https://" aria-describedby={describedBy} aria-invalid={invalid} />
              )}
            </Field>
          </div>
        </div>
        <fieldset key={`c-${kind}`} className="space-y-4">
          <legend className="mb-2 text-sm font-semibold text-slate-900">{t("credentials")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">{caps.credentialFields.map((f) => fieldInput(f, "credentials"))}</div>
        </fieldset>
        {caps.settingFields.length ? (
          <fieldset key={`s-${kind}`} className="space-y-4">
            <legend className="mb-2 text-sm font-semibold text-slate-900">{t("settings")}</legend>
            <div className="grid gap-4 sm:grid-cols-2">{caps.settingFields.map((f) => fieldInput(f, "settings"))}</div>
          </fieldset>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? tc("saving") : tc("save")}
          </Button>
          {savedId ? (
            <Button variant="secondary" onClick={test} disabled={pending}>
              {t("test")}
            </Button>
          ) : null}
          <Link href="/providers" className="px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
            {t("back")}
          </Link>
        </div>
      </form>
      <UnsavedChangesGuard dirty={formState.isDirty} />
    </Card>
  );
}
