"use client";
// The task wizard (/tasks/new): one page, every step mounted (hidden when not current) so what was
// typed or pasted survives moving back and forth. The browser checks what it can for quick feedback;
// the server checks everything again and its errors come back to the step they belong to.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { createTaskAction, previewTaskAction } from "@/app/(app)/tasks/new/actions";
import { ContactsImport } from "@/components/tasks/contacts-import";
import { LossReport } from "@/components/schedule/loss-report";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { parseContacts } from "@/lib/domain/contacts-import";
import { checkParamValue, defaultFormValues, paramsForTaskType, type ParamFormValue } from "@/lib/providers/param-values";
import type { ActionFailure } from "@/lib/server/errors";
import type { TaskCreationResult, TaskPreview, WizardOptions } from "@/lib/server/services/tasks/create";
import { textKey, type Locale } from "@/i18n/locales";
import { ParamForm } from "./param-form";
import { ReviewStep } from "./review-step";
import { StepNav } from "./step-nav";
import { newIdempotencyKey, requestParams, stepForField, variableNames, WIZARD_STEPS, type WizardStep } from "./wizard-state";

type ParsedContacts = ReturnType<typeof parseContacts>;

interface FormState {
  accountId: string;
  taskType: string;
  name: string;
  description: string;
  callTimeGroupId: string;
  acceptLosses: boolean;
  retryStrategyId: string | null;
  params: Record<string, ParamFormValue>;
  variables: string;
}

type Errors = Partial<Record<"accountId" | "taskType" | "name" | "description" | "callTimeGroupId" | "acceptLosses" | "retryStrategyId" | "contacts" | "review", string>>;

