"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";

/** better-auth's codes for a request from an address it does not trust (a 403 before any password check). */
const ORIGIN_REFUSALS = new Set(["INVALID_ORIGIN", "MISSING_OR_NULL_ORIGIN"]);

export function LoginForm({ defaultEmail, appOrigin }: { defaultEmail: string; appOrigin: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        router.replace("/");
        router.refresh();
        return;
      }
      if (res.status === 429) {
        const seconds = Number(res.headers.get("x-retry-after") ?? res.headers.get("retry-after") ?? 0) || 60;
        setError(t("auth.throttled", { seconds }));
      } else if (res.status === 403 && ORIGIN_REFUSALS.has(await refusalCode(res))) {
        // Not a wrong password: the page was opened under an address the server is not configured for.
        setError(t("auth.originMismatch", { origin: window.location.origin, expected: appOrigin }));
      } else {
        // One message for every refusal (unknown email, wrong password, deactivated): nothing to probe.
        setError(t("auth.invalid"));
      }
    } catch {
      setError(t("common.error"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label={t("common.email")}>
        {({ id }) => <Input id={id} name="email" type="email" autoComplete="username" required defaultValue={defaultEmail} autoFocus={!defaultEmail} />}
      </Field>
      <Field label={t("auth.password")}>
        {({ id }) => <Input id={id} name="password" type="password" autoComplete="current-password" required autoFocus={Boolean(defaultEmail)} />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? t("auth.signingIn") : t("auth.signIn")}
      </Button>
    </form>
  );
}

async function refusalCode(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { code?: unknown } | null;
  return typeof body?.code === "string" ? body.code : "";
}
