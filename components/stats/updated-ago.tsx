"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** "Updated 3 s ago", ticking every second; says so when the last refresh failed. */
export function UpdatedAgo({ updatedAt, live, failed }: { updatedAt: number; live: boolean; failed: boolean }) {
  const t = useTranslations("stats.live");
  // null until mounted: the server and the first client render both say "0 s", so hydration matches.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = now !== null && updatedAt > 0 ? Math.max(0, Math.round((now - updatedAt) / 1000)) : 0;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600" data-testid="updated-ago" aria-live="off">
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${failed ? "bg-amber-500" : live ? "animate-pulse bg-emerald-500" : "bg-slate-300"}`}
      />
      {updatedAt === 0 ? t("waiting") : failed ? t("failed", { seconds }) : live ? t("updatedLive", { seconds }) : t("updated", { seconds })}
    </span>
  );
}
