// GET a statistics endpoint; a failure carries the server's bilingual message when it sent one.
import type { LocalizedText } from "@/lib/domain/call-time-group";

export class StatsFetchError extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: LocalizedText | null,
  ) {
    super(userMessage?.en ?? `HTTP ${status}`);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { cache: "no-store", signal, headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: LocalizedText } | null;
    throw new StatsFetchError(res.status, body?.message ?? null);
  }
  return (await res.json()) as T;
}
