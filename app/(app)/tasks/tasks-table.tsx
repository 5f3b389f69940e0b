"use client";
// The task list table: server data (already paged, sorted and filtered by the URL), one column definition per
// column (header and cell); sorting is a link per header so the URL stays the state. The rows are already the
// page's, so no table library: it was a tenth of the page's first-load JavaScript (issue 14 goal 4).
// Managers select rows and start or pause them together; each row then says what happened to it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { bulkTaskOperationAction } from "./actions";
import { RateInfo } from "@/components/stats/rate-info";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import { formatRate, RATE_FORMULAS } from "@/lib/domain/stats";
import type { TaskStatus } from "@/lib/domain/task";
import type { TaskListRow } from "@/lib/contracts/task-list";
import { sortHref, type TaskListUrlState } from "./list-url";
import { ProgressBar, StatusBadge } from "./status-badge";
import { WaitingText } from "@/components/tasks/waiting-text";

/** The name is kept from the moment of the click: after the refresh the task may have left this filtered page. */
type BulkOutcome = { name: string; ok: boolean; status?: TaskStatus; error?: LocalizedText };

/** A column: its header and how a row shows in it. */
interface Column {
  id: string;
  header: () => React.ReactNode;
  cell: (row: TaskListRow) => React.ReactNode;
}

/** Follow-up and mass-send tasks are read-only: nothing to start or pause. */
const selectable = (row: TaskListRow) => row.kind === "call" && row.status !== "deleted";

// On a phone the table keeps what a manager acts on (status, name, progress, rates); the rest appears
// as the screen widens. The name cell repeats the account on small screens.
const RESPONSIVE: Record<string, string> = {
  provider: "hidden sm:table-cell",
  // At 1280 px (beside the sidebar) the rates and last sync matter more than kind and group, which the
  // filters and the task page also show; both come back on wide screens.
  kind: "hidden 2xl:table-cell",
  groupName: "hidden 2xl:table-cell",
  lastSyncAt: "hidden md:table-cell",
};

function SortLink({ state, sort, children }: { state: TaskListUrlState; sort: string; children: React.ReactNode }) {
  const t = useTranslations("tasks.list");
  const active = state.sort === sort;
  return (
    <Link
      href={sortHref(state, sort)}
      className="inline-flex items-center gap-1 hover:text-slate-900"
      aria-label={t("sortBy", { column: String(children) })}
      data-testid={`sort-${sort}`}
    >
      {children}
      <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-300"}>
        {active && state.dir === "asc" ? "▲" : "▼"}
      </span>
    </Link>
  );
}

