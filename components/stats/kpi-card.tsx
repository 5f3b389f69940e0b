// One number with its label. Fixed height, so a value that grows from "0" to "12,345" or gains a
// second line never moves the cards around it.
export function KpiCard({
  label,
  value,
  detail,
  info,
  testId,
  tone = "default",
  valueTitle,
}: {
  label: string;
  value: string;
  detail?: React.ReactNode;
  info?: React.ReactNode;
  testId?: string;
  tone?: "default" | "warning";
  /** Shown on hover over the value (e.g. why a figure reads "—"). */
  valueTitle?: string;
}) {
  return (
    <div
      className={`flex h-28 flex-col justify-between rounded-lg bg-white p-3 shadow-sm ring-1 sm:p-4 ${tone === "warning" ? "ring-amber-300" : "ring-slate-200"}`}
      data-testid={testId}
    >
      <div className="flex items-start justify-between gap-2">
        <span className="text-xs font-medium leading-tight text-slate-600 sm:text-sm">{label}</span>
        {info}
      </div>
      <div className="truncate text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl" data-testid={testId ? `${testId}-value` : undefined} title={valueTitle}>
        {value}
      </div>
      <div className="h-4 truncate text-xs leading-4 text-slate-500">{detail}</div>
    </div>
  );
}
