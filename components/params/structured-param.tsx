"use client";
// Editors for JSON parameters (ParamSpec.format pairs / records / object): rows and small sub-forms instead of
// raw JSON. Each edit writes the exact string the adapter expects (lib/providers/param-json.ts), and the
// editor shows it under "Sent as". A stored value the editor cannot read is named, and replaced only when
// the manager starts over.
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import {
  blankRow,
  decodeObject,
  decodePairs,
  decodeRecords,
  encodeObject,
  encodePairs,
  encodeRecords,
  type JsonRow,
  type PairRow,
} from "@/lib/providers/param-json";
import type { ParamFormat, ParamJsonField } from "@/lib/providers/types";

type StructuredFormat = Extract<ParamFormat, { kind: "pairs" | "records" | "object" }>;

interface EditorProps {
  format: StructuredFormat;
  /** The parameter's label, for the rows' accessible names. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}

/** Rows kept while the value is the one this editor wrote; a value set from outside (a reset) is read again. */
function useRows<R>(value: string, decode: (text: string) => R | null, encode: (rows: R) => string) {
  const [state, setState] = useState(() => ({ value, rows: decode(value) }));
  if (state.value !== value) setState({ value, rows: decode(value) });
  return {
    rows: state.rows,
    set(rows: R): string {
      const text = encode(rows);
      setState({ value: text, rows });
      return text;
    },
  };
}

export function StructuredParam(props: EditorProps) {
  const t = useTranslations("wizard");
  const { format, value, onChange } = props;
  return (
    <div className="space-y-2 rounded-md p-3 ring-1 ring-inset ring-slate-200 aria-[invalid=true]:ring-red-500" aria-invalid={props.invalid}>
      {format.kind === "pairs" ? <PairsEditor {...props} format={format} /> : null}
      {format.kind === "records" ? <RecordsEditor {...props} format={format} /> : null}
      {format.kind === "object" ? <ObjectEditor {...props} format={format} /> : null}
      {value !== "" ? (
        <p className="break-all text-xs text-slate-500">
          {t("params.editor.sentAs")} <code data-testid="param-json-value" className="font-mono text-slate-700">{value}</code>
        </p>
      ) : null}
      {decodes(format, value) ? null : (
        <div className="flex flex-wrap items-center gap-2 text-sm text-amber-800" role="status">
          <span>{t("params.editor.unreadable")}</span>
          <Button size="sm" variant="secondary" onClick={() => onChange("")}>
            {t("params.editor.startOver")}
          </Button>
        </div>
      )}
    </div>
  );
}

function decodes(format: StructuredFormat, value: string): boolean {
  if (format.kind === "pairs") return decodePairs(value) !== null;
  if (format.kind === "records") return decodeRecords(format.fields, value) !== null;
  return decodeObject(format.fields, value) !== null;
}

function RowsFrame({
  count,
  maxItems,
  onAdd,
  children,
}: {
  count: number;
  maxItems: number | undefined;
  onAdd: () => void;
  children: React.ReactNode;
}) {
  const t = useTranslations("wizard");
  const full = maxItems !== undefined && count >= maxItems;
  return (
    <>
      {count === 0 ? <p className="text-sm text-slate-500">{t("params.editor.empty")}</p> : <ul className="space-y-2">{children}</ul>}
      <div className="flex items-center gap-3">
        <Button size="sm" variant="secondary" disabled={full} onClick={onAdd}>
          {t("params.editor.add")}
        </Button>
        {maxItems !== undefined ? <span className="text-xs text-slate-500">{t("params.editor.max", { max: maxItems })}</span> : null}
      </div>
    </>
  );
}

function RemoveButton({ label, row, onRemove }: { label: string; row: number; onRemove: () => void }) {
  const t = useTranslations("wizard");
  return (
    <Button size="sm" variant="ghost" aria-label={t("params.editor.removeRow", { field: label, row })} onClick={onRemove}>
      {t("params.editor.remove")}
    </Button>
  );
}

function PairsEditor({ format, label, value, onChange }: EditorProps & { format: Extract<ParamFormat, { kind: "pairs" }> }) {
  const locale = useLocale();
  const { rows, set } = useRows<PairRow[]>(value, decodePairs, encodePairs);
  if (rows === null) return null;
  const update = (next: PairRow[]) => onChange(set(next));
  const keyLabel = localize(format.keyLabel, locale);
  const valueLabel = localize(format.valueLabel, locale);
  return (
    <RowsFrame count={rows.length} maxItems={format.maxItems} onAdd={() => update([...rows, { key: "", value: "" }])}>
      {rows.map((row, i) => (
        <li key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_auto]">
          <LabelledInput label={keyLabel} row={i + 1} value={row.key} onChange={(key) => update(rows.map((r, j) => (j === i ? { ...r, key } : r)))} />
          <LabelledInput label={valueLabel} row={i + 1} value={row.value} onChange={(v) => update(rows.map((r, j) => (j === i ? { ...r, value: v } : r)))} />
          <RemoveButton label={label} row={i + 1} onRemove={() => update(rows.filter((_, j) => j !== i))} />
        </li>
      ))}
    </RowsFrame>
  );
}

