"use client";
// Re-renders a server-rendered page every few seconds while something on it is live (the tasks list
// while a task runs, is about to, or is paused), so statuses and figures change without a reload.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function LiveRefresh({ active, everyMs = 5_000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
