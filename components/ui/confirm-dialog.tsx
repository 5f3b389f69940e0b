"use client";
import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";
import { Input } from "./field";

/**
 * Confirmation before a destructive action. With `typedConfirmation`, the user must type that text
 * (e.g. the task's name) before the button enables.
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
  const [typed, setTyped] = useState("");
  const ready = !typedConfirmation || typed.trim() === typedConfirmation;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        if (!o) {
          setTyped("");
          onCancel();
        }
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{body}</Dialog.Description>
          {typedConfirmation ? (
            <label className="mt-4 block text-sm">
              <span className="mb-1 block text-slate-700">{typedLabel}</span>
              <Input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
            </label>
          ) : null}
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => { setTyped(""); onCancel(); }}>
              {t("common.cancel")}
            </Button>
            <Button variant="danger" disabled={!ready} onClick={() => { setTyped(""); onConfirm(); }}>
              {confirmLabel}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
