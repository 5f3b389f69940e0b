"use client";
// The server's answer about a value being edited — what each provider would make of a call-time group or of a
// retry strategy: asked again whenever the value changes, the previous answer kept on screen while the next one
// is on its way, an answer about a value no longer shown dropped. Written here rather than with TanStack Query,
// which was about 12 kB gzip of each editor's first load for this one request (issue 14 goal 4: first-load JS
// ≤ 180 kB on every page).
import { useEffect, useRef, useState } from "react";

export interface LatestAnswer<T> {
  /** The answer about the current value; while that one is on its way, the last answer received. */
  data: T | undefined;
  /** The answer about the current value is on its way. */
  fetching: boolean;
  /** Asking about the current value failed. */
  failed: boolean;
}

/** What was last received for which key; the last key that failed. */
export interface Received<T> {
  answered: { key: string; data: T } | null;
  failed: string | null;
}

/** What the editor shows for `key` (null: nothing to ask, e.g. the value has errors) given what was received. */
export function latestAnswer<T>(key: string | null, { answered, failed }: Received<T>): LatestAnswer<T> {
  return {
    data: answered?.data,
    fetching: key !== null && answered?.key !== key && failed !== key,
    failed: key !== null && failed === key,
  };
}

/**
 * `ask(key)` each time `key` changes (not when it is null). `key` is the value in a stable form (its JSON), so
 * an unchanged value is not asked about twice in a row.
 */
export function useLatestAnswer<T>(key: string | null, ask: (key: string) => Promise<T>): LatestAnswer<T> {
  const [received, setReceived] = useState<Received<T>>({ answered: null, failed: null });
  const askRef = useRef(ask);
  useEffect(() => {
    askRef.current = ask;
  });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setReceived((r) => (r.failed === key ? { ...r, failed: null } : r));
    askRef.current(key).then(
      (data) => {
        if (current) setReceived({ answered: { key, data }, failed: null });
      },
      () => {
        if (current) setReceived((r) => ({ ...r, failed: key }));
      },
    );
    // An answer that arrives after the value changed again describes a value no longer shown.
    return () => {
      current = false;
    };
  }, [key]);
  return latestAnswer(key, received);
}
