"use client";
// A searchable IANA zone list: the browser filters the options as the user types ("lond" → Europe/London).
// The zone's current UTC offset is shown so "Asia/Shanghai" and "UTC+08:00" can be checked at a glance.
import { useTranslations } from "next-intl";
import { isValidTimeZone } from "@/lib/domain/call-time-group";

function utcOffset(zone: string, at: Date): string | null {
  if (!isValidTimeZone(zone)) return null;
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value === "GMT" ? "UTC+00:00" : (part?.value.replace("GMT", "UTC") ?? null);
}

export function TimeZonePicker({
  id,
  value,
  zones,
  onChange,
  invalid,
  describedBy,
  disabled,
  now,
}: {
  id: string;
  value: string;
  zones: readonly string[];
  onChange: (zone: string) => void;
  invalid: boolean;
  describedBy?: string;
  disabled: boolean;
  /** When the offset is read; the page passes its clock so server and browser agree. */
  now: Date;
}) {
  const t = useTranslations("timeGroups");
  const offset = utcOffset(value.trim(), now);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        id={id}
        type="text"
        list={`${id}-zones`}
        value={value}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={t("editor.zonePlaceholder")}
        onChange={(e) => onChange(e.target.value)}
        className="block w-full max-w-xs rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-500 disabled:bg-slate-50 aria-[invalid=true]:ring-red-500"
      />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {offset ? <span className="text-sm tabular-nums text-slate-600">{t("editor.offsetNow", { offset })}</span> : null}
    </div>
  );
}
