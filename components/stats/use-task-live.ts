"use client";
// The one query behind everything on a task page that changes while the task lives (issue 15 point 1):
// header status, controls, summary, statistics, forecast inputs and what the task waits for.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { TaskStatus } from "@/lib/domain/task";
import type { TaskStatsView } from "@/lib/contracts/stats";
import { fetchJson } from "./fetch-json";

/** How often a running (or about-to-run) task's page is fetched again. */
export const LIVE_REFRESH_MS = 3_000;
/**
 * How often a paused task's page asks when the mirror last wrote the task (a cheap check). Its figures are
 * fetched again when that moves — every scheduled sync, webhook or write — not on a timer (issue 15 point 2).
 */
export const PAUSED_SYNC_CHECK_MS = 5_000;

export function taskStatsQueryKey(taskId: string) {
  return ["stats", "task", taskId] as const;
}

/** How often the page fetches a task's figures in `status`; false when they are not fetched on a timer. */
export function liveRefreshMs(status: TaskStatus | undefined): number | false {
  if (status === "running" || status === "pending") return LIVE_REFRESH_MS;
  return false;
}

/** How often the page checks the mirror's synced-at of a task in `status`: only while it is paused. */
export function syncCheckMs(status: TaskStatus | undefined): number | false {
  return status === "paused" ? PAUSED_SYNC_CHECK_MS : false;
}

/** Whether the mirror wrote the task after the figures shown were read. */
export function syncedSince(shownSyncAt: string | null, mirrorSyncAt: string | null | undefined): boolean {
  if (!mirrorSyncAt) return false;
  return shownSyncAt === null || Date.parse(mirrorSyncAt) > Date.parse(shownSyncAt);
}

/** Whether the task's audit gained an entry after the view shown was generated (a pause's entry lands after its answer). */
export function auditedSince(shownGeneratedAt: string, auditedAt: string | null | undefined): boolean {
  return Boolean(auditedAt) && Date.parse(auditedAt!) > Date.parse(shownGeneratedAt);
}

export function useTaskLive(taskId: string, initial?: TaskStatsView) {
  return useQuery({
    queryKey: taskStatsQueryKey(taskId),
    queryFn: ({ signal }) => fetchJson<TaskStatsView>(`/api/tasks/${encodeURIComponent(taskId)}/stats`, signal),
    ...(initial ? { initialData: initial, initialDataUpdatedAt: Date.parse(initial.generatedAt) } : {}),
    refetchInterval: (query) => liveRefreshMs(query.state.data?.status ?? initial?.status),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

/**
 * While the task is paused, fetches its figures again whenever the mirror's synced-at for it moves past the one
 * the page shows, so every sync after the pause reaches the page. Mounted once per page.
 */
export function useRefetchOnSync(taskId: string, initial: TaskStatsView): void {
  const client = useQueryClient();
  const live = useTaskLive(taskId, initial).data ?? initial;
  const check = useQuery({
    queryKey: [...taskStatsQueryKey(taskId), "synced-at"],
    queryFn: ({ signal }) => fetchJson<{ lastSyncAt: string | null; auditedAt: string | null }>(`/api/tasks/${encodeURIComponent(taskId)}/synced-at`, signal),
    enabled: live.status === "paused",
    refetchInterval: syncCheckMs(live.status),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const mirrorSyncAt = check.data?.lastSyncAt;
  const auditedAt = check.data?.auditedAt;
  useEffect(() => {
    if (syncedSince(live.lastSyncAt, mirrorSyncAt) || auditedSince(live.generatedAt, auditedAt)) {
      void client.invalidateQueries({ queryKey: taskStatsQueryKey(taskId), exact: true });
    }
  }, [client, taskId, live.lastSyncAt, live.generatedAt, mirrorSyncAt, auditedAt]);
}

/** After a start, pause…: fetch the task's figures again now, rather than at the next tick. */
export function useRefreshTaskLive(taskId: string): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: taskStatsQueryKey(taskId) });
}
