"use client";
// Step 7: where the numbers come from. A contact list (/contacts), with the summary of what sending it to a
// task on the chosen account would skip; the task is created empty and the list goes to it as a durable send
// job in the provider's batch size. Or numbers pasted or from a CSV, parsed in the browser (every row that is
// not a number is listed with its line and reason); the provider takes them in its batch size.
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useFormContext } from "react-hook-form";
import { ListPicker } from "@/components/numbers/list-picker";
import { ContactsImport } from "@/components/tasks/contacts-import";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import type { ContactListOption, SendSummaryView } from "@/lib/contracts/numbers";
import type { WizardAccount } from "@/lib/contracts/task-write";
import type { ContactsImport as ParsedContacts } from "@/lib/domain/contacts-import";
import { ChoiceList } from "./choice-list";
import { FieldError, StepFrame } from "./step-frame";
import { variableNames, type NumbersSource, type WizardStep, type WizardValues } from "./wizard-state";

/** The list chosen on the numbers step, with what sending it would do (for the review step). */
export interface ChosenList {
  list: ContactListOption | null;
  summary: SendSummaryView | null;
}

export function NumbersStep({
  account,
  current,
  source,
  onSource,
  onList,
  onParsed,
}: {
  account: WizardAccount | null;
  current: WizardStep;
  source: NumbersSource;
  onSource: (source: NumbersSource) => void;
  onList: (chosen: ChosenList) => void;
  /** The whole parse (with the rows that were not imported), for the review step. */
  onParsed: (parsed: ParsedContacts) => void;
}) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { setValue, watch, clearErrors } = useFormContext<WizardValues>();
  const [variablesText, setVariablesText] = useState("");
  const variables = useMemo(() => variableNames(variablesText), [variablesText]);
  const count = watch("contacts").length;
  const listId = watch("listId") ?? null;
  const batches = account ? (
    <p className="text-xs text-slate-500">
      {t("numbers.listBatches", { provider: localize(account.providerLabel, locale), size: account.limits.contactsBatchSize })}
    </p>
  ) : null;

  return (
    <StepFrame step="numbers" current={current} intro={t("numbers.intro")}>
      <ChoiceList
        legend={t("numbers.source")}
        name="numbersSource"
        value={source}
        onChange={(value) => {
          onSource(value as NumbersSource);
          clearErrors(["contacts", "listId"]);
        }}
        choices={[
          { value: "list", title: t("numbers.fromList"), details: [t("numbers.fromListHint")] },
          { value: "paste", title: t("numbers.fromPaste"), details: [t("numbers.fromPasteHint")] },
        ]}
      />
      <div hidden={source !== "list"} className="space-y-3" data-testid="numbers-from-list">
        <ListPicker
          target={account ? { accountId: account.id } : null}
          value={listId}
          onChange={(id, summary, list) => {
            setValue("listId", id);
            clearErrors("listId");
            onList({ list, summary });
          }}
        />
        {batches}
        <FieldError name="listId" />
      </div>
      <div hidden={source !== "paste"} className="space-y-4" data-testid="numbers-from-paste">
        <Field label={t("numbers.variables")} hint={t("numbers.variablesHint")}>
          {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} value={variablesText} onChange={(e) => setVariablesText(e.target.value)} />}
        </Field>
        <ContactsImport
          variables={variables}
          defaultCountry="CN"
          onParsed={(parsed) => {
            setValue("contacts", parsed.contacts.map(({ phone, name, variables: values }) => ({ phone, name, variables: values })));
            // Rows given in all: a list whose rows all failed is refused instead of becoming an empty task.
            setValue("contactRows", parsed.contacts.length + parsed.problems.length);
            clearErrors("contacts");
            onParsed(parsed);
          }}
        />
        {account && count > 0 ? (
          <p className="text-xs text-slate-500">
            {t("numbers.batches", {
              provider: localize(account.providerLabel, locale),
              size: account.limits.contactsBatchSize,
              count: Math.ceil(count / account.limits.contactsBatchSize),
            })}
          </p>
        ) : (
          <Notice tone="info">{t("numbers.noneYet")}</Notice>
        )}
        <FieldError name="contacts" />
      </div>
    </StepFrame>
  );
}