function RecordsEditor({ format, label, value, onChange }: EditorProps & { format: Extract<ParamFormat, { kind: "records" }> }) {
  const { rows, set } = useRows<JsonRow[]>(
    value,
    (text) => decodeRecords(format.fields, text),
    (next) => encodeRecords(format.fields, next),
  );
  if (rows === null) return null;
  const update = (next: JsonRow[]) => onChange(set(next));
  return (
    <RowsFrame count={rows.length} maxItems={format.maxItems} onAdd={() => update([...rows, blankRow(format.fields)])}>
      {rows.map((row, i) => (
        <li key={i} className="flex flex-wrap items-end gap-2">
          <JsonFields fields={format.fields} row={row} rowNumber={i + 1} onChange={(next) => update(rows.map((r, j) => (j === i ? next : r)))} />
          <RemoveButton label={label} row={i + 1} onRemove={() => update(rows.filter((_, j) => j !== i))} />
        </li>
      ))}
    </RowsFrame>
  );
}

function ObjectEditor({ format, value, onChange }: EditorProps & { format: Extract<ParamFormat, { kind: "object" }> }) {
  const { rows: row, set } = useRows<JsonRow>(
    value,
    (text) => decodeObject(format.fields, text),
    (next) => encodeObject(format.fields, next),
  );
  if (row === null) return null;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <JsonFields fields={format.fields} row={row} rowNumber={null} onChange={(next) => onChange(set(next))} />
    </div>
  );
}

function JsonFields({ fields, row, rowNumber, onChange }: { fields: ParamJsonField[]; row: JsonRow; rowNumber: number | null; onChange: (row: JsonRow) => void }) {
  const locale = useLocale();
  return (
    <>
      {fields.map((field) => {
        const label = localize(field.label, locale);
        if (field.type === "flag") {
          return (
            <label key={field.key} className="flex items-center gap-2 py-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                checked={row[field.key] === true}
                onChange={(e) => onChange({ ...row, [field.key]: e.target.checked })}
              />
              <span>
                {label}
                {rowNumber === null ? null : <span className="sr-only"> ({rowNumber})</span>}
              </span>
            </label>
          );
        }
        return (
          <div key={field.key} className="min-w-[10rem] flex-1">
            <LabelledInput
              label={label}
              row={rowNumber}
              maxLength={field.maxLength}
              value={String(row[field.key] ?? "")}
              onChange={(v) => onChange({ ...row, [field.key]: v })}
            />
          </div>
        );
      })}
    </>
  );
}

/** An input with its label above it; in a row the accessible name carries the row number ("Value (2)"). */
function LabelledInput({ label, row, value, onChange, maxLength }: { label: string; row: number | null; value: string; onChange: (v: string) => void; maxLength?: number }) {
  return (
    <label className="block space-y-1">
      <span className="block text-xs font-medium text-slate-600">
        {label}
        {row === null ? null : <span className="sr-only"> ({row})</span>}
      </span>
      <Input value={value} maxLength={maxLength} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
