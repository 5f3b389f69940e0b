"use client";
// The one query behind everything on a task page that changes while the task lives (issue 15 point 1):
// header status, controls, summary, statistics, forecast inputs and what the task waits for.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { TaskStatus } from "@/lib/domain/task";
import type { TaskStatsView } from "@/lib/contracts/stats";
import { fetchJson } from "./fetch-json";

/** How often a running (or about-to-run) task's page is fetched again. */
export const LIVE_REFRESH_MS = 3_000;
/**
 * A paused task is still fetched, less often: a pause lands on the provider while calls are ending, and
 * every sync after it may bring their results (issue 15 point 2: a paused task's figures are not frozen).
 */
export const PAUSED_REFRESH_MS = 10_000;

export function taskStatsQueryKey(taskId: string) {
  return ["stats", "task", taskId] as const;
}

/** How often the page refreshes a task in `status`; false once it can no longer change by itself. */
export function liveRefreshMs(status: TaskStatus | undefined): number | false {
  if (status === "running" || status === "pending") return LIVE_REFRESH_MS;
  if (status === "paused") return PAUSED_REFRESH_MS;
  return false;
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

/** After a start, pause…: fetch the task's figures again now, rather than at the next tick. */
export function useRefreshTaskLive(taskId: string): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: taskStatsQueryKey(taskId) });
}
