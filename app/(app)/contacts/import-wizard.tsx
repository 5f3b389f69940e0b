"use client";
// Importing a file into a list (or a DNC list): the file goes to the upload route as a raw stream (never
// through a server action body), the first rows come back for the column-mapping step, then the import job
// starts and its progress is followed. Used by the list page and the DNC page.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import { JobProgress } from "@/components/numbers/job-progress";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import type { TColumnMapping, UploadPreviewView, UploadResult } from "@/lib/contracts/numbers";
import { localize, type LocalizedText } from "@/lib/domain/text";

type ActionResult<T> = { data?: T; serverError?: { message: LocalizedText }; validationErrors?: unknown } | undefined;

export interface ImportWizardProps {
  /** The list whose remembered mapping is offered (null for a DNC list). */
  listId: string | null;
  preview: (input: { uploadId: string; listId: string | null }) => Promise<ActionResult<UploadPreviewView>>;
  start: (input: { uploadId: string; fileName: string; mapping: TColumnMapping }) => Promise<ActionResult<{ jobId: string }>>;
  cancel: (jobId: string) => Promise<unknown>;
  /** Whether the mapping step offers name and variable columns (a DNC list only needs the phone). */
  withDetails?: boolean;
  /** An import already running into this target (followed here instead of offering a new one). */
  activeJobId?: string | null;
}

type Role = "ignore" | "phone" | "name" | "variable";

export function ImportWizard({ listId, preview, start, cancel, withDetails = true, activeJobId = null }: ImportWizardProps) {
  const t = useTranslations("contacts.import");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sample, setSample] = useState<UploadPreviewView | null>(null);
  const [mapping, setMapping] = useState<TColumnMapping | null>(null);
  // One progress for the import whether it was started here or found running when the page loaded; it stays
  // on screen when the import finishes (the page refreshes its lists around it).
  const [jobId, setJobId] = useState<string | null>(activeJobId);
  const [pending, startTransition] = useTransition();

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setError(null);
    setSample(null);
    setJobId(null);
    setFileName(file.name);
    setUploading(true);
    try {
      const res = await fetch("/api/contacts/uploads", { method: "POST", body: file, headers: { "content-type": "application/octet-stream" } });
      const body = (await res.json()) as UploadResult & { message?: LocalizedText };
      if (!res.ok) throw new Error(body.message ? localize(body.message, locale) : t("uploadFailed"));
      const p = await preview({ uploadId: body.uploadId, listId });
      if (!p?.data) throw new Error(p?.serverError ? localize(p.serverError.message, locale) : t("uploadFailed"));
      setSample(p.data);
      setMapping(p.data.mapping);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setUploading(false);
    }
  }

  const width = Math.max(0, ...(sample?.rows ?? []).map((r) => r.length));
  const header = mapping?.hasHeader ? (sample?.rows[0] ?? []) : [];
  const roleOf = (c: number): Role =>
    mapping?.phone === c ? "phone" : mapping?.name === c ? "name" : mapping?.variables.some((v) => v.column === c) ? "variable" : "ignore";

  function setRole(c: number, role: Role) {
    if (!mapping) return;
    const next: TColumnMapping = {
      ...mapping,
      name: mapping.name === c ? null : mapping.name,
      variables: mapping.variables.filter((v) => v.column !== c),
    };
    if (role === "phone") next.phone = c;
    if (role === "name") next.name = c;
    if (role === "variable") next.variables = [...next.variables, { name: (header[c] || t("columnN", { n: c + 1 })).trim().slice(0, 64), column: c }];
    setMapping(next);
  }

  function begin() {
    if (!sample || !mapping || !fileName) return;
    setError(null);
    startTransition(async () => {
      const res = await start({ uploadId: sample.uploadId, fileName, mapping });
      if (res?.data) {
        setJobId(res.data.jobId);
        setSample(null);
      } else setError(res?.serverError ? localize(res.serverError.message, locale) : t("startFailed"));
    });
  }

  return (
    <div className="space-y-4" data-testid="import-wizard">
      <div className="flex flex-wrap items-center gap-3">
        <input ref={fileRef} id={`${id}-file`} type="file" accept=".csv,.txt,.xlsx,text/csv" className="sr-only" onChange={onFile} aria-label={t("choose")} />
        <Button variant="secondary" onClick={() => fileRef.current?.click()} disabled={uploading || pending}>
          {uploading ? t("uploading") : t("choose")}
        </Button>
        {fileName ? <span className="text-sm text-slate-600">{fileName}</span> : null}
        <span className="text-xs text-slate-500">{t("hint")}</span>
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}

      {sample && mapping ? (
        <div className="space-y-3" data-testid="column-mapping">
          <h3 className="text-sm font-semibold text-slate-800">{t("mappingTitle")}</h3>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={mapping.hasHeader} onChange={(e) => setMapping({ ...mapping, hasHeader: e.target.checked })} />
            {t("hasHeader")}
          </label>
          <div className="overflow-x-auto">
            <table className="text-left text-sm">
              <thead>
                <tr>
                  {Array.from({ length: width }, (_, c) => (
                    <th key={c} scope="col" className="px-2 py-1 align-bottom font-medium">
                      <label className="sr-only" htmlFor={`${id}-col-${c}`}>
                        {t("columnRole", { column: header[c] || t("columnN", { n: c + 1 }) })}
                      </label>
                      <select id={`${id}-col-${c}`} className={`${inputClass} min-w-28`} value={roleOf(c)} onChange={(e) => setRole(c, e.target.value as Role)} data-testid={`column-${c}`}>
                        <option value="ignore">{t("role.ignore")}</option>
                        <option value="phone">{t("role.phone")}</option>
                        {withDetails ? <option value="name">{t("role.name")}</option> : null}
                        {withDetails ? <option value="variable">{t("role.variable")}</option> : null}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sample.rows.slice(0, 6).map((row, r) => (
                  <tr key={r} className={`border-t border-slate-100 ${mapping.hasHeader && r === 0 ? "bg-slate-50 font-medium" : ""}`}>
                    {Array.from({ length: width }, (_, c) => (
                      <td key={c} className="max-w-48 truncate px-2 py-1 font-mono text-xs text-slate-700">
                        {row[c] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {withDetails && mapping.variables.length > 0 ? (
            <div className="space-y-1">
              {mapping.variables.map((v, i) => (
                <label key={v.column} className="flex items-center gap-2 text-sm">
                  <span className="w-40 text-slate-600">{t("variableName", { column: header[v.column] || t("columnN", { n: v.column + 1 }) })}</span>
                  <input
                    className={`${inputClass} max-w-xs`}
                    value={v.name}
                    maxLength={64}
                    onChange={(e) => setMapping({ ...mapping, variables: mapping.variables.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
                  />
                </label>
              ))}
            </div>
          ) : null}
          <Button onClick={begin} disabled={pending}>
            {pending ? t("starting") : t("start")}
          </Button>
        </div>
      ) : null}

      {jobId ? <JobProgress jobId={jobId} onCancel={cancel} onFinished={() => router.refresh()} /> : null}
    </div>
  );
}
