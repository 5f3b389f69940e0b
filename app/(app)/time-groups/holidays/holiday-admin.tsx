"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { Field, Input, Select } from "@/components/ui/field";
import { isoWeekdayName, type IsoWeekday } from "@/lib/domain/call-time-group";
import type { HolidayKind } from "@/lib/domain/holiday-calendar";
import { holidayNameText } from "@/lib/domain/holiday-names";
import { localize } from "@/i18n/locales";
import type { ActionFailure } from "@/lib/contracts/errors";
import { importYearArrangementAction, removeHolidayDayAction, setHolidayDayAction } from "./actions";

interface YearRow {
  year: number;
  source: string;
  updatedAt: string;
  holidays: number;
  makeUpWorkdays: number;
}

interface DayRow {
  date: string;
  kind: HolidayKind;
  name: string;
}

/** A refusal as shown: its text in the user's language and the field it belongs to. */
type Failure = { text: string; field?: string };

const EXAMPLE = `{
  "year": 2027,
  "holidays": [
    { "name": "New Year's Day,元旦", "from": "2027-01-01", "to": "2027-01-03" },
    { "name": "Spring Festival,春节", "from": "2027-02-05", "to": "2027-02-11" }
  ],
  "makeUpWorkdays": [
    { "name": "Spring Festival,春节", "date": "2027-02-13" }
  ]
}`;

function weekdayOf(date: string): IsoWeekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/** The year an arrangement text names, to say what an import will replace; null if it does not read. */
function yearIn(text: string): number | null {
  try {
    const year = (JSON.parse(text) as { year?: unknown }).year;
    return typeof year === "number" ? year : null;
  } catch {
    return null;
  }
}

