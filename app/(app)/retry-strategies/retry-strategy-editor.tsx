"use client";
// The retry strategy builder: the form on one side, the timeline preview and each provider's
// encoding on the other, both following the form as it is typed.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { ProviderEncodings } from "./provider-encodings";
import {
  errorsByField,
  formFromStrategy,
  moveRound,
  newRound,
  sameStrategy,
  strategyFromForm,
  type FormErrors,
  type RetryForm,
  type RoundForm,
} from "./retry-form";
import { RetryTimeline, type PreviewGroup } from "./retry-timeline";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { useLatestAnswer } from "@/components/ui/use-latest-answer";
import { Field, Input } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import type { HolidayCalendar } from "@/lib/domain/holiday-calendar";
import { RETRYABLE_OUTCOMES } from "@/lib/domain/retry";
import { checkRetryStrategy } from "@/lib/domain/retry-rules";
import type { RetryStrategy } from "@/lib/domain/retry-strategy";
import type { ActionFailure } from "@/lib/contracts/errors";
import {
  createRetryStrategyAction,
  deleteRetryStrategyAction,
  duplicateRetryStrategyAction,
  encodeRetryStrategyAction,
  updateRetryStrategyAction,
} from "./actions";

type Message = { tone: "success" | "error"; text: string };

