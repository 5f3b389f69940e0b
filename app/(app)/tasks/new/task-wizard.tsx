"use client";
// The task wizard (/tasks/new): one form (react-hook-form) over every step, validated by the create action's
// own schema (ZTaskWizardInput). What depends on the provider — its limits, parameter ranges and rules, what it
// loses of a call-time group — is not checked here: a step's Next asks the server's task-write pipeline
// (previewTaskAction), which answers with each problem on its field.
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormProvider, useForm, type FieldErrors, type FieldPath, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { lazyResolver } from "@/components/ui/lazy-resolver";
import { localize } from "@/i18n/locales";
import type { ActionFailure } from "@/lib/server/errors";
import type { TaskCreationResult, TaskPreview, WizardOptions } from "@/lib/contracts/task-write";
import type { ContactsImport as ParsedContacts } from "@/lib/domain/contacts-import";
import { AccountStep } from "./account-step";
import { createTaskAction, previewTaskAction } from "./actions";
import type { ChosenList } from "./numbers-step";
import { ResultView } from "./result-view";
import { StepFrame } from "./step-frame";
import { StepNav } from "./step-nav";
import { TypeStep } from "./type-step";
import {
  initialValues,
  listProblem,
  newIdempotencyKey,
  numbersRequest,
  previewRequest,
  SERVER_CHECKED_STEPS,
  STEP_FIELDS,
  stepForField,
  WIZARD_STEPS,
  type NumbersSource,
  type WizardStep,
  type WizardValues,
} from "./wizard-state";

// The steps after the first two, the parameter editors and the review load when their step is first reached,
// not with the page (issue 14 goal 4: first-load JS ≤ 180 kB). A step cannot be reached before the ones ahead
// of it, and once reached it stays mounted (hidden), so what was typed survives moving back and forth.
const BasicsStep = dynamic(() => import("./basics-step").then((m) => m.BasicsStep));
const GroupStep = dynamic(() => import("./group-step").then((m) => m.GroupStep));
const RetryStep = dynamic(() => import("./retry-step").then((m) => m.RetryStep));
const NumbersStep = dynamic(() => import("./numbers-step").then((m) => m.NumbersStep));
const ParamsStep = dynamic(() => import("./params-step").then((m) => m.ParamsStep));
const ReviewStep = dynamic(() => import("./review-step").then((m) => m.ReviewStep));

const schemaResolver = lazyResolver(() => import("./wizard-resolver").then((m) => m.wizardResolver));

