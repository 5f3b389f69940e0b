"use client";
// The call-time group editor: one reducer state (editor-state.ts) shown as a
// week grid and a per-day list, with zone, holidays, overrides, a live preview and what each
// provider would lose. Saved through a server action; unsaved changes warn before leaving.
import { Switch } from "@/components/ui/switch";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useReducer, useState, useTransition } from "react";
import { DayRangeList } from "./day-range-list";
import { editorReducer, initialEditorState, isDirty } from "./editor-state";
import { OverridesEditor } from "./overrides-editor";
import { PreviewCalendar } from "./preview-calendar";
import { ProviderPanel } from "./provider-panel";
import { TimeZonePicker } from "./time-zone-picker";
import { WeekGrid } from "./week-grid";
import { Button } from "@/components/ui/button";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { useLatestAnswer } from "@/components/ui/use-latest-answer";
import { Field, Input, Select } from "@/components/ui/field";
import {
  isoWeekdayName,
  isValidTimeZone,
  type CallTimeGroup,
  type IsoWeekday,
  type LocalizedText,
  dialsNever,
} from "@/lib/domain/call-time-group";
import { checkCallTimeGroup } from "@/lib/domain/call-time-group-rules";
import type { HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { localize } from "@/i18n/locales";
import { createCallTimeGroupAction, encodeForProvidersAction, updateCallTimeGroupAction } from "./actions";

function todayIn(zone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: isValidTimeZone(zone) ? zone : "UTC", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Waits until the value has been still for `ms`, so the provider panel is not asked on every keystroke. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function GroupEditor({
  id,
  initial,
  calendar,
  calendarYears,
  zones,
  now,
  previewFrom,
  readOnly,
}: {
  id: string | null;
  initial: CallTimeGroup;
  calendar: HolidayCalendar;
  calendarYears: number[];
  zones: string[];
  /** The server's clock when the page was rendered (ISO), so server and browser render the same days. */
  now: string;
  /** First preview day (YYYY-MM-DD) from ?from=, else today in the group's zone. */
  previewFrom: string | null;
  readOnly: boolean;
}) {
  const t = useTranslations("timeGroups");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [state, dispatch] = useReducer(editorReducer, initial, initialEditorState);
  const [saved, setSaved] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [saving, startSaving] = useTransition();
  const [viewerZone, setViewerZone] = useState<string | null>(null);
  const { group } = state;
  const dirty = !readOnly && isDirty(state, saved);

  useEffect(() => {
    setViewerZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, []);

  const validation = useMemo(() => checkCallTimeGroup(group), [group]);
  const errors = useMemo(() => {
    const byDay: Partial<Record<IsoWeekday, LocalizedText[]>> = {};
    const byOverride: Record<number, LocalizedText[]> = {};
    const fields: Record<string, LocalizedText> = {};
    if (!validation.ok) {
      for (const issue of validation.issues) {
        const [head, index] = issue.path;
        if (head === "weekly") (byDay[Number(index) as IsoWeekday] ??= []).push(issue.message);
        else if (head === "overrides") (byOverride[Number(index)] ??= []).push(issue.message);
        else fields[String(head)] ??= issue.message;
      }
    }
    return { byDay, byOverride, fields };
  }, [validation]);
  // A new group's empty name is not an error until the user tries to save.
  const nameError = errors.fields.name && (attempted || group.name !== "") ? localize(errors.fields.name, locale) : null;

  const settledJson = useSettled(JSON.stringify(group), 300);
  const settledValid = useMemo(() => checkCallTimeGroup(JSON.parse(settledJson) as CallTimeGroup).ok, [settledJson]);
  const encodings = useLatestAnswer(settledValid ? settledJson : null, async (json) => {
    const res = await encodeForProvidersAction(JSON.parse(json) as CallTimeGroup);
    if (!res?.data) throw new Error("encodeForProviders failed");
    return res.data;
  });

  const zoneOk = isValidTimeZone(group.timeZone);
  const firstDay = previewFrom ?? todayIn(group.timeZone, new Date(now));

  const [confirmNoHours, setConfirmNoHours] = useState(false);

  function save(noHoursConfirmed = false) {
    setAttempted(true);
    setMessage(null);
    if (!validation.ok) {
      setMessage({ tone: "error", text: t("editor.fixErrors") });
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      return;
    }
    const toSave = validation.group;
    // A group without any hours is valid (a placeholder) but a task on it never dials: ask first.
    if (!noHoursConfirmed && dialsNever(toSave)) {
      setConfirmNoHours(true);
      return;
    }
    startSaving(async () => {
      const res = id ? await updateCallTimeGroupAction({ id, group: toSave }) : await createCallTimeGroupAction(toSave);
      if (res?.serverError) {
        setMessage({ tone: "error", text: localize(res.serverError.message, locale) });
        return;
      }
      if (res?.validationErrors) {
        setMessage({ tone: "error", text: t("editor.fixErrors") });
        return;
      }
      const stored = { ...group, isDefault: saved.isDefault || group.isDefault };
      setSaved(stored);
      dispatch({ type: "setDefault", isDefault: stored.isDefault });
      setMessage({ tone: "success", text: t("editor.saved") });
      const created = res?.data as { id: string } | undefined;
      if (!id && created) router.replace(`/time-groups/${created.id}${previewFrom ? `?from=${previewFrom}` : ""}`);
      else router.refresh();
    });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) save();
      }}
      noValidate
      className="space-y-6"
    >
      <PageHeader
        title={id ? saved.name || t("editor.untitled") : t("editor.newTitle")}
        description={t("editor.description")}
        actions={
          <>
            <Link href="/time-groups" className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
              {t("editor.back")}
            </Link>
            {readOnly ? null : (
              <Button type="submit" disabled={saving}>
                {saving ? tc("saving") : tc("save")}
              </Button>
            )}
          </>
        }
      />
      {readOnly ? <Notice>{tc("readOnly")}</Notice> : null}
      {dirty ? (
        <p className="text-sm font-medium text-amber-800" data-testid="unsaved">
          {t("editor.unsaved")}
        </p>
      ) : null}
      {message ? (
        <div data-testid="save-message">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}

      <Card>
        <h2 className="mb-4 text-base font-semibold text-slate-900">{t("editor.general")}</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label={t("editor.name")} error={nameError} hint={tc("charCount", { count: group.name.length, max: 80 })}>
            {({ id: fieldId, describedBy, invalid }) => (
              <Input
                id={fieldId}
                value={group.name}
                maxLength={80}
                disabled={readOnly}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                placeholder={t("editor.namePlaceholder")}
                onChange={(e) => dispatch({ type: "setName", name: e.target.value })}
              />
            )}
          </Field>
          <Field label={t("editor.timeZone")} error={localize(errors.fields.timeZone, locale)}>
            {({ id: fieldId, describedBy, invalid }) => (
              <TimeZonePicker
                id={fieldId}
                value={group.timeZone}
                zones={zones}
                now={new Date(now)}
                invalid={invalid}
                describedBy={describedBy}
                disabled={readOnly}
                onChange={(timeZone) => dispatch({ type: "setTimeZone", timeZone })}
              />
            )}
          </Field>
        </div>
        <label className="mt-4 flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 rounded border-slate-300"
            checked={group.isDefault}
            disabled={readOnly || saved.isDefault}
            onChange={(e) => dispatch({ type: "setDefault", isDefault: e.target.checked })}
          />
          <span>
            <span className="font-medium text-slate-900">{t("editor.default")}</span>
            <span className="block text-slate-600">{saved.isDefault ? t("editor.isDefaultHint") : t("editor.defaultHint")}</span>
          </span>
        </label>
      </Card>

      <Card>
        <h2 className="mb-1 text-base font-semibold text-slate-900">{t("editor.weekly")}</h2>
        <p className="mb-4 text-sm text-slate-600">{t("editor.weeklyHint", { zone: group.timeZone })}</p>
        <div className="grid gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
          <WeekGrid weekly={group.weekly} dispatch={dispatch} readOnly={readOnly} />
          <DayRangeList weekly={group.weekly} dayErrors={errors.byDay} dispatch={dispatch} readOnly={readOnly} />
        </div>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-4 text-base font-semibold text-slate-900">{t("editor.holidays")}</h2>
          <div className="flex items-start gap-3">
            <Switch
              id="skip-holidays"
              checked={group.skipHolidays}
              disabled={readOnly}
              onCheckedChange={(skipHolidays) => dispatch({ type: "setSkipHolidays", skipHolidays })}
              className="relative mt-0.5 h-5 w-9 flex-none rounded-full bg-slate-300 transition-colors data-[state=checked]:bg-brand-600 disabled:opacity-60"
              thumbClassName="block h-4 w-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.125rem]"
            />
            <label htmlFor="skip-holidays" className="text-sm">
              <span className="font-medium text-slate-900">{t("editor.skipHolidays")}</span>
              <span className="block text-slate-600">{t("editor.skipHolidaysHint")}</span>
            </label>
          </div>
          <div className="mt-4">
            <Field label={t("editor.makeUpDayAs")} hint={t("editor.makeUpDayAsHint")} error={localize(errors.fields.makeUpDayAs, locale)}>
              {({ id: fieldId, describedBy }) => (
                <Select
                  id={fieldId}
                  aria-describedby={describedBy}
                  value={group.makeUpDayAs ?? ""}
                  disabled={readOnly || !group.skipHolidays}
                  onChange={(e) =>
                    dispatch({ type: "setMakeUpDayAs", makeUpDayAs: e.target.value ? (Number(e.target.value) as IsoWeekday) : null })
                  }
                >
                  <option value="">{t("editor.makeUpOwn")}</option>
                  {([1, 2, 3, 4, 5] as const).map((day) => (
                    <option key={day} value={day}>
                      {t("editor.makeUpAs", { day: isoWeekdayName(day, locale) })}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <p className="mt-4 text-sm">
            <Link href="/time-groups/holidays" className="font-medium text-brand-700 hover:underline">
              {t("editor.calendarLink")}
            </Link>
          </p>
        </Card>
        <Card>
          <h2 className="mb-1 text-base font-semibold text-slate-900">{t("overrides.title")}</h2>
          <p className="mb-4 text-sm text-slate-600">{t("overrides.hint")}</p>
          <OverridesEditor overrides={group.overrides} errors={errors.byOverride} dispatch={dispatch} readOnly={readOnly} />
        </Card>
      </div>

      <Card>
        <h2 className="mb-3 text-base font-semibold text-slate-900">{t("preview.title")}</h2>
        {zoneOk ? (
          <PreviewCalendar group={group} calendar={calendar} calendarYears={calendarYears} firstDay={firstDay} viewerZone={viewerZone} />
        ) : (
          <p className="text-sm text-slate-600">{t("preview.needsZone")}</p>
        )}
      </Card>

      <Card>
        <h2 className="mb-1 text-base font-semibold text-slate-900">{t("providers.title")}</h2>
        <p className="mb-4 text-sm text-slate-600">{t("providers.hint")}</p>
        <ProviderPanel
          entries={encodings.data ?? []}
          state={!validation.ok ? "invalid" : encodings.failed ? "failed" : encodings.fetching || !encodings.data ? "loading" : "ready"}
        />
      </Card>

      <UnsavedChangesGuard dirty={dirty} body={t("editor.leaveBody")} />
      <ConfirmDialog
        open={confirmNoHours}
        title={t("editor.noHoursTitle")}
        body={t("editor.noHoursBody")}
        confirmLabel={t("editor.noHoursSave")}
        onCancel={() => setConfirmNoHours(false)}
        onConfirm={() => {
          setConfirmNoHours(false);
          save(true);
        }}
      />
    </form>
  );
}
