"use client";
// A typed HH:MM time with minute precision ("24:00" ends a day). The text is kept as typed until it
// reads as a time, so a half-typed "10:1" is not lost; a valid time is committed at once.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatMinute, parseHhMm } from "@/lib/domain/call-time-group";

export function TimeInput({
  value,
  onChange,
  label,
  invalid,
  describedBy,
  disabled,
  testId,
}: {
  value: number;
  onChange: (minute: number) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const t = useTranslations("timeGroups");
  const [text, setText] = useState(formatMinute(value));
  const [shown, setShown] = useState(value);
  // The value changed elsewhere (the grid, a copy): show it, unless the text already means it.
  if (shown !== value) {
    setShown(value);
    if (parseHhMm(text) !== value) setText(formatMinute(value));
  }
  const unreadable = parseHhMm(text) === null;
  return (
    <span className="inline-flex flex-col">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-label={label}
        aria-invalid={invalid || unreadable}
        aria-describedby={describedBy}
        title={unreadable ? t("editor.timeFormat") : undefined}
        disabled={disabled}
        data-testid={testId}
        value={text}
        maxLength={5}
        onChange={(e) => {
          setText(e.target.value);
          const minute = parseHhMm(e.target.value);
          if (minute !== null) {
            setShown(minute);
            onChange(minute);
          }
        }}
        onBlur={() => {
          if (!unreadable) setText(formatMinute(value));
        }}
        className="w-[4.5rem] rounded-md border-0 bg-white px-2 py-1.5 text-center text-sm tabular-nums text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:ring-red-500"
      />
      {unreadable ? <span className="mt-0.5 text-xs text-red-600">{t("editor.timeFormat")}</span> : null}
    </span>
  );
}
