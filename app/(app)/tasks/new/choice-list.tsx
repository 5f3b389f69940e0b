"use client";
// One list of radio cards, for every "pick one" step of the wizard (account, task type, group, strategy).
import type { ReactNode } from "react";

export interface Choice {
  value: string;
  title: ReactNode;
  /** Smaller lines under the title (provider, summary, time zone…). */
  details?: ReactNode[];
}

export function ChoiceList({
  legend,
  name,
  choices,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">{legend}</legend>
      {choices.map((choice) => (
        <label
          key={choice.value}
          className="flex cursor-pointer items-start gap-3 rounded-md p-3 ring-1 ring-slate-200 hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500"
        >
          <input type="radio" name={name} className="mt-1" checked={value === choice.value} onChange={() => onChange(choice.value)} />
          <span className="min-w-0">
            <span className="block text-sm font-medium text-slate-900">{choice.title}</span>
            {choice.details?.map((detail, i) => (
              <span key={i} className="block text-xs text-slate-600">
                {detail}
              </span>
            ))}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** A small label beside a choice's title ("Demo", "Default", "2 differences"). */
export function ChoiceBadge({ children, tone = "plain" }: { children: ReactNode; tone?: "plain" | "warning" }) {
  const look = tone === "warning" ? "bg-amber-50 text-amber-800 ring-1 ring-amber-200" : "bg-slate-100 text-slate-600";
  return <span className={`ml-2 rounded px-1.5 py-0.5 text-xs ${look}`}>{children}</span>;
}
