"use client";
// Edit a task where its provider allows it. The form is generated from the provider's parameter specs
// (as in the wizard) and every error lands on the field it belongs to, the provider's included. A call-time
// group the provider cannot keep exactly shows what it loses and needs the same confirmation as in the wizard.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { LossReport } from "@/components/schedule/loss-report";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes";
import { localize } from "@/i18n/locales";
import type { TaskEditOptions } from "@/lib/contracts/task-write";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { wallDateTimeValue } from "@/lib/domain/time-format";
import { StructuredParam } from "@/components/params/structured-param";
import { isStructured, timeWithSeconds } from "@/lib/providers/param-json";
import { checkParamValue, defaultFormValues, paramRangeHint, type ParamFormValue } from "@/lib/providers/param-values";
import type { ParamSpec } from "@/lib/providers/types";
import { updateTaskSettingsAction } from "./actions";

export interface SettingsInitial {
  name: string;
  description: string;
  callTimeGroupId: string | null;
  retryStrategyId: string | null;
  params: Record<string, string | number | boolean | null>;
}

/** Pickers where the spec says what a string holds (the value keeps the provider's own format). */
function inputType(spec: ParamSpec): string {
  if (spec.type === "datetime") return "datetime-local";
  return spec.format?.kind === "date" ? "date" : spec.format?.kind === "time" ? "time" : "text";
}

