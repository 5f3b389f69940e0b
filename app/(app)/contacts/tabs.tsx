import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The numbers section's tabs: lists, do-not-call, number search. */
export async function ContactsTabs({ current }: { current: "lists" | "dnc" | "search" }) {
  const t = await getTranslations("contacts.tabs");
  const tabs = [
    { key: "lists", href: "/contacts" },
    { key: "dnc", href: "/contacts/dnc" },
    { key: "search", href: "/contacts/search" },
  ] as const;
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab.key === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
