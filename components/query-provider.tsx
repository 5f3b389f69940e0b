"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

/**
 * One TanStack Query client for a page's tree. Mounted by the pages whose components query (the overview, the
 * tasks list, a task), not by the root layout: TanStack Query is part of the first load of every page it is
 * mounted in, and most pages never query (issue 14 goal 4: first-load JS ≤ 180 kB). Components that share a
 * query key (a task page's live view, its controls, statistics and forecast) must sit under the same one.
 */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