export function RetryStrategyEditor({
  id,
  initial,
  taskCount,
  readOnly,
  groups,
  calendar,
  calendarYears,
  now,
}: {
  /** null for a new strategy. */
  id: string | null;
  initial: RetryStrategy;
  taskCount: number;
  readOnly: boolean;
  groups: PreviewGroup[];
  calendar: HolidayCalendar;
  calendarYears: number[];
  now: string;
}) {
  const t = useTranslations("retry");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [baseline, setBaseline] = useState<RetryForm>(() => formFromStrategy(initial));
  const [form, setForm] = useState<RetryForm>(baseline);
  const [message, setMessage] = useState<Message | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Retries the timeline shows collapsing into one window opening: each provider says what it does with them.
  const [collapsedRetries, setCollapsedRetries] = useState<number[]>([]);
  const [pending, startTransition] = useTransition();
  const nameRef = useRef<HTMLInputElement>(null);

  const dirty = !readOnly && !sameStrategy(form, baseline);

  const validation = useMemo(() => checkRetryStrategy(strategyFromForm(form)), [form]);
  const errors: FormErrors = validation.ok ? { general: [], rounds: {} } : errorsByField(validation.issues, locale);
  const valid = validation.ok ? validation.strategy : null;

  function update(change: Partial<RetryForm>) {
    setForm((current) => ({ ...current, ...change }));
    setMessage(null);
    if ("name" in change) setNameError(null);
  }

  function updateRound(index: number, change: Partial<RoundForm>) {
    update({ rounds: form.rounds.map((round, i) => (i === index ? { ...round, ...change } : round)) });
  }

  function failure(error: ActionFailure | undefined) {
    if (!error) return;
    if (error.field === "name") {
      setNameError(localize(error.message, locale));
      nameRef.current?.focus();
    } else {
      setMessage({ tone: "error", text: localize(error.message, locale) });
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!valid) {
      setMessage({ tone: "error", text: t("fixErrors") });
      event.currentTarget.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    startTransition(async () => {
      if (id === null) {
        const res = await createRetryStrategyAction(valid);
        if (res?.data) {
          setBaseline(form);
          router.push(`/retry-strategies/${res.data.id}?created=1`);
        } else failure(res?.serverError);
        return;
      }
      const res = await updateRetryStrategyAction({ id, data: valid });
      if (res?.data) {
        setBaseline(form);
        setMessage({ tone: "success", text: t("saved") });
        router.refresh();
      } else failure(res?.serverError);
    });
  }

  function onDuplicate() {
    if (id === null) return;
    startTransition(async () => {
      const res = await duplicateRetryStrategyAction({ id });
      if (res?.data) router.push(`/retry-strategies/${res.data.id}?duplicated=1`);
      else failure(res?.serverError);
    });
  }

  function onDelete() {
    if (id === null) return;
    setConfirmDelete(false);
    startTransition(async () => {
      const res = await deleteRetryStrategyAction({ id });
      if (res?.serverError) failure(res.serverError);
      else {
        setBaseline(form);
        router.push("/retry-strategies?deleted=1");
      }
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
      <form onSubmit={onSubmit} noValidate className="min-w-0 space-y-4" aria-label={initial.name}>
        {readOnly ? <Notice>{tc("readOnly")}</Notice> : null}
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {dirty && taskCount > 0 ? <Notice tone="warning">{t("usedWarning", { count: taskCount })}</Notice> : null}
        <Card>
          <fieldset disabled={readOnly || pending} className="min-w-0 space-y-6">
            <Field label={t("name")} error={nameError ?? errors.name} hint={tc("charCount", { count: form.name.length, max: 80 })}>
              {({ id: inputId, describedBy, invalid }) => (
                <Input
                  ref={nameRef}
                  id={inputId}
                  value={form.name}
                  maxLength={80}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => update({ name: e.target.value })}
                />
              )}
            </Field>

            <RoundsEditor form={form} errors={errors} onRound={updateRound} onRounds={(rounds) => update({ rounds })} />

            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">{t("measureFrom")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {(
                  [
                    ["first-call", "firstCall"],
                    ["previous-call", "previousCall"],
                  ] as const
                ).map(([value, key]) => (
                  <label
                    key={value}
                    className="flex cursor-pointer gap-2 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500"
                  >
                    <input
                      type="radio"
                      name="measureFrom"
                      value={value}
                      checked={form.measureFrom === value}
                      onChange={() => update({ measureFrom: value })}
                      className="mt-0.5"
                    />
                    <span>
                      <span className="block text-sm font-medium text-slate-900">{t(`measure.${key}`)}</span>
                      <span className="block text-xs text-slate-600">{t(`measure.${key}Hint`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>

            <label className="flex cursor-pointer gap-2">
              <input
                type="checkbox"
                checked={form.onlyToday}
                onChange={(e) => update({ onlyToday: e.target.checked })}
                className="mt-0.5"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{t("onlyToday")}</span>
                <span className="block text-xs text-slate-600">{t("onlyTodayHint")}</span>
              </span>
            </label>

            <fieldset className="space-y-2" aria-describedby={errors.retryOn ? "retry-on-error" : undefined}>
              <legend className="text-sm font-medium text-slate-700">{t("retryOn")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {RETRYABLE_OUTCOMES.map((outcome) => (
                  <label key={outcome} className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={form.retryOn.includes(outcome)}
                      aria-invalid={Boolean(errors.retryOn)}
                      onChange={(e) =>
                        update({
                          retryOn: e.target.checked
                            ? RETRYABLE_OUTCOMES.filter((o) => o === outcome || form.retryOn.includes(o))
                            : form.retryOn.filter((o) => o !== outcome),
                        })
                      }
                    />
                    {t(`outcome.${outcome}`)}
                  </label>
                ))}
              </div>
              {errors.retryOn ? (
                <p id="retry-on-error" role="alert" className="text-sm text-red-600">
                  {errors.retryOn}
                </p>
              ) : null}
            </fieldset>
            {errors.general.map((text) => (
              <p key={text} role="alert" className="text-sm text-red-600">
                {text}
              </p>
            ))}
          </fieldset>
        </Card>

        {readOnly ? null : (
          <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-2 border-t border-slate-200 bg-slate-50/95 px-4 py-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
            <Button type="submit" disabled={pending || (id !== null && !dirty)}>
              {pending ? t("saving") : id === null ? t("create") : t("save")}
            </Button>
            {dirty ? (
              <span className="text-sm text-amber-800" data-testid="unsaved">
                {t("unsaved")}
              </span>
            ) : null}
            {id !== null ? (
              <div className="ml-auto flex gap-2">
                <Button variant="secondary" disabled={pending || dirty} onClick={onDuplicate}>
                  {t("duplicate")}
                </Button>
                <Button variant="danger" disabled={pending} onClick={() => setConfirmDelete(true)}>
                  {t("delete")}
                </Button>
              </div>
            ) : null}
          </div>
        )}
      </form>

      <aside className="min-w-0 space-y-4">
        <Card>
          <h2 className="mb-3 text-base font-semibold text-slate-900">{t("preview.title")}</h2>
          <RetryTimeline
            strategy={valid}
            groups={groups}
            calendar={calendar}
            calendarYears={calendarYears}
            now={now}
            onCollapsedChange={setCollapsedRetries}
          />
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold text-slate-900">{t("providers.title")}</h2>
          <ProviderPanel strategy={valid} collapsedRetries={collapsedRetries} />
        </Card>
      </aside>

      <ConfirmDialog
        open={confirmDelete}
        title={t("deleteTitle")}
        body={t("deleteBody", { name: baseline.name })}
        confirmLabel={t("delete")}
        typedConfirmation={baseline.name}
        typedLabel={t("deleteTyped")}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={onDelete}
      />
      <UnsavedChangesGuard dirty={dirty} body={t("leaveBody")} />
    </div>
  );
}

function RoundsEditor({
  form,
  errors,
  onRound,
  onRounds,
}: {
  form: RetryForm;
  errors: FormErrors;
  onRound: (index: number, change: Partial<RoundForm>) => void;
  onRounds: (rounds: RoundForm[]) => void;
}) {
  const t = useTranslations("retry");
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">{t("rounds")}</legend>
      <p className="text-xs text-slate-500">{t("roundsHint")}</p>
      {form.rounds.length === 0 ? <p className="text-sm text-slate-600">{t("noRounds")}</p> : null}
      <ol className="space-y-3">
        {form.rounds.map((round, index) => {
          const n = index + 1;
          const roundErrors = errors.rounds[index] ?? [];
          const errorId = `${round.key}-error`;
          return (
            <li
              key={round.key}
              data-testid={`round-${n}`}
              className={`rounded-md p-3 ring-1 ${roundErrors.length ? "bg-red-50/40 ring-red-300" : "ring-slate-200"}`}
            >
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-semibold text-slate-900">{t("round", { n })}</span>
                <div className="flex gap-1">
                  <IconButton label={t("moveUp", { n })} disabled={index === 0} onClick={() => onRounds(moveRound(form.rounds, index, index - 1))} path="M5 12l5-5 5 5" />
                  <IconButton
                    label={t("moveDown", { n })}
                    disabled={index === form.rounds.length - 1}
                    onClick={() => onRounds(moveRound(form.rounds, index, index + 1))}
                    path="M5 8l5 5 5-5"
                  />
                  <IconButton label={t("removeRound", { n })} onClick={() => onRounds(form.rounds.filter((_, i) => i !== index))} path="M5 5l10 10M15 5L5 15" />
                </div>
              </div>
              <div className="mt-2 grid grid-cols-3 gap-2">
                {(["days", "hours", "minutes"] as const).map((part) => (
                  <label key={part} className="block">
                    <span className="mb-1 block text-xs text-slate-600">{t(part)}</span>
                    <Input
                      inputMode="numeric"
                      value={round[part]}
                      aria-invalid={roundErrors.length > 0}
                      aria-describedby={roundErrors.length ? errorId : undefined}
                      onChange={(e) => onRound(index, { [part]: e.target.value })}
                      className="tabular-nums"
                    />
                  </label>
                ))}
              </div>
              {roundErrors.length ? (
                <div id={errorId} role="alert" className="mt-2 space-y-1 text-sm text-red-600">
                  {roundErrors.map((text) => (
                    <p key={text}>{text}</p>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" size="sm" onClick={() => onRounds([...form.rounds, newRound(form)])}>
        {t("addRound")}
      </Button>
    </fieldset>
  );
}

function IconButton({ label, path, disabled, onClick }: { label: string; path: string; disabled?: boolean; onClick: () => void }) {
  return (
    <Button variant="ghost" size="sm" aria-label={label} title={label} disabled={disabled} onClick={onClick} className="h-8 w-8 !p-0">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d={path} />
      </svg>
    </Button>
  );
}

/** Follows the form with a short delay, so typing "30" asks the server once, not twice. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function ProviderPanel({ strategy, collapsedRetries }: { strategy: RetryStrategy | null; collapsedRetries: number[] }) {
  const settled = useSettled(strategy, 250);
  const encodings = useLatestAnswer(settled === null ? null : JSON.stringify({ strategy: settled, collapsedRetries }), async (key) => {
    const res = await encodeRetryStrategyAction(JSON.parse(key) as { strategy: RetryStrategy; collapsedRetries: number[] });
    if (!res?.data) throw new Error(res?.serverError?.message.en ?? "encoding failed");
    return res.data;
  });
  const state = strategy === null ? "invalid" : encodings.failed ? "error" : encodings.fetching ? "loading" : "ready";
  return <ProviderEncodings encodings={encodings.data} state={state} />;
}
