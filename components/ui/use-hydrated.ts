"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server's HTML is shown and until React has taken the page over, then true. Forms that submit
 * through JavaScript keep their button disabled until then: a click on a page that is still loading would
 * otherwise submit the form natively, as a GET that puts the password in the address.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
