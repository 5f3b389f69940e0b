"use client";
// The one guard every editing form uses against losing what was typed: the browser's own prompt when the tab
// is closed, reloaded or sent elsewhere, and an in-app dialog when a link inside the console is clicked. The
// App Router has no navigation event to cancel, so link clicks are caught in the capture phase on the document,
// before next/link starts the navigation.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";

/** The link a click would follow, as a path to push, when it leaves this page for another page of the console. */
export function guardedHref(
  link: { href: string; target?: string; download?: boolean },
  click: { button: number; modified: boolean; defaultPrevented: boolean },
  current: string,
): string | null {
  if (click.defaultPrevented || click.button !== 0 || click.modified) return null;
  if (link.target === "_blank" || link.download) return null;
  const here = new URL(current);
  const url = new URL(link.href, here);
  if (url.origin !== here.origin) return null;
  if (url.pathname === here.pathname && url.search === here.search) return null;
  return url.pathname + url.search + url.hash;
}

/** While `dirty`, holds a click on an in-app link (pendingHref) until the user stays or leaves. */
export function useUnsavedChanges(dirty: boolean) {
  const router = useRouter();
  const [pendingHref, setPendingHref] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!link) return;
      const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
      const href = guardedHref(
        { href: link.href, target: link.target, download: link.hasAttribute("download") },
        { button: event.button, modified, defaultPrevented: event.defaultPrevented },
        window.location.href,
      );
      if (!href) return;
      event.preventDefault();
      event.stopPropagation();
      setPendingHref(href);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  const stay = useCallback(() => setPendingHref(null), []);
  const leave = useCallback(() => {
    const href = pendingHref;
    setPendingHref(null);
    if (href) router.push(href);
  }, [pendingHref, router]);

  return { pendingHref, stay, leave };
}

/** Drop into an editing form: asks "Leave without saving?" while `dirty`. `body` may name what would be lost. */
export function UnsavedChangesGuard({ dirty, body }: { dirty: boolean; body?: string }) {
  const t = useTranslations("unsavedChanges");
  const guard = useUnsavedChanges(dirty);
  return (
    <ConfirmDialog
      open={guard.pendingHref !== null}
      title={t("title")}
      body={body ?? t("body")}
      confirmLabel={t("leave")}
      onCancel={guard.stay}
      onConfirm={guard.leave}
    />
  );
}
