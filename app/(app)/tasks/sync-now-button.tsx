"use client";
// "Sync now" (issue 5 "Mirror"): starts the sync of one account (or every enabled one) and follows each run
// with TanStack Query until it finishes, showing a progress bar, the counts and, on failure, the provider's
// reason in the user's language. The page's server data is refreshed when the runs are done.
import { useQueries } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { syncNowAction } from "../sync/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { SyncRunProgress } from "@/lib/contracts/sync";

const POLL_MS = 1_000;

async function fetchRun(runId: string): Promise<SyncRunProgress> {
  const res = await fetch(`/api/sync/runs/${encodeURIComponent(runId)}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`sync run ${runId}: HTTP ${res.status}`);
  return (await res.json()) as SyncRunProgress;
}

export function SyncNowButton({ accountId, size = "md" }: { accountId?: string; size?: "sm" | "md" }) {
  const t = useTranslations("mirror");
  const locale = useLocale();
  const router = useRouter();
  const [runIds, setRunIds] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, start] = useTransition();
  const refreshed = useRef(false);

  const runs = useQueries({
    queries: runIds.map((id) => ({
      queryKey: ["sync-run", id],
      queryFn: () => fetchRun(id),
      refetchInterval: (q: { state: { data?: SyncRunProgress } }) => (q.state.data && q.state.data.status !== "running" ? false : POLL_MS),
      staleTime: 0,
    })),
  });
  const loaded = runs.map((r) => r.data).filter((r): r is SyncRunProgress => r !== undefined);
  const running = runIds.length > 0 && (loaded.length < runIds.length || loaded.some((r) => r.status === "running"));
  const done = runIds.length > 0 && !running;

  useEffect(() => {
    if (done && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [done, router]);

  function onClick() {
    setFailure(null);
    start(async () => {
      const res = await syncNowAction(accountId ? { accountId } : {});
      if (res?.serverError) {
        setFailure(localize(res.serverError.message, locale));
        return;
      }
      const ids = res?.data?.runs.map((r) => r.runId) ?? [];
      if (ids.length === 0) setFailure(t("noAccounts"));
      refreshed.current = false;
      setRunIds(ids);
    });
  }

  const seen = loaded.reduce((n, r) => n + r.seen, 0);
  const expectedKnown = loaded.length === runIds.length && loaded.every((r) => r.expected !== null);
  const expected = expectedKnown ? loaded.reduce((n, r) => n + (r.expected ?? 0), 0) : null;
  // While running the bar never shows 100 %: the last page and the "gone" check are still to come.
  const percent = done ? 100 : expected && expected > 0 ? Math.min(95, Math.round((seen / expected) * 100)) : null;
  const errors = loaded.filter((r) => r.status === "error");
  const totals = loaded.reduce((s, r) => ({ created: s.created + r.created, updated: s.updated + r.updated, gone: s.gone + r.gone }), { created: 0, updated: 0, gone: 0 });

  return (
    <div className="flex min-w-0 flex-col gap-2 sm:min-w-64" data-testid="sync-now">
      <Button variant="secondary" size={size} onClick={onClick} disabled={starting || running} aria-describedby="sync-now-status">
        {starting || running ? t("syncing") : t("syncNow")}
      </Button>
      {runIds.length > 0 ? (
        <div id="sync-now-status" className="space-y-1">
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className={`h-full rounded-full transition-[width] duration-500 ${errors.length ? "bg-red-500" : "bg-brand-600"} ${percent === null ? "w-1/3 animate-pulse" : ""}`}
              style={percent === null ? undefined : { width: `${percent}%` }}
            />
          </div>
          <p className="text-xs text-slate-600" aria-live="polite">
            {running
              ? expected !== null
                ? t("progress", { seen, expected })
                : t("progressUnknown", { seen })
              : t("finished", { seen, created: totals.created, updated: totals.updated, gone: totals.gone })}
          </p>
        </div>
      ) : null}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {done && errors.length ? (
        <Notice tone="error">{t("failed", { reason: localize(errors[0].error?.message, locale) ?? t("unknownError") })}</Notice>
      ) : null}
    </div>
  );
}
