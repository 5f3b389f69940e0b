"use client";
// Step 7: the numbers, pasted or from a CSV, parsed in the browser (every row that is not a number is listed
// with its line and reason). The parsed contacts go into the form; the provider takes them in its batch size.
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useFormContext } from "react-hook-form";
import { ContactsImport } from "@/components/tasks/contacts-import";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import type { WizardAccount } from "@/lib/contracts/task-write";
import type { ContactsImport as ParsedContacts } from "@/lib/domain/contacts-import";
import { FieldError, StepFrame } from "./step-frame";
import { variableNames, type WizardStep, type WizardValues } from "./wizard-state";

export function NumbersStep({
  account,
  current,
  onParsed,
}: {
  account: WizardAccount | null;
  current: WizardStep;
  /** The whole parse (with the rows that were not imported), for the review step. */
  onParsed: (parsed: ParsedContacts) => void;
}) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { setValue, watch, clearErrors } = useFormContext<WizardValues>();
  const [variablesText, setVariablesText] = useState("");
  const variables = useMemo(() => variableNames(variablesText), [variablesText]);
  const count = watch("contacts").length;

  return (
    <StepFrame step="numbers" current={current} intro={t("numbers.intro")}>
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
    </StepFrame>
  );
}
