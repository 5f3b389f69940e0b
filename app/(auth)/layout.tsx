import { LanguageSwitch } from "../locale/language-switch";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="text-3xl font-semibold tracking-tight text-brand-700">{t("app.name")}</div>
          <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
        </div>
        <main id="main" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</main>
        <div className="mt-6 flex justify-center">
          <LanguageSwitch />
        </div>
      </div>
    </div>
  );
}
