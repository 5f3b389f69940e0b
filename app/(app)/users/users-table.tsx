"use client";
import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { localize } from "@/i18n/locales";
import type { ActionFailure } from "@/lib/contracts/errors";
import { ROLES } from "@/lib/contracts/user-limits";
import { setUserActiveAction, setUserRoleAction } from "./actions";

// The form opens on "Add user": its code (react-hook-form) loads then, not with the page (issue 14 goal 4).
const NewUserForm = dynamic(() => import("./new-user-form").then((m) => m.NewUserForm));

interface Row {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  createdAt: string;
}

export function UsersTable({ users, currentUserId }: { users: Row[]; currentUserId: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<Row | null>(null);
  const [pending, start] = useTransition();

  function report(res: { serverError?: ActionFailure } | undefined, ok: string) {
    if (res?.serverError) setMessage({ tone: "error", text: localize(res.serverError.message, locale) });
    else setMessage({ tone: "success", text: ok });
  }

  return (
    <div className="space-y-4">
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <div className="flex justify-end">
        <Button onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          {t("users.add")}
        </Button>
      </div>
      {adding ? (
        <NewUserForm
          onCreated={() => {
            setAdding(false);
            setMessage({ tone: "success", text: t("users.created") });
          }}
          onCancel={() => setAdding(false)}
          onFailure={(text) => setMessage({ tone: "error", text })}
        />
      ) : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th className="px-4 py-3">{t("common.name")}</th>
              <th className="px-4 py-3">{t("common.email")}</th>
              <th className="px-4 py-3">{t("common.role")}</th>
              <th className="px-4 py-3">{t("common.status")}</th>
              <th className="px-4 py-3 text-right">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-row-${u.email}`}>
                <td className="px-4 py-3 font-medium text-slate-900">
                  {u.name}
                  {u.id === currentUserId ? <span className="ml-1 text-xs text-slate-500">({t("users.you")})</span> : null}
                </td>
                <td className="px-4 py-3 text-slate-700">{u.email}</td>
                <td className="px-4 py-3">
                  <Select
                    aria-label={`${t("common.role")}: ${u.email}`}
                    value={u.role}
                    disabled={pending}
                    className="w-40"
                    onChange={(e) => {
                      const role = e.target.value as (typeof ROLES)[number];
                      start(async () => report(await setUserRoleAction({ userId: u.id, role }), t("users.roleChanged")));
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="px-4 py-3">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${u.active ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>
                    {u.active ? t("common.active") : t("common.inactive")}
                  </span>
                </td>
                <td className="px-4 py-3 text-right">
                  {u.active ? (
                    <Button variant="secondary" size="sm" disabled={pending || u.id === currentUserId} onClick={() => setConfirm(u)}>
                      {t("users.deactivate")}
                    </Button>
                  ) : (
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={pending}
                      onClick={() => start(async () => report(await setUserActiveAction({ userId: u.id, active: true }), t("users.activate")))}
                    >
                      {t("users.activate")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={t("users.deactivate")}
        body={confirm ? t("users.confirmDeactivate", { email: confirm.email }) : ""}
        confirmLabel={t("users.deactivate")}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const u = confirm;
          setConfirm(null);
          if (u) start(async () => report(await setUserActiveAction({ userId: u.id, active: false }), t("users.deactivate")));
        }}
      />
    </div>
  );
}
