"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "./button";
import { Input } from "./field";
import { useHydrated } from "./use-hydrated";

/**
 * Confirmation before a destructive action. With `typedConfirmation`, the user must type that text
 * (e.g. the task's name) before the button enables.
 *
 * The browser's own modal <dialog> (showModal): the rest of the page is inert, focus moves into it and comes
 * back afterwards, Escape cancels. It replaced a dialog library that every page with a delete button
 * downloaded on first load (issue 14 goal 4). It is put at the end of <body>, so it may be used inside a
 * table or a form.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  typedConfirmation,
  typedLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  typedConfirmation?: string;
  typedLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [typed, setTyped] = useState("");
  const ready = !typedConfirmation || typed.trim() === typedConfirmation;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open, hydrated]);

  function cancel() {
    setTyped("");
    onCancel();
  }

  if (!hydrated) return null;
  return createPortal(
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape: the parent closes it (it owns `open`), as for Cancel.
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      // A click on the backdrop (the <dialog> itself, outside the panel) cancels too.
      onClick={(e) => {
        if (e.target === e.currentTarget) cancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="p-6">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p id={bodyId} className="mt-2 text-sm text-slate-600">
            {body}
          </p>
          {typedConfirmation ? (
            <label className="mt-4 block text-sm">
              <span className="mb-1 block text-slate-700">{typedLabel}</span>
              <Input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
            </label>
          ) : null}
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={cancel}>
              {t("common.cancel")}
            </Button>
            <Button
              variant="danger"
              disabled={!ready}
              onClick={() => {
                setTyped("");
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>,
    document.body,
  );
}
