"use client";
// Numbers import shared by the task wizard and the task page's "add numbers": paste from a
// spreadsheet or upload a CSV, parsed in the browser with parseContacts. Every row that is not a
// contact is listed with its line and reason (STYLE.md habit 10) — nothing is dropped silently.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { CountryCode } from "libphonenumber-js";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import type { ContactProblem, ContactsImport as ParseResult, ParseContactsOptions } from "@/lib/domain/contacts-import";
import { MAX_CONTACT_ROWS } from "@/lib/domain/contacts-limits";
import { localize } from "@/i18n/locales";
import { formatList } from "@/lib/domain/text";

/**
 * The parser, with libphonenumber's metadata and csv-parse, is downloaded with the first text to parse, not
 * with the page (issue 14 goal 4: first-load JavaScript ≤ 180 kB): most visits to a task page add no numbers.
 */
async function parseContacts(text: string, options: ParseContactsOptions): Promise<ParseResult> {
  // What the parser makes of no text at all, without downloading it.
  if (text === "") return { contacts: [], problems: [], headerRow: null };
  return (await import("@/lib/domain/contacts-import")).parseContacts(text, options);
}

/** Problems rendered at once; the rest are in the downloadable list so a 10 000-row paste stays responsive. */
const PROBLEMS_SHOWN = 200;
/** A CSV of 10 000 rows with a few variables is well under this; a bigger file is surely something else. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function download(filename: string, text: string) {
  // A BOM so Excel opens Chinese text as UTF-8.
  const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

export function ContactsImport({
  variables,
  defaultCountry,
  onParsed,
}: {
  variables: string[];
  defaultCountry: CountryCode;
  onParsed: (r: ParseResult) => void;
}) {
  const t = useTranslations("wizard.import");
  const format = useFormatter();
  const locale = useLocale();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ParseResult | null>(null);
  const variablesKey = variables.join("\u0000");
  // The caller's callback may change identity every render; the latest one is called.
  const onParsedRef = useRef(onParsed);
  useEffect(() => {
    onParsedRef.current = onParsed;
  }, [onParsed]);

  useEffect(() => {
    // Parsing 10 000 rows takes a moment: wait until typing pauses.
    let current = true;
    const timer = setTimeout(async () => {
      const parsed = await parseContacts(text, { defaultCountry, variables: variablesKey ? variablesKey.split("\u0000") : [] });
      // A newer text (or an unmount) while the parser downloaded: that one's parse counts, not this.
      if (!current) return;
      setResult(parsed);
      onParsedRef.current(parsed);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, defaultCountry, variablesKey]);

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t("fileTooLarge", { name: file.name }));
      return;
    }
    setFileError(null);
    setFileName(file.name);
    setText(await file.text());
  }

  const counts = useMemo(() => {
    const problems = result?.problems ?? [];
    return {
      duplicates: problems.filter((p) => p.reason === "duplicate").length,
      // Rows past the import limit are valid numbers, only too many: said as such, not as invalid.
      overLimit: problems.filter((p) => p.reason === "too-many-rows").length,
      invalid: problems.filter((p) => p.reason !== "duplicate" && p.reason !== "too-many-rows").length,
    };
  }, [result]);

  const template = ["phone", "name", ...variables].map(csvCell).join(",") + "\n";
  const problems = result?.problems ?? [];

  function downloadProblems() {
    const rows = problems.map((p: ContactProblem) => [String(p.row), p.raw, localize(p.message, locale)].map(csvCell).join(","));
    download("number-problems.csv", [[t("colRow"), t("colContent"), t("colReason")].map(csvCell).join(","), ...rows].join("\n") + "\n");
  }

  return (
    <div className="space-y-4" data-testid="contacts-import">
      <div className="space-y-1">
        <label htmlFor={`${id}-paste`} className="block text-sm font-medium text-slate-700">
          {t("pasteLabel")}
        </label>
        <textarea
          id={`${id}-paste`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFileName(null);
          }}
          rows={8}
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          placeholder={`${["phone", "name", ...variables].join(",")}\n13800138000,${t("sampleName")}`}
          className={`${inputClass} font-mono`}
        />
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {t("hint", { country: defaultCountry, max: format.number(MAX_CONTACT_ROWS) })}
          {variables.length > 0 ? ` ${t("variablesHint", { variables: formatList(variables, locale) })}` : ""}
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <input ref={fileRef} id={`${id}-file`} type="file" accept=".csv,.txt,text/csv,text/plain" className="sr-only" onChange={onFile} />
        <Button variant="secondary" onClick={() => fileRef.current?.click()}>
          {t("upload")}
        </Button>
        <Button variant="ghost" onClick={() => download("numbers-template.csv", template)}>
          {t("template")}
        </Button>
        {text ? (
          <Button
            variant="ghost"
            onClick={() => {
              setText("");
              setFileName(null);
            }}
          >
            {t("clear")}
          </Button>
        ) : null}
        {fileName ? <span className="text-sm text-slate-600">{t("fileLoaded", { name: fileName })}</span> : null}
      </div>
      {fileError ? <Notice tone="error">{fileError}</Notice> : null}

      {result && text.trim() !== "" ? (
        <div className="space-y-3" data-testid="contacts-summary" aria-live="polite">
          <p className="text-sm text-slate-800">
            <strong data-testid="contacts-valid-count">{t("valid", { count: result.contacts.length })}</strong>
            {counts.duplicates > 0 ? <span className="ml-3 text-amber-800">{t("duplicates", { count: counts.duplicates })}</span> : null}
            {counts.invalid > 0 ? <span className="ml-3 text-red-700">{t("invalid", { count: counts.invalid })}</span> : null}
            {counts.overLimit > 0 ? (
              <span className="ml-3 text-amber-800" data-testid="contacts-over-limit">
                {t("overLimit", { count: counts.overLimit, max: MAX_CONTACT_ROWS })}
              </span>
            ) : null}
            {result.headerRow !== null ? <span className="ml-3 text-slate-500">{t("headerRead", { row: result.headerRow })}</span> : null}
          </p>
          {problems.length > 0 ? (
            <div className="rounded-md ring-1 ring-slate-200">
              <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
                <p className="text-sm font-medium text-slate-800">{t("problemsTitle", { count: problems.length })}</p>
                <Button variant="ghost" size="sm" onClick={downloadProblems}>
                  {t("downloadProblems")}
                </Button>
              </div>
              <div className="max-h-72 overflow-auto">
                <table className="w-full text-left text-sm">
                  <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-1.5 font-medium">{t("colRow")}</th>
                      <th scope="col" className="hidden px-3 py-1.5 font-medium sm:table-cell">{t("colContent")}</th>
                      <th scope="col" className="px-3 py-1.5 font-medium">{t("colReason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.slice(0, PROBLEMS_SHOWN).map((p) => (
                      <tr key={`${p.row}-${p.reason}`} className="border-t border-slate-100 align-top" data-testid="contacts-problem">
                        <td className="whitespace-nowrap px-3 py-1.5 tabular-nums text-slate-700">{t("row", { row: p.row })}</td>
                        <td className="hidden max-w-xs truncate px-3 py-1.5 font-mono text-xs text-slate-600 sm:table-cell" title={p.raw}>
                          {p.raw}
                        </td>
                        <td className={`px-3 py-1.5 ${p.reason === "duplicate" ? "text-amber-800" : "text-red-700"}`}>
                          {localize(p.message, locale)}
                          {/* On a phone the content column is hidden; the row as typed goes under its reason. */}
                          <span className="mt-0.5 block truncate font-mono text-xs text-slate-500 sm:hidden">{p.raw}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {problems.length > PROBLEMS_SHOWN ? (
                <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
                  {t("moreProblems", { count: problems.length - PROBLEMS_SHOWN })}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