export function TaskWizard({ options }: { options: WizardOptions }) {
  const t = useTranslations("wizard");
  const lang = textKey(useLocale() as Locale);
  const router = useRouter();
  const [step, setStep] = useState<WizardStep>("account");
  const [visited, setVisited] = useState<Set<WizardStep>>(() => new Set(["account"]));
  const [form, setForm] = useState<FormState>(() => {
    const account = options.accounts.length === 1 ? options.accounts[0] : null;
    const taskType = account?.taskTypes.length === 1 ? account.taskTypes[0].value : "";
    return {
      accountId: account?.id ?? "",
      taskType,
      name: "",
      description: "",
      callTimeGroupId: options.groups.find((group) => group.isDefault)?.id ?? options.groups[0]?.id ?? "",
      acceptLosses: false,
      retryStrategyId: null,
      params: account && taskType ? defaultFormValues(paramsForTaskType(account.params, taskType)) : {},
      variables: "",
    };
  });
  const [errors, setErrors] = useState<Errors>({});
  const [paramErrors, setParamErrors] = useState<Record<string, string>>({});
  const [contacts, setContacts] = useState<ParsedContacts | null>(null);
  const [preview, setPreview] = useState<TaskPreview | null>(null);
  const [result, setResult] = useState<TaskCreationResult | null>(null);
  const [pending, startTransition] = useTransition();
  // One key for this wizard: a double click or a retry after a timeout resends it, so the server
  // answers with the task it already made instead of making a second one.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const account = options.accounts.find((a) => a.id === form.accountId) ?? null;
  const providerName = account ? account.providerLabel[lang] : "";
  const specs = useMemo(() => (account && form.taskType ? paramsForTaskType(account.params, form.taskType) : []), [account, form.taskType]);
  const group = options.groups.find((g) => g.id === form.callTimeGroupId) ?? null;
  const groupLosses = group && account ? (group.losses[account.id] ?? []) : [];
  const strategy = options.strategies.find((s) => s.id === form.retryStrategyId) ?? null;
  const variables = useMemo(() => variableNames(form.variables), [form.variables]);
  const stepIndex = WIZARD_STEPS.indexOf(step);

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const msg = (failure: ActionFailure) => failure.message[lang];

  function update<K extends keyof FormState>(key: K, value: FormState[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, review: undefined }));
    setPreview(null);
  }

  function chooseAccount(id: string) {
    const next = options.accounts.find((a) => a.id === id);
    const taskType = next?.taskTypes.length === 1 ? next.taskTypes[0].value : "";
    setForm((f) => ({
      ...f,
      accountId: id,
      taskType,
      acceptLosses: false,
      params: next && taskType ? defaultFormValues(paramsForTaskType(next.params, taskType)) : {},
    }));
    setErrors({});
    setParamErrors({});
    setPreview(null);
  }

  function chooseTaskType(taskType: string) {
    setForm((f) => ({ ...f, taskType, params: account ? defaultFormValues(paramsForTaskType(account.params, taskType)) : {} }));
    setErrors({});
    setParamErrors({});
    setPreview(null);
  }

  function go(target: WizardStep) {
    setStep(target);
    setVisited((v) => new Set(v).add(target));
  }

  function localParamErrors(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const spec of specs) {
      const problem = checkParamValue(spec, form.params[spec.key]);
      if (problem) found[spec.key] = problem[lang];
    }
    return found;
  }

  function previewInput() {
    return {
      accountId: form.accountId,
      taskType: form.taskType,
      callTimeGroupId: form.callTimeGroupId,
      retryStrategyId: form.retryStrategyId,
      params: account ? requestParams(account.params, form.taskType, form.params) : {},
    };
  }

  /** Asks the server for the exact encodings and its parameter verdict; false when something is wrong. */
  async function loadPreview(): Promise<boolean> {
    const res = await previewTaskAction(previewInput());
    if (res?.serverError) {
      const target = stepForField(res.serverError.field);
      setErrors((e) => ({ ...e, [target === "review" ? "review" : (res.serverError?.field ?? "review")]: msg(res.serverError!) }));
      go(target);
      return false;
    }
    if (!res?.data) return false;
    const issues = res.data.paramIssues;
    if (issues.length > 0) {
      setParamErrors(Object.fromEntries(issues.map((issue) => [issue.key, issue.message[lang]])));
      go("params");
      return false;
    }
    setPreview(res.data);
    return true;
  }

  /** Checks the current step; moves on when it is complete. */
  function next() {
    const found: Errors = {};
    if (step === "account" && !account) found.accountId = t("account.choose");
    if (step === "type" && !form.taskType) found.taskType = t("type.choose");
    if (step === "basics" && account) {
      const name = form.name.trim();
      if (name === "") found.name = t("basics.nameRequired");
      else if (name.length > account.limits.nameMaxLength) found.name = t("basics.tooLong", { max: account.limits.nameMaxLength, count: name.length });
      const description = form.description.trim();
      if (description.length > account.limits.descriptionMaxLength) {
        found.description = t("basics.tooLong", { max: account.limits.descriptionMaxLength, count: description.length });
      }
    }
    if (step === "group") {
      if (!group) found.callTimeGroupId = t("group.choose");
      else if (groupLosses.length > 0 && !form.acceptLosses) found.acceptLosses = t("group.acceptRequired");
    }
    if (Object.keys(found).length > 0) {
      setErrors((e) => ({ ...e, ...found }));
      return;
    }
    if (step === "params") {
      const local = localParamErrors();
      setParamErrors(local);
      if (Object.keys(local).length > 0) return;
      // The provider's cross-field rules run on the server, which answers on the fields.
      startTransition(async () => {
        if (await loadPreview()) go("numbers");
      });
      return;
    }
    if (step === "numbers") {
      const rows = contacts ? contacts.contacts.length + contacts.problems.length : 0;
      if (contacts && rows > 0 && contacts.contacts.length === 0) {
        setErrors({ contacts: t("numbers.noValidNumbers", { rows }) });
        return;
      }
      startTransition(async () => {
        if (await loadPreview()) go("review");
      });
      return;
    }
    go(WIZARD_STEPS[stepIndex + 1]);
  }

  function create() {
    if (!account) return;
    startTransition(async () => {
      const res = await createTaskAction({
        ...previewInput(),
        name: form.name,
        description: form.description,
        acceptLosses: form.acceptLosses,
        contacts: (contacts?.contacts ?? []).map(({ phone, name, variables: values }) => ({ phone, name, variables: values })),
        contactRows: contacts ? contacts.contacts.length + contacts.problems.length : 0,
        idempotencyKey,
      });
      if (res?.serverError) {
        const field = res.serverError.field;
        const target = stepForField(field);
        if (field?.startsWith("params.")) setParamErrors({ [field.slice("params.".length)]: msg(res.serverError) });
        else setErrors({ [target === "review" ? "review" : (field as keyof Errors)]: msg(res.serverError) });
        go(target);
        return;
      }
      if (res?.validationErrors) {
        setErrors({ review: t("params.fix") });
        return;
      }
      if (!res?.data) return;
      const { contacts: sent, taskId } = res.data;
      if (sent.rejected.length === 0 && sent.failedBatches.length === 0) router.push(`/tasks/${taskId}`);
      else setResult(res.data);
    });
  }

  if (result) {
    return (
      <Card>
        <div className="space-y-4" data-testid="wizard-result">
          <h2 className="text-lg font-semibold text-slate-900">{t("result.title")}</h2>
          <p className="text-sm text-slate-700">{t("result.summary", { accepted: result.contacts.accepted })}</p>
          {result.contacts.rejected.length > 0 ? (
            <div>
              <p className="text-sm font-medium text-red-700">{t("result.rejected", { count: result.contacts.rejected.length })}</p>
              <ul className="mt-1 max-h-64 list-disc space-y-0.5 overflow-auto pl-5 text-sm text-slate-700">
                {result.contacts.rejected.map((r, i) => (
                  <li key={`${r.phone}-${i}`}>
                    {r.phone ? <span className="font-mono">{r.phone}</span> : null} {r.reason[lang]}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.contacts.failedBatches.map((b) => (
            <Notice key={b.index} tone="error">
              {t("result.failedBatch", { index: b.index + 1, error: b.error[lang] })}
            </Notice>
          ))}
          <Link href={`/tasks/${result.taskId}`} className="inline-flex rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("result.open")}
          </Link>
        </div>
      </Card>
    );
  }

  const stepHeading = (key: WizardStep, intro?: string) => (
    <div className="mb-5">
      <h2 ref={step === key ? headingRef : undefined} tabIndex={-1} className="text-lg font-semibold text-slate-900 outline-none">
        {t(`steps.${key}`)}
      </h2>
      {intro ? <p className="mt-1 text-sm text-slate-600">{intro}</p> : null}
    </div>
  );

  const radioClass = "flex cursor-pointer items-start gap-3 rounded-md p-3 ring-1 ring-slate-200 hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500";

  return (
    <div className="space-y-4">
      <StepNav steps={WIZARD_STEPS} current={step} visited={visited} onGo={go} />
      <Card>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (step === "review") create();
            else next();
          }}
        >
          {/* Account */}
          <div hidden={step !== "account"} data-testid="step-account">
            {stepHeading("account", t("account.intro"))}
            <fieldset className="space-y-2">
              <legend className="sr-only">{t("steps.account")}</legend>
              {options.accounts.map((a) => (
                <label key={a.id} className={radioClass}>
                  <input type="radio" name="accountId" className="mt-1" checked={form.accountId === a.id} onChange={() => chooseAccount(a.id)} />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">
                      {a.name}
                      {a.isDemo ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{t("account.demo")}</span> : null}
                    </span>
                    <span className="block text-xs text-slate-600">{a.providerLabel[lang]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {options.unavailableAccounts > 0 ? (
              <p className="mt-3 text-xs text-slate-500">
                {t("account.unavailable", { count: options.unavailableAccounts })}{" "}
                <Link href="/providers" className="text-brand-700 underline">
                  {t("account.emptyAction")}
                </Link>
              </p>
            ) : null}
            {errors.accountId ? <StepError text={errors.accountId} /> : null}
          </div>

          {/* Task type */}
          <div hidden={step !== "type"} data-testid="step-type">
            {stepHeading("type", t("type.intro"))}
            <fieldset className="space-y-2">
              <legend className="sr-only">{t("steps.type")}</legend>
              {(account?.taskTypes ?? []).map((type) => (
                <label key={type.value} className={radioClass}>
                  <input type="radio" name="taskType" className="mt-1" checked={form.taskType === type.value} onChange={() => chooseTaskType(type.value)} />
                  <span className="text-sm font-medium text-slate-900">{type.label[lang]}</span>
                </label>
              ))}
            </fieldset>
            {errors.taskType ? <StepError text={errors.taskType} /> : null}
          </div>

          {/* Basics */}
          <div hidden={step !== "basics"} className="space-y-4" data-testid="step-basics">
            {stepHeading("basics")}
            {account ? (
              <>
                <Field
                  label={`${t("basics.name")} *`}
                  error={errors.name}
                  hint={t("basics.counter", { count: form.name.trim().length, max: account.limits.nameMaxLength })}
                >
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || form.name.trim().length > account.limits.nameMaxLength}
                      aria-required
                      value={form.name}
                      onChange={(e) => update("name", e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  label={t("basics.description")}
                  error={errors.description}
                  hint={`${t("basics.descriptionHint")} ${t("basics.counter", { count: form.description.trim().length, max: account.limits.descriptionMaxLength })}`}
                >
                  {({ id, describedBy, invalid }) => (
                    <textarea
                      id={id}
                      rows={3}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || form.description.trim().length > account.limits.descriptionMaxLength}
                      value={form.description}
                      onChange={(e) => update("description", e.target.value)}
                      className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
                    />
                  )}
                </Field>
              </>
            ) : null}
          </div>

          {/* Call-time group */}
          <div hidden={step !== "group"} data-testid="step-group">
            {stepHeading("group", t("group.intro"))}
            {options.groups.length === 0 ? (
              <EmptyState
                title={t("group.emptyTitle")}
                body={t("group.emptyBody")}
                action={
                  <Link href="/time-groups" className="text-sm font-medium text-brand-700 underline">
                    {t("group.emptyAction")}
                  </Link>
                }
              />
            ) : (
              <fieldset className="space-y-2">
                <legend className="sr-only">{t("steps.group")}</legend>
                {options.groups.map((g) => (
                  <label key={g.id} className={radioClass}>
                    <input
                      type="radio"
                      name="callTimeGroupId"
                      className="mt-1"
                      checked={form.callTimeGroupId === g.id}
                      onChange={() => {
                        update("callTimeGroupId", g.id);
                        update("acceptLosses", false);
                      }}
                    />
                    <span className="min-w-0">
                      <span className="block text-sm font-medium text-slate-900">
                        {g.name}
                        {g.isDefault ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{t("group.default")}</span> : null}
                        {account && (g.losses[account.id] ?? []).length > 0 ? (
                          <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800 ring-1 ring-amber-200">
                            {t("group.lossBadge", { count: (g.losses[account.id] ?? []).length })}
                          </span>
                        ) : null}
                      </span>
                      <span className="block text-xs text-slate-600">{g.summary[lang]}</span>
                      <span className="block text-xs text-slate-500">{t("group.timeZone", { zone: g.timeZone })}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            {group && account ? (
              <div className="mt-4 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="group-loss-report">
                <p className="mb-2 text-sm font-medium text-slate-800">{t("group.reportTitle", { provider: providerName, name: group.name })}</p>
                <LossReport losses={groupLosses} exactLabel={t("group.exact", { provider: providerName })} />
                {groupLosses.length > 0 ? (
                  <label className="mt-3 flex items-start gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      className="mt-0.5 h-4 w-4 rounded border-slate-300"
                      checked={form.acceptLosses}
                      aria-invalid={Boolean(errors.acceptLosses)}
                      onChange={(e) => update("acceptLosses", e.target.checked)}
                    />
                    {t("group.accept")}
                  </label>
                ) : null}
              </div>
            ) : null}
            {errors.acceptLosses ? <StepError text={errors.acceptLosses} /> : null}
            {errors.callTimeGroupId ? <StepError text={errors.callTimeGroupId} /> : null}
          </div>

          {/* Retry strategy */}
          <div hidden={step !== "retry"} data-testid="step-retry">
            {stepHeading("retry", t("retry.intro"))}
            <fieldset className="space-y-2">
              <legend className="sr-only">{t("steps.retry")}</legend>
              <label className={radioClass}>
                <input type="radio" name="retryStrategyId" className="mt-1" checked={form.retryStrategyId === null} onChange={() => update("retryStrategyId", null)} />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{t("retry.none")}</span>
                  <span className="block text-xs text-slate-600">{t("retry.noneBody")}</span>
                </span>
              </label>
              {options.strategies.map((s) => (
                <label key={s.id} className={radioClass}>
                  <input type="radio" name="retryStrategyId" className="mt-1" checked={form.retryStrategyId === s.id} onChange={() => update("retryStrategyId", s.id)} />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{s.name}</span>
                    <span className="block text-xs text-slate-600">{s.summary[lang]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {options.strategies.length === 0 ? (
              <p className="mt-3 text-sm text-slate-600">
                {t("retry.emptyBody")}{" "}
                <Link href="/retry-strategies" className="text-brand-700 underline">
                  {t("retry.emptyAction")}
                </Link>
              </p>
            ) : null}
            {strategy && account ? (
              <div className="mt-4 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="retry-loss-report">
                <p className="mb-2 text-sm font-medium text-slate-800">{t("retry.reportTitle", { provider: providerName, name: strategy.name })}</p>
                <LossReport losses={strategy.losses[account.id] ?? []} exactLabel={t("retry.exact", { provider: providerName })} />
              </div>
            ) : null}
            {errors.retryStrategyId ? <StepError text={errors.retryStrategyId} /> : null}
          </div>

          {/* Dialing parameters */}
          <div hidden={step !== "params"} data-testid="step-params">
            {stepHeading("params", t("params.intro", { provider: providerName }))}
            {specs.length === 0 ? (
              <p className="text-sm text-slate-600">{t("params.none")}</p>
            ) : (
              <ParamForm
                specs={specs}
                values={form.params}
                errors={paramErrors}
                onChange={(key, value) => {
                  setForm((f) => ({ ...f, params: { ...f.params, [key]: value } }));
                  setParamErrors((e) => ({ ...e, [key]: "" }));
                  setPreview(null);
                }}
                onBlur={(key) => {
                  const spec = specs.find((s) => s.key === key);
                  const problem = spec ? checkParamValue(spec, form.params[key]) : null;
                  setParamErrors((e) => ({ ...e, [key]: problem ? problem[lang] : "" }));
                }}
              />
            )}
            {Object.values(paramErrors).some(Boolean) ? (
              <div className="mt-4">
                <Notice tone="error">{t("params.fix")}</Notice>
              </div>
            ) : null}
          </div>

          {/* Numbers */}
          <div hidden={step !== "numbers"} className="space-y-4" data-testid="step-numbers">
            {stepHeading("numbers", t("numbers.intro"))}
            <Field label={t("numbers.variables")} hint={t("numbers.variablesHint")}>
              {({ id, describedBy }) => (
                <Input id={id} aria-describedby={describedBy} value={form.variables} onChange={(e) => update("variables", e.target.value)} />
              )}
            </Field>
            <ContactsImport variables={variables} defaultCountry="CN" onParsed={setContacts} />
            {account && contacts && contacts.contacts.length > 0 ? (
              <p className="text-xs text-slate-500">
                {t("numbers.batches", {
                  provider: providerName,
                  size: account.limits.contactsBatchSize,
                  count: Math.ceil(contacts.contacts.length / account.limits.contactsBatchSize),
                })}
              </p>
            ) : (
              <Notice tone="info">{t("numbers.noneYet")}</Notice>
            )}
            {errors.contacts ? <StepError text={errors.contacts} /> : null}
          </div>

          {/* Review */}
          <div hidden={step !== "review"} data-testid="step-review">
            {stepHeading("review", t("review.intro", { provider: providerName }))}
            {account && preview ? (
              <ReviewStep
                account={account}
                taskType={form.taskType}
                name={form.name.trim()}
                description={form.description.trim()}
                preview={preview}
                specs={specs}
                acceptLosses={form.acceptLosses}
                contacts={contacts}
                onEdit={go}
              />
            ) : null}
            {errors.review ? (
              <div className="mt-4">
                <Notice tone="error">{errors.review}</Notice>
              </div>
            ) : null}
          </div>

          <div className="mt-6 flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-between">
            <Button variant="secondary" disabled={stepIndex === 0 || pending} onClick={() => go(WIZARD_STEPS[stepIndex - 1])}>
              {t("back")}
            </Button>
            {step === "review" ? (
              <Button type="submit" disabled={pending || !preview} data-testid="wizard-create">
                {pending ? t("creating") : t("create")}
              </Button>
            ) : (
              <Button type="submit" disabled={pending} data-testid="wizard-next">
                {pending ? t("checking") : t("next")}
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}

function StepError({ text }: { text: string }) {
  return (
    <p role="alert" className="mt-3 text-sm text-red-600">
      {text}
    </p>
  );
}
