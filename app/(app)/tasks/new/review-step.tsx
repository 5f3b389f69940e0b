"use client";
// The last step: exactly what goes to the provider — the adapter's encodings of the group and the
// strategy, the parameters as the server typed them, and the numbers — each with a way back to edit.
import { useLocale, useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { LossReport } from "@/components/schedule/loss-report";
import { Button } from "@/components/ui/button";
import { localize } from "@/i18n/locales";
import type { SendSummaryView } from "@/lib/contracts/numbers";
import type { TaskPreview, WizardAccount } from "@/lib/contracts/task-write";
import type { ContactsImport as ParsedContacts } from "@/lib/domain/contacts-import";
import { paramsForTaskType } from "@/lib/providers/param-values";
import type { ParamSpec } from "@/lib/providers/types";
import type { ChosenList } from "./numbers-step";
import type { WizardStep, WizardValues } from "./wizard-state";

const FIRST_ROWS = 5;

/** What the server made of the form (the preview of the last Next) and the numbers as imported, or the list to send. */
export function ReviewStep({
  account,
  preview,
  contacts,
  list,
  onEdit,
}: {
  account: WizardAccount;
  preview: TaskPreview;
  contacts: ParsedContacts | null;
  /** The contact list chosen instead of pasted numbers. */
  list: ChosenList | null;
  onEdit: (step: WizardStep) => void;
}) {
  const t = useTranslations("wizard");
  const locale = useLocale();
  const { getValues } = useFormContext<WizardValues>();
  const { taskType, acceptLosses } = getValues();
  const name = getValues("name").trim();
  const description = getValues("description").trim();
  const specs = paramsForTaskType(account.params, taskType);
  const typeLabel = localize(account.taskTypes.find((type) => type.value === taskType)?.label, locale) ?? taskType;
  const setParams = specs.filter((spec) => preview.params[spec.key] !== null && preview.params[spec.key] !== undefined);
  const numbers = contacts?.contacts ?? [];
  const showValue = (spec: ParamSpec) => {
    const value = preview.params[spec.key];
    if (typeof value === "boolean") return value ? t("params.yes") : t("review.empty");
    const option = spec.options?.find((o) => o.value === String(value));
    if (option) return `${localize(option.label, locale)} (${String(value)})`;
    if (spec.type === "datetime" && typeof value === "string") return new Date(value).toLocaleString(locale);
    return String(value);
  };

  const section = (title: string, edit: WizardStep, body: React.ReactNode, testId: string) => (
    <section className="border-t border-slate-200 py-4 first:border-t-0 first:pt-0" data-testid={testId}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <Button variant="ghost" size="sm" onClick={() => onEdit(edit)}>
          {t("review.edit")}
        </Button>
      </div>
      {body}
    </section>
  );
  const encoded = (value: unknown) => (
    <details className="mt-2">
      <summary className="cursor-pointer text-xs font-medium text-slate-600">{t("review.encoded")}</summary>
      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );

  const pastedNumbers = (
    <div className="space-y-2 text-sm">
      <p className="font-medium text-slate-900" data-testid="review-number-count">
        {t("review.numbersCount", { count: numbers.length })}
      </p>
      {contacts && contacts.problems.length > 0 ? <p className="text-amber-800">{t("review.numbersSkipped", { count: contacts.problems.length })}</p> : null}
      {numbers.length > 0 ? (
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left text-xs text-slate-500">{t("review.firstRows")}</caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">{t("review.phone")}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{t("review.contactName")}</th>
              {Object.keys(numbers[0].variables).map((variable) => (
                <th key={variable} scope="col" className="py-1 pr-3 font-medium">
                  {variable}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {numbers.slice(0, FIRST_ROWS).map((contact) => (
              <tr key={contact.phone} className="border-t border-slate-100">
                <td className="py-1 pr-3 font-mono text-xs">{contact.phone}</td>
                <td className="py-1 pr-3">{contact.name}</td>
                {Object.values(contact.variables).map((value, i) => (
                  <td key={i} className="py-1 pr-3">
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
  const listNumbers = (name: string, summary: SendSummaryView) => (
    <div className="space-y-1 text-sm" data-testid="review-list">
      <p className="text-slate-900">{t("review.list", { name })}</p>
      <p className="font-medium text-slate-900" data-testid="review-number-count">
        {t("review.listWillSend", { willSend: summary.willSend, total: summary.total })}
      </p>
      {summary.willSend < summary.total ? <p className="text-amber-800">{t("review.listSkipped", { dnc: summary.dnc, cap: summary.cap })}</p> : null}
    </div>
  );

  return (
    <div>
      {section(
        `${t("review.account")} · ${t("review.type")} · ${t("review.name")}`,
        "basics",
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("review.account")}</dt>
          <dd className="text-slate-900">
            {account.name} ({localize(account.providerLabel, locale)})
          </dd>
          <dt className="text-slate-500">{t("review.type")}</dt>
          <dd className="text-slate-900">{typeLabel}</dd>
          <dt className="text-slate-500">{t("review.name")}</dt>
          <dd className="break-words text-slate-900" data-testid="review-name">
            {name}
          </dd>
          <dt className="text-slate-500">{t("review.description")}</dt>
          <dd className="break-words text-slate-900">{description || t("review.empty")}</dd>
        </dl>,
        "review-basics",
      )}
      {preview.callTimeGroup
        ? section(
            `${t("review.group")}: ${preview.callTimeGroup.name}`,
            "group",
            <>
              <LossReport losses={preview.callTimeGroup.losses} />
              {preview.callTimeGroup.losses.length > 0 && acceptLosses ? <p className="mt-1 text-xs text-slate-500">✓ {t("review.lossesAccepted")}</p> : null}
              {encoded(preview.callTimeGroup.value)}
            </>,
            "review-group",
          )
        : null}
      {section(
        `${t("review.retry")}: ${preview.retryStrategy?.name ?? t("retry.none")}`,
        "retry",
        preview.retryStrategy ? (
          <>
            <LossReport losses={preview.retryStrategy.losses} />
            {encoded(preview.retryStrategy.value)}
          </>
        ) : null,
        "review-retry",
      )}
      {section(
        t("review.params"),
        "params",
        setParams.length === 0 ? (
          <p className="text-sm text-slate-600">{t("review.paramsNone")}</p>
        ) : (
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {setParams.map((spec) => (
              <div key={spec.key} className="contents">
                <dt className="text-slate-500">
                  {localize(spec.label, locale)} <span className="font-mono text-xs text-slate-400">{spec.key}</span>
                </dt>
                <dd className="mb-1 break-words text-slate-900 sm:mb-0">{showValue(spec)}</dd>
              </div>
            ))}
          </dl>
        ),
        "review-params",
      )}
      {section(t("review.numbers"), "numbers", list?.list && list.summary ? listNumbers(list.list.name, list.summary) : pastedNumbers, "review-numbers")}
    </div>
  );
}