export function HolidayAdmin({ years, year, days, canEdit }: { years: YearRow[]; year: number; days: DayRow[]; canEdit: boolean }) {
  const t = useTranslations("timeGroups");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [dayError, setDayError] = useState<Failure | null>(null);
  const [importError, setImportError] = useState<Failure | null>(null);
  const [removing, setRemoving] = useState<DayRow | null>(null);
  const [confirmImport, setConfirmImport] = useState<number | null>(null);
  const [form, setForm] = useState({ date: "", kind: "holiday" as HolidayKind, name: "" });
  const [arrangement, setArrangement] = useState("");
  const current = years.find((y) => y.year === year);
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });

  const shown = (failure: ActionFailure): Failure => ({ text: localize(failure.message, locale), field: failure.field });

  function saveDay(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    start(async () => {
      const res = await setHolidayDayAction(form);
      if (res?.serverError) return setDayError(shown(res.serverError));
      if (res?.validationErrors) return setDayError({ text: t("holidays.checkFields") });
      setDayError(null);
      setMessage({ tone: "success", text: t("holidays.daySaved", { date: form.date }) });
      setForm({ date: "", kind: form.kind, name: "" });
      router.refresh();
    });
  }

  function runImport() {
    setMessage(null);
    start(async () => {
      const res = await importYearArrangementAction({ text: arrangement });
      if (res?.serverError) return setImportError(shown(res.serverError));
      if (!res?.data) return setImportError({ text: t("holidays.checkFields") });
      setImportError(null);
      setArrangement("");
      setMessage({ tone: "success", text: t("holidays.imported", res.data) });
      router.push(`/time-groups/holidays?year=${res.data.year}`);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      {message ? (
        <div data-testid="holiday-message">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
      {canEdit ? null : <Notice>{t("holidays.adminOnly")}</Notice>}

      <Card>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div className="w-full sm:w-48">
            <Field label={t("holidays.year")}>
              {({ id }) => (
                <Select id={id} value={year} onChange={(e) => router.push(`/time-groups/holidays?year=${e.target.value}`)}>
                  {years.map((y) => (
                    <option key={y.year} value={y.year}>
                      {y.year}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          {current ? (
            <p className="text-sm text-slate-700" data-testid="year-summary">
              {t("holidays.summary", { holidays: current.holidays, makeUp: current.makeUpWorkdays })} ·{" "}
              {t(`holidays.source.${current.source === "package" || current.source === "import" ? current.source : "manual"}`)}
            </p>
          ) : null}
        </div>
        <p className="mt-3 text-sm text-slate-600">
          {t("holidays.covered", { first: years[years.length - 1]?.year ?? "–", last: years[0]?.year ?? "–" })}
        </p>

        {days.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t("holidays.noDays")}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th className="py-2 pr-4">{t("holidays.date")}</th>
                  <th className="py-2 pr-4">{t("holidays.kind")}</th>
                  <th className="py-2 pr-4">{t("holidays.name")}</th>
                  {canEdit ? <th className="py-2 text-right">{t("holidays.actions")}</th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {days.map((day) => (
                  <tr key={day.date} data-testid={`holiday-${day.date}`}>
                    <td className="whitespace-nowrap py-2 pr-4 tabular-nums">
                      {dateFormat.format(new Date(`${day.date}T00:00:00Z`))} · {isoWeekdayName(weekdayOf(day.date), locale, "short")}
                    </td>
                    <td className="py-2 pr-4">
                      <span
                        className={`rounded px-1.5 py-0.5 text-xs ${day.kind === "holiday" ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-800"}`}
                      >
                        {t(`holidays.kinds.${day.kind}`)}
                      </span>
                    </td>
                    <td className="py-2 pr-4">{localize(holidayNameText(day.name), locale)}</td>
                    {canEdit ? (
                      <td className="py-2 text-right">
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={pending}
                          aria-label={t("holidays.removeDay", { date: day.date })}
                          onClick={() => setRemoving(day)}
                        >
                          {t("holidays.remove")}
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {canEdit ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <h2 className="mb-1 text-base font-semibold text-slate-900">{t("holidays.addTitle")}</h2>
            <p className="mb-4 text-sm text-slate-600">{t("holidays.addHint")}</p>
            <form onSubmit={saveDay} className="space-y-3" noValidate>
              <Field label={t("holidays.date")} error={dayError?.field === "date" ? dayError.text : null}>
                {({ id, describedBy, invalid }) => (
                  <Input
                    id={id}
                    type="date"
                    value={form.date}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => setForm({ ...form, date: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t("holidays.kind")}>
                {({ id }) => (
                  <Select id={id} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as HolidayKind })}>
                    <option value="holiday">{t("holidays.kinds.holiday")}</option>
                    <option value="makeUpWorkday">{t("holidays.kinds.makeUpWorkday")}</option>
                  </Select>
                )}
              </Field>
              <Field
                label={t("holidays.name")}
                hint={t("holidays.nameHint")}
                error={dayError && dayError.field !== "date" ? dayError.text : null}
              >
                {({ id, describedBy, invalid }) => (
                  <Input
                    id={id}
                    value={form.name}
                    maxLength={80}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => setForm({ ...form, name: e.target.value })}
                  />
                )}
              </Field>
              <Button type="submit" disabled={pending}>
                {t("holidays.saveDay")}
              </Button>
            </form>
          </Card>
          <Card>
            <h2 className="mb-1 text-base font-semibold text-slate-900">{t("holidays.importTitle")}</h2>
            <p className="mb-4 text-sm text-slate-600">{t("holidays.importHint")}</p>
            <Field label={t("holidays.arrangement")} error={importError ? importError.text : null}>
              {({ id, describedBy, invalid }) => (
                <textarea
                  id={id}
                  rows={10}
                  value={arrangement}
                  spellCheck={false}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  placeholder={EXAMPLE}
                  onChange={(e) => setArrangement(e.target.value)}
                  className="block w-full rounded-md border-0 px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
                />
              )}
            </Field>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button
                disabled={pending || arrangement.trim() === ""}
                onClick={() => {
                  const named = yearIn(arrangement);
                  if (named !== null && years.some((y) => y.year === named)) setConfirmImport(named);
                  else runImport();
                }}
              >
                {t("holidays.import")}
              </Button>
              <Button variant="secondary" onClick={() => setArrangement(EXAMPLE)}>
                {t("holidays.useExample")}
              </Button>
            </div>
          </Card>
        </div>
      ) : null}

      <UnsavedChangesGuard dirty={form.date !== "" || form.name !== "" || arrangement.trim() !== ""} />
      <ConfirmDialog
        open={removing !== null}
        title={t("holidays.removeTitle")}
        body={removing ? t("holidays.removeBody", { date: removing.date, name: localize(holidayNameText(removing.name), locale) }) : ""}
        confirmLabel={t("holidays.remove")}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const day = removing;
          setRemoving(null);
          if (!day) return;
          start(async () => {
            const res = await removeHolidayDayAction({ date: day.date });
            if (res?.serverError) setMessage({ tone: "error", text: localize(res.serverError.message, locale) });
            else {
              setMessage({ tone: "success", text: t("holidays.dayRemoved", { date: day.date }) });
              router.refresh();
            }
          });
        }}
      />
      <ConfirmDialog
        open={confirmImport !== null}
        title={t("holidays.replaceTitle", { year: confirmImport ?? "" })}
        body={t("holidays.replaceBody", { year: confirmImport ?? "" })}
        confirmLabel={t("holidays.replace")}
        onCancel={() => setConfirmImport(null)}
        onConfirm={() => {
          setConfirmImport(null);
          runImport();
        }}
      />
    </div>
  );
}
