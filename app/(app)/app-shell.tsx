"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { LanguageSwitch } from "../locale/language-switch";

export interface ShellUser {
  name: string;
  email: string;
  role: "admin" | "manager" | "viewer";
}

const NAV = [
  { href: "/", key: "overview", icon: "M3 12l9-9 9 9M5 10v10h14V10" },
  { href: "/tasks", key: "tasks", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/contacts", key: "contacts", icon: "M6 3h9l3 3v15H6zM9 9h6M9 13h6M9 17h4" },
  { href: "/time-groups", key: "timeGroups", icon: "M12 6v6l4 2M12 22a10 10 0 100-20 10 10 0 000 20z" },
  { href: "/retry-strategies", key: "retryStrategies", icon: "M4 4v6h6M20 20v-6h-6M5 15a8 8 0 0014 3M19 9A8 8 0 005 6" },
  { href: "/providers", key: "providers", icon: "M4 7h16v10H4zM8 17v3M16 17v3" },
  { href: "/audit", key: "audit", icon: "M9 5h10M9 12h10M9 19h10M5 5h.01M5 12h.01M5 19h.01" },
  { href: "/users", key: "users", icon: "M16 14a4 4 0 10-8 0M12 10a3 3 0 100-6 3 3 0 000 6zM4 20a8 8 0 0116 0", adminOnly: true },
] as const;

function NavIcon({ d }: { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const t = useTranslations();
  const pathname = usePathname();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);

  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    router.replace("/login");
    router.refresh();
  }

  const links = NAV.filter((n) => !("adminOnly" in n) || user.role === "admin");
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

  const nav = (
    <nav aria-label={t("nav.main")} className="flex flex-col gap-1">
      {links.map((n) => (
        <Link
          key={n.href}
          href={n.href}
          aria-current={isActive(n.href) ? "page" : undefined}
          className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
            isActive(n.href) ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
          }`}
        >
          <NavIcon d={n.icon} />
          {t(`nav.${n.key}`)}
        </Link>
      ))}
    </nav>
  );

  const footer = (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      <div className="text-sm">
        <div className="font-medium text-slate-900" data-testid="shell-user">
          {user.name}
        </div>
        <div className="truncate text-slate-500">{user.email}</div>
        <div className="mt-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t(`roles.${user.role}`)}</div>
      </div>
      <LanguageSwitch />
      <button type="button" onClick={signOut} className="block text-sm font-medium text-slate-700 hover:text-slate-900">
        {t("nav.signOut")}
      </button>
    </div>
  );

  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("nav.skip")}
      </a>
      {/* Phone: a top bar with a menu button. */}
      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          {t("app.name")}
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((o) => !o)}
          className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300"
        >
          {open ? t("nav.close") : t("nav.menu")}
        </button>
      </header>
      {open ? (
        <div id="mobile-nav" className="fixed inset-x-0 top-[57px] bottom-0 z-20 overflow-y-auto bg-white p-4 lg:hidden">
          {nav}
          <div className="mt-6">{footer}</div>
        </div>
      ) : null}
      {/* Desktop: a fixed sidebar. */}
      <aside className="hidden w-60 shrink-0 flex-col justify-between border-r border-slate-200 bg-white p-4 lg:sticky lg:top-0 lg:flex lg:h-screen">
        <div>
          <Link href="/" className="mb-6 block px-3 text-xl font-semibold text-brand-700">
            {t("app.name")}
          </Link>
          {nav}
        </div>
        {footer}
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8">
        {children}
      </main>
    </div>
  );
}
