"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import type { CredentialField } from "@/lib/providers/types";
import { createAccountAction, testConnectionAction, updateAccountAction } from "./actions";
import type { AccountProps, KindProps } from "@/lib/contracts/accounts";

/** Add or edit a provider account. Secrets are write-only: the form shows "set" and a blank field keeps them. */
export function AccountForm({ kinds, account, initialKind }: { kinds: KindProps[]; account?: AccountProps; initialKind?: string }) {
  const t = useTranslations("providers");
  const tc = useTranslations("common");
  const ts = useTranslations("security.accountForm");
  const locale = useLocale();
  const router = useRouter();
  const [kind, setKind] = useState<string>(account?.kind ?? (kinds.some((k) => k.kind === initialKind) ? initialKind! : kinds[0].kind));
  const caps = kinds.find((k) => k.kind === kind)!;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [savedId, setSavedId] = useState<string | null>(account?.id ?? null);
  const [pending, start] = useTransition();

  function fieldInput(f: CredentialField, group: "credentials" | "settings") {
    const name = `${group}.${f.key}`;
    const stored = group === "credentials" ? account?.credentialFields[f.key] : undefined;
    const initial = group === "settings" ? (account?.settings[f.key] ?? f.default ?? "") : (stored?.value ?? f.default ?? "");
    const hint = f.secret ? (stored?.isSet ? t("secretSet") : f.optional ? ts("secretOptional") : t("secretRequired")) : undefined;
    return (
      <Field key={name} label={localize(f.label, locale)} error={errors[name]} hint={hint}>
        {({ id, describedBy, invalid }) =>
          f.options ? (
            <Select id={id} name={name} defaultValue={initial} aria-describedby={describedBy} aria-invalid={invalid}>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {localize(o.label, locale)}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              id={id}
              name={name}
              type={f.secret ? "password" : "text"}
              autoComplete={f.secret ? "new-password" : "off"}
              // A stored secret is never sent to the browser; the placeholder only says it is set.
              defaultValue={f.secret ? "" : initial}
              placeholder={f.secret && stored?.isSet ? "••••••••" : undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )
        }
      </Field>
    );
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const pick = (group: "credentials" | "settings", fields: CredentialField[]) =>
      Object.fromEntries(fields.map((x) => [x.key, String(f.get(`${group}.${x.key}`) ?? "")]));
    const data = {
      kind: kind as KindProps["kind"],
      name: String(f.get("name") ?? ""),
      baseUrl: String(f.get("baseUrl") ?? ""),
      credentials: pick("credentials", caps.credentialFields),
      settings: pick("settings", caps.settingFields),
      enabled: account?.enabled ?? true,
    };
    setErrors({});
    setNotice(null);
    start(async () => {
      const res = savedId ? await updateAccountAction({ id: savedId, data }) : await createAccountAction(data);
      if (res?.validationErrors) {
        const fe = res.validationErrors.fieldErrors as Record<string, string[] | undefined>;
        setErrors({ ...(fe.name ? { name: t("invalidName") } : {}), ...(fe.baseUrl ? { baseUrl: t("invalidUrl") } : {}) });
        return;
      }
      if (res?.serverError) {
        if (res.serverError.field) setErrors({ [res.serverError.field]: localize(res.serverError.message, locale) });
        else setNotice({ tone: "error", text: localize(res.serverError.message, locale) });
        return;
      }
      const id = res?.data?.id ?? savedId;
      if (!savedId && id) {
        setSavedId(id);
        router.replace(`/providers/${id}`);
      }
      setNotice({ tone: "success", text: savedId ? t("saved") : t("created") });
      router.refresh();
    });
  }

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
          <Field label={t("kind")}>
            {({ id }) => (
              <Select id={id} value={kind} disabled={Boolean(savedId)} onChange={(e) => setKind(e.target.value)}>
                {kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {localize(k.label, locale)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("name")} error={errors.name}>
            {({ id, describedBy, invalid }) => <Input id={id} name="name" defaultValue={account?.name ?? ""} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <div className="sm:col-span-2">
            <Field label={t("baseUrl")} error={errors.baseUrl} hint={t("baseUrlHint")}>
              {({ id, describedBy, invalid }) => (
                <Input id={id} name="baseUrl" type="url" defaultValue={account?.baseUrl ?? ""} placeholder="https://" aria-describedby={describedBy} aria-invalid={invalid} />
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
    </Card>
  );
}