function initialParams(specs: ParamSpec[], stored: SettingsInitial["params"]): Record<string, ParamFormValue> {
  const values = defaultFormValues(specs);
  for (const spec of specs) {
    const v = stored[spec.key];
    if (v === undefined) continue;
    if (spec.type === "datetime") {
      // A datetime-local input takes "YYYY-MM-DDTHH:mm" only: a stored instant is shown in the provider's zone
      // (or the browser's), never passed through as an invalid value that leaves the field blank.
      values[spec.key] = wallDateTimeValue(v, spec.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
      continue;
    }
    values[spec.key] = spec.type === "boolean" ? v === true : v === null ? "" : String(v);
  }
  return values;
}

export function TaskSettingsForm({
  taskId,
  initial,
  groups,
  strategies,
  specs,
  limits,
}: {
  taskId: string;
  initial: SettingsInitial;
  groups: TaskEditOptions["groups"];
  strategies: TaskEditOptions["strategies"];
  specs: ParamSpec[];
  limits: { nameMaxLength: number; descriptionMaxLength: number };
}) {
  const t = useTranslations("tasks.edit");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [groupId, setGroupId] = useState(initial.callTimeGroupId ?? "");
  const [strategyId, setStrategyId] = useState(initial.retryStrategyId ?? "");
  const [acceptLosses, setAcceptLosses] = useState(false);
  const groupLosses = groups.find((g) => g.id === groupId)?.losses ?? [];
  const strategyLosses = strategies.find((s) => s.id === strategyId)?.losses ?? [];
  const [params, setParams] = useState(() => initialParams(specs, initial.params));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const dirty =
    name !== initial.name ||
    description !== initial.description ||
    groupId !== (initial.callTimeGroupId ?? "") ||
    strategyId !== (initial.retryStrategyId ?? "") ||
    JSON.stringify(params) !== JSON.stringify(initialParams(specs, initial.params));

  function localErrors(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t("nameRequired");
    else if (name.trim().length > limits.nameMaxLength) found.name = t("tooLong", { max: limits.nameMaxLength });
    if (description.trim().length > limits.descriptionMaxLength) found.description = t("tooLong", { max: limits.descriptionMaxLength });
    if (!groupId) found.callTimeGroupId = t("groupRequired");
    for (const spec of specs) {
      const issue: LocalizedText | null = checkParamValue(spec, params[spec.key]);
      if (issue) found[`params.${spec.key}`] = localize(issue, locale);
    }
    return found;
  }

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const found = localErrors();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    start(async () => {
      const res = await updateTaskSettingsAction({
        taskId,
        data: { name: name.trim(), description: description.trim(), callTimeGroupId: groupId, retryStrategyId: strategyId || null, params, acceptLosses },
      });
      if (res?.serverError) {
        const { field, message: text } = res.serverError;
        if (field) setErrors({ [field]: localize(text, locale) });
        else setMessage({ tone: "error", text: localize(text, locale) });
        return;
      }
      if (res?.validationErrors) {
        setMessage({ tone: "error", text: t("invalid") });
        return;
      }
      setMessage({ tone: "success", text: t("saved") });
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="task-settings-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} error={errors.name} hint={t("maxChars", { max: limits.nameMaxLength })}>
          {({ id, invalid, describedBy }) => (
            <Input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label={t("description")} error={errors.description} hint={t("maxChars", { max: limits.descriptionMaxLength })}>
          {({ id, invalid, describedBy }) => (
            <Input id={id} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label={t("group")} error={errors.callTimeGroupId}>
          {({ id, invalid, describedBy }) => (
            <Select
              id={id}
              value={groupId}
              onChange={(e) => {
                setGroupId(e.target.value);
                setAcceptLosses(false);
              }}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            >
              <option value="">{t("choose")}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("strategy")} error={errors.retryStrategyId}>
          {({ id, invalid, describedBy }) => (
            <Select id={id} value={strategyId} onChange={(e) => setStrategyId(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy}>
              <option value="">{t("noStrategy")}</option>
              {strategies.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {groupLosses.length > 0 ? (
        <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="edit-group-losses">
          <p className="mb-2 text-sm font-medium text-slate-800">{t("groupLosses")}</p>
          <LossReport losses={groupLosses} />
          <label className="mt-3 flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4 rounded border-slate-300"
              checked={acceptLosses}
              aria-invalid={Boolean(errors.acceptLosses)}
              onChange={(e) => {
                setAcceptLosses(e.target.checked);
                setErrors((found) => ({ ...found, acceptLosses: "" }));
              }}
            />
            {t("acceptLosses")}
          </label>
          {errors.acceptLosses ? (
            <p role="alert" className="mt-2 text-sm text-red-600">
              {errors.acceptLosses}
            </p>
          ) : null}
        </div>
      ) : null}
      {strategyLosses.length > 0 ? (
        <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="edit-strategy-losses">
          <p className="mb-2 text-sm font-medium text-slate-800">{t("strategyLosses")}</p>
          <LossReport losses={strategyLosses} />
        </div>
      ) : null}
      {specs.length > 0 ? (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{t("params")}</legend>
          {specs.map((spec) => {
            const key = `params.${spec.key}`;
            const value = params[spec.key];
            const set = (v: ParamFormValue) => setParams((p) => ({ ...p, [spec.key]: v }));
            const hint = localize(spec.help, locale) ?? localize(paramRangeHint(spec), locale);
            return (
              <Field key={spec.key} label={localize(spec.label, locale)} error={errors[key]} hint={hint}>
                {({ id, invalid, describedBy }) =>
                  spec.type === "boolean" ? (
                    <input
                      id={id}
                      type="checkbox"
                      className="h-4 w-4 rounded border-slate-300"
                      checked={value === true}
                      onChange={(e) => set(e.target.checked)}
                      aria-describedby={describedBy}
                    />
                  ) : spec.type === "enum" ? (
                    <Select id={id} value={String(value ?? "")} onChange={(e) => set(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy}>
                      {spec.required ? null : <option value="">—</option>}
                      {spec.options?.map((o) => (
                        <option key={o.value} value={o.value}>
                          {localize(o.label, locale)}
                        </option>
                      ))}
                    </Select>
                  ) : isStructured(spec.format) ? (
                    <StructuredParam format={spec.format} label={localize(spec.label, locale)} invalid={invalid} value={String(value ?? "")} onChange={set} />
                  ) : (
                    <Input
                      id={id}
                      type={inputType(spec)}
                      step={spec.format?.kind === "time" ? 1 : undefined}
                      inputMode={spec.type === "int" ? "numeric" : spec.type === "decimal" ? "decimal" : undefined}
                      value={String(value ?? "")}
                      onChange={(e) => set(spec.format?.kind === "time" ? timeWithSeconds(e.target.value) : e.target.value)}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                    />
                  )
                }
              </Field>
            );
          })}
        </fieldset>
      ) : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
      <UnsavedChangesGuard dirty={dirty} />
    </form>
  );
}