export function TasksTable({ rows, state, canWrite }: { rows: TaskListRow[]; state: TaskListUrlState; canWrite: boolean }) {
  const t = useTranslations("tasks");
  const tStats = useTranslations("stats");
  const locale = useLocale();
  const format = useFormatter();
  const router = useRouter();
  const [selection, setSelection] = useState<Record<string, boolean>>({});
  const [outcomes, setOutcomes] = useState<Record<string, BulkOutcome>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const columns = useMemo(
    (): Column[] => [
      ...(canWrite
        ? [
            {
              id: "select",
              header: () => {
                const chosen = Object.keys(selection).length;
                // Every selectable row chosen (and at least one); "some" while fewer than all rows are.
                const all = chosen > 0 && rows.length > 0 && rows.every((r) => !selectable(r) || selection[r.id]);
                return (
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-300"
                    aria-label={t("list.selectAll")}
                    checked={all}
                    ref={(el) => {
                      if (el) el.indeterminate = chosen > 0 && chosen < rows.length;
                    }}
                    onChange={(e) => setSelection(e.target.checked ? Object.fromEntries(rows.filter(selectable).map((r) => [r.id, true])) : {})}
                  />
                );
              },
              cell: (row: TaskListRow) => (
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-300"
                  aria-label={t("list.select", { name: row.name })}
                  checked={Boolean(selection[row.id])}
                  disabled={!selectable(row)}
                  onChange={(e) => {
                    const checked = e.target.checked;
                    setSelection((current) => {
                      const { [row.id]: _dropped, ...rest } = current;
                      return checked ? { ...current, [row.id]: true } : rest;
                    });
                  }}
                />
              ),
            },
          ]
        : []),
      {
        id: "status",
        header: () => <SortLink state={state} sort="status">{t("list.columns.status")}</SortLink>,
        cell: (row: TaskListRow) => (
          <div className="flex flex-col items-start gap-0.5">
            <StatusBadge status={row.status} rawStatus={row.rawStatus} />
            {row.waiting ? (
              <span className="text-xs text-amber-800" data-testid="task-waiting-short" data-reason={row.waiting.kind}>
                <WaitingText waiting={row.waiting} at={row.at} short />
              </span>
            ) : null}
          </div>
        ),
      },
      {
        id: "name",
        header: () => <SortLink state={state} sort="name">{t("list.columns.name")}</SortLink>,
        cell: (row: TaskListRow) => (
          <div className="min-w-32">
            <Link href={`/tasks/${row.id}`} className="font-medium text-brand-700 hover:underline [overflow-wrap:anywhere]">
              {row.name || t("list.unnamed")}
            </Link>
            <p className="text-xs text-slate-500 sm:hidden">{row.accountName}</p>
            {row.gone ? <p className="text-xs text-amber-700">{t("list.gone")}</p> : null}
          </div>
        ),
      },
      {
        id: "provider",
        header: () => t("list.columns.provider"),
        cell: (row: TaskListRow) => (
          <div className="max-w-40">
            <p className="text-slate-900">{row.accountName}</p>
            <p className="text-xs text-slate-500">{localize(row.providerLabel, locale)}</p>
          </div>
        ),
      },
      {
        id: "kind",
        header: () => t("list.columns.kind"),
        cell: (row: TaskListRow) => (
          <span className="whitespace-nowrap" title={localize(row.taskTypeLabel, locale)}>
            {t(`kindShort.${row.kind}`)}
          </span>
        ),
      },
      {
        id: "groupName",
        header: () => t("list.columns.group"),
        cell: (row: TaskListRow) => row.groupName ?? <span className="text-slate-400">—</span>,
      },
      {
        id: "progress",
        header: () => t("list.columns.progress"),
        cell: (row: TaskListRow) => (
          <ProgressBar done={row.finishedOrders} total={row.totalOrders} label={t("list.progressOf", { name: row.name })} />
        ),
      },
      {
        id: "answerRate",
        header: () => (
          <span className="inline-flex items-center gap-1">
            <SortLink state={state} sort="answerRate">{t("list.columns.answerRate")}</SortLink>
            <RateInfo rate="answerRate" />
          </span>
        ),
        cell: (row: TaskListRow) => {
          const value = row.answerRate;
          // A provider that reports no calls (WShoto follow-ups) has no answer rate: "—", not 0.00 %.
          return value === null ? (
            <span className="text-slate-500" title={tStats("kpi.notReported")}>
              —
            </span>
          ) : (
            <span className="tabular-nums" title={localize(RATE_FORMULAS.answerRate, locale)}>
              {formatRate(value, locale)}
            </span>
          );
        },
      },
      {
        id: "finishRate",
        header: () => (
          <span className="inline-flex items-center gap-1">
            <SortLink state={state} sort="finishRate">{t("list.columns.finishRate")}</SortLink>
            <RateInfo rate="finishRate" />
          </span>
        ),
        cell: (row: TaskListRow) => (
          <span className="tabular-nums" title={localize(RATE_FORMULAS.finishRate, locale)}>
            {formatRate(row.finishRate, locale)}
          </span>
        ),
      },
      {
        id: "lastSyncAt",
        header: () => <SortLink state={state} sort="lastSyncAt">{t("list.columns.lastSync")}</SortLink>,
        cell: (row: TaskListRow) => {
          const at = row.lastSyncAt;
          return at ? (
            <time dateTime={at} className="whitespace-nowrap text-slate-600">
              {format.dateTime(new Date(at), { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })}
            </time>
          ) : (
            <span className="text-slate-400">{t("list.neverSynced")}</span>
          );
        },
      },
    ],
    [canWrite, state, t, tStats, locale, format, rows, selection],
  );

  const selectedIds = Object.keys(selection).filter((id) => selection[id]);

  function runBulk(op: "start" | "pause") {
    setFailure(null);
    const names = new Map(rows.map((r) => [r.id, r.name]));
    start(async () => {
      const res = await bulkTaskOperationAction({ taskIds: selectedIds, op });
      if (res?.serverError) {
        setFailure(localize(res.serverError.message, locale));
        return;
      }
      const next: Record<string, BulkOutcome> = {};
      for (const r of res?.data?.results ?? []) next[r.taskId] = { ...r, name: names.get(r.taskId) ?? r.taskId };
      setOutcomes(next);
      setSelection({});
      router.refresh();
    });
  }

  const outcomeList = Object.entries(outcomes);
  const okCount = outcomeList.filter(([, o]) => o.ok).length;

  return (
    <div className="space-y-3">
      {canWrite ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="bulk-bar">
          <span className="text-sm text-slate-600" aria-live="polite">
            {t("list.selected", { count: selectedIds.length })}
          </span>
          <Button size="sm" variant="secondary" disabled={pending || selectedIds.length === 0} onClick={() => runBulk("start")}>
            {t("list.startSelected")}
          </Button>
          <Button size="sm" variant="secondary" disabled={pending || selectedIds.length === 0} onClick={() => runBulk("pause")}>
            {t("list.pauseSelected")}
          </Button>
          {pending ? <span className="text-sm text-slate-500">{t("list.working")}</span> : null}
        </div>
      ) : null}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {outcomeList.length > 0 ? (
        <div data-testid="bulk-results">
          <Notice tone={okCount === outcomeList.length ? "success" : "warning"}>
            <p className="font-medium">{t("list.bulkSummary", { ok: okCount, total: outcomeList.length })}</p>
            <ul className="mt-1 space-y-0.5">
              {outcomeList.map(([id, o]) => (
                <li key={id} data-testid={`bulk-result-${id}`} data-ok={o.ok}>
                  <span className="font-medium">{o.name}</span>:{" "}
                  {o.ok ? t("list.bulkOk", { status: t(`status.${o.status ?? "running"}`) }) : (localize(o.error, locale) ?? t("list.bulkFailed"))}
                </li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="tasks-table">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {columns.map((col) => (
                <th
                  key={col.id}
                  scope="col"
                  className={`whitespace-nowrap px-2 py-3 ${RESPONSIVE[col.id] ?? ""}`}
                  aria-sort={col.id === state.sort ? (state.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {col.header()}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="task-row" data-task-id={row.id} data-provider={row.provider} className={selection[row.id] ? "bg-brand-50" : undefined}>
                {columns.map((col) => (
                  <td key={col.id} className={`px-2 py-2.5 align-top ${RESPONSIVE[col.id] ?? ""}`}>
                    {col.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
