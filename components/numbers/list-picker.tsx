"use client";
// Picking a contact list to send to a task: the lists (GET /api/contacts/lists) and, for a chosen list, the
// summary of what the send will skip. Used by the task page's "add numbers from a list" (GET
// /api/tasks/<id>/send-summary) and by the wizard's numbers step before its task exists, for the chosen account
// (GET /api/contacts/lists/<id>/send-summary?accountId=): the same summary on the server.
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Notice } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import type { ContactListOption, SendSummaryView } from "@/lib/contracts/numbers";

/** Where the list would go: an existing task, or the account a new task will be created on. */
export type ListTarget = { taskId: string } | { accountId: string };

function summaryUrl(target: ListTarget, listId: string): string {
  return "taskId" in target
    ? `/api/tasks/${encodeURIComponent(target.taskId)}/send-summary?listId=${encodeURIComponent(listId)}`
    : `/api/contacts/lists/${encodeURIComponent(listId)}/send-summary?accountId=${encodeURIComponent(target.accountId)}`;
}

export function ListPicker({
  target,
  value,
  onChange,
}: {
  /** Null while there is nowhere to send yet (no account chosen): no summary is asked. */
  target: ListTarget | null;
  value: string | null;
  onChange: (listId: string | null, summary: SendSummaryView | null, list: ContactListOption | null) => void;
}) {
  const t = useTranslations("contacts.send");
  const id = useId();
  const [lists, setLists] = useState<ContactListOption[] | null>(null);
  const [summary, setSummary] = useState<SendSummaryView | null>(null);
  const [checking, setChecking] = useState(false);
  const [failed, setFailed] = useState(false);
  // The caller's callback may change identity every render; the latest one is called.
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    void fetch("/api/contacts/lists", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((d: { lists: ContactListOption[] }) => setLists(d.lists))
      .catch(() => setFailed(true));
  }, []);

  const url = value && target ? summaryUrl(target, value) : null;
  const chosen = lists?.find((l) => l.id === value) ?? null;
  const chosenRef = useRef(chosen);
  useEffect(() => {
    chosenRef.current = chosen;
  }, [chosen]);

  useEffect(() => {
    if (!url || !value) return;
    let stale = false;
    setChecking(true);
    setSummary(null);
    setFailed(false);
    // A summary for another list or target is no longer true: the caller waits for this one.
    onChangeRef.current(value, null, chosenRef.current);
    void fetch(url, { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((s: SendSummaryView) => {
        if (stale) return;
        setSummary(s);
        onChangeRef.current(value, s, chosenRef.current);
      })
      .catch(() => !stale && setFailed(true))
      .finally(() => !stale && setChecking(false));
    return () => {
      stale = true;
    };
  }, [url, value]);

  return (
    <div className="space-y-2" data-testid="list-picker">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {t("list")}
      </label>
      <select
        id={id}
        className={inputClass}
        value={value ?? ""}
        onChange={(e) => {
          setSummary(null);
          onChange(e.target.value || null, null, lists?.find((l) => l.id === e.target.value) ?? null);
        }}
        disabled={!lists}
      >
        <option value="">{lists ? t("choose") : t("loading")}</option>
        {lists?.map((l) => (
          <option key={l.id} value={l.id}>
            {t("option", { name: l.name, size: l.size })}
          </option>
        ))}
      </select>
      {checking ? <p className="text-sm text-slate-600">{t("checking")}</p> : null}
      {summary ? (
        <p className="text-sm text-slate-800" data-testid="send-summary">
          {summary.total - summary.willSend > 0
            ? t("summary", { skipped: summary.total - summary.willSend, total: summary.total, dnc: summary.dnc, cap: summary.cap, inTask: summary.inTask })
            : t("summaryNone", { total: summary.total })}
        </p>
      ) : null}
      {failed ? <Notice tone="error">{t("loadFailed")}</Notice> : null}
    </div>
  );
}
