import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { appUrl } from "@/lib/server/config";
import { getActor } from "@/lib/server/session";
import { hasAnyUser } from "@/lib/server/services/users";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("auth.signIn") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getActor()) redirect("/");
  const t = await getTranslations();
  const { email } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold text-slate-900">{t("auth.signInTitle")}</h1>
      <LoginForm defaultEmail={email ?? ""} appOrigin={new URL(appUrl()).origin} />
    </>
  );
}