export function TaskWizard({ options }: { options: WizardOptions }) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const router = useRouter();

  // The schema's verdict, worded for the field it is on (zod's own messages are not the user's language).
  const resolver: Resolver<WizardValues> = async (values, context, opts) => {
    const result = await schemaResolver(values, context, opts);
    const worded = (field: string) => (t.has(`invalid.${field}`) ? t(`invalid.${field}` as "invalid.other") : t("invalid.other"));
    const errors = Object.fromEntries(Object.keys(result.errors).map((field) => [field, { type: "schema", message: worded(field) }]));
    return { values: result.values, errors: errors as FieldErrors<WizardValues> } as Awaited<ReturnType<Resolver<WizardValues>>>;
  };
  // One key for this wizard: a double click or a retry after a timeout resends it, so the server answers with
  // the task it already made instead of making a second one.
  const form = useForm<WizardValues>({ resolver, defaultValues: initialValues(options, newIdempotencyKey()) });
  const [step, setStep] = useState<WizardStep>("account");
  const [visited, setVisited] = useState<Set<WizardStep>>(() => new Set(["account"]));
  const [preview, setPreview] = useState<TaskPreview | null>(null);
  const [imported, setImported] = useState<ParsedContacts | null>(null);
  const [source, setSource] = useState<NumbersSource>("paste");
  const [chosenList, setChosenList] = useState<ChosenList>({ list: null, summary: null });
  const [result, setResult] = useState<TaskCreationResult | null>(null);
  const [pending, startTransition] = useTransition();
  const account = options.accounts.find((a) => a.id === form.watch("accountId")) ?? null;
  const stepIndex = WIZARD_STEPS.indexOf(step);

  function go(target: WizardStep) {
    setStep(target);
    setVisited((v) => new Set(v).add(target));
  }

  /** A refusal of the whole request: on its field's step when it names one, else under the form. */
  function showFailure(failure: ActionFailure | undefined) {
    const message = localize(failure?.message, locale) ?? t("invalid.other");
    if (failure?.field) {
      form.setError(failure.field as FieldPath<WizardValues>, { type: "server", message });
      go(stepForField(failure.field));
    } else {
      form.setError("root.server", { type: "server", message });
    }
  }

  /** The schema on this step's fields, then (where the provider decides) the server on every step so far. */
  async function checkStep(): Promise<boolean> {
    form.clearErrors();
    if (STEP_FIELDS[step].length > 0 && !(await form.trigger([...STEP_FIELDS[step]]))) return false;
    const listIssue = step === "numbers" ? listProblem(source, form.getValues("listId"), chosenList.summary) : null;
    if (listIssue) {
      form.setError("listId", { type: "client", message: t(`numbers.${listIssue}`, { total: chosenList.summary?.total ?? 0 }) });
      return false;
    }
    if (!SERVER_CHECKED_STEPS.has(step)) return true;
    const res = await previewTaskAction(previewRequest(form.getValues(), account));
    if (!res?.data) {
      showFailure(res?.serverError);
      return false;
    }
    setPreview(res.data);
    const reached = WIZARD_STEPS.slice(0, stepIndex + 1);
    const issues = res.data.issues.filter((issue) => reached.includes(stepForField(issue.field)));
    for (const issue of issues) form.setError(issue.field as FieldPath<WizardValues>, { type: "server", message: localize(issue.message, locale) });
    if (issues.length > 0) go(stepForField(issues[0].field));
    return issues.length === 0;
  }

  function next() {
    startTransition(async () => {
      if (await checkStep()) go(WIZARD_STEPS[stepIndex + 1]);
    });
  }

  function create(values: WizardValues) {
    startTransition(async () => {
      form.clearErrors();
      const res = await createTaskAction({ ...previewRequest(values, account), ...numbersRequest(values, source), idempotencyKey: values.idempotencyKey });
      if (!res?.data) return showFailure(res?.serverError);
      const { contacts, taskId, listSend } = res.data;
      // A list is still being sent: the result links to the numbers tab that follows its batches.
      if (!listSend && contacts.rejected.length === 0 && contacts.failedBatches.length === 0) router.push(`/tasks/${taskId}`);
      else setResult(res.data);
    });
  }

  if (result) return <ResultView result={result} />;

  const failure = form.formState.errors.root?.server?.message;
  return (
    <FormProvider {...form}>
      <div className="space-y-4">
        <StepNav steps={WIZARD_STEPS} current={step} visited={visited} onGo={go} />
        <Card>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (step === "review") void form.handleSubmit(create, () => showFailure(undefined))();
              else next();
            }}
          >
            <AccountStep options={options} current={step} />
            <TypeStep account={account} current={step} />
            {visited.has("basics") ? <BasicsStep account={account} current={step} /> : null}
            {visited.has("group") ? <GroupStep options={options} account={account} current={step} /> : null}
            {visited.has("retry") ? <RetryStep options={options} account={account} current={step} /> : null}
            {visited.has("params") ? <ParamsStep account={account} current={step} /> : null}
            {visited.has("numbers") ? <NumbersStep account={account} current={step} source={source} onSource={setSource} onList={setChosenList} onParsed={setImported} /> : null}
            <StepFrame step="review" current={step} intro={t("review.intro", { provider: localize(account?.providerLabel, locale) ?? "" })}>
              {account && preview ? <ReviewStep account={account} preview={preview} contacts={source === "paste" ? imported : null} list={source === "list" ? chosenList : null} onEdit={go} /> : null}
            </StepFrame>
            {failure ? (
              <div className="mt-4">
                <Notice tone="error">{failure}</Notice>
              </div>
            ) : null}
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
    </FormProvider>
  );
}
