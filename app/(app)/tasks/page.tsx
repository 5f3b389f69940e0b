import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SyncNowButton } from "./sync-now-button";
import { QueryProvider } from "@/components/query-provider";
import { SimulatorClockNotice } from "@/components/providers/simulator-clock-notice";
import { taskListHref, type TaskListUrlState } from "./list-url";
import { LiveRefresh } from "@/components/tasks/live-refresh";
import { TasksTable } from "./tasks-table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { localize } from "@/i18n/locales";
import { TASK_STATUSES } from "@/lib/domain/task";
import { allAdapters } from "@/lib/providers/registry";
import { simulatorFactor } from "@/lib/server/config";
import { roleAtLeast } from "@/lib/server/roles";
import { listAccounts } from "@/lib/server/services/provider-accounts";
import { listTasks, PAGE_SIZES, ZTaskListQuery } from "@/lib/server/services/tasks/query";
import { requirePageActor } from "@/lib/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("tasks.title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const t = await getTranslations("tasks");
  const locale = await getLocale();
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const query = ZTaskListQuery.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const [{ rows, total }, accounts] = await Promise.all([listTasks(query, new Date()), listAccounts()]);
  const canWrite = roleAtLeast(actor.role, "manager");
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const state: TaskListUrlState = { ...query };
  const demoAccounts = new Set(accounts.filter((a) => a.isDemo).map((a) => a.id));
  const showsDemo = rows.some((row) => demoAccounts.has(row.accountId));
  const filtered = Boolean(query.provider || query.accountId || query.status || query.search || query.kind);

  return (
    <QueryProvider>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {canWrite ? <SyncNowButton /> : null}
            {canWrite ? (
              <Link
                href="/tasks/new"
                className="inline-flex h-fit items-center justify-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
              >
                {t("list.new")}
              </Link>
            ) : null}
          </>
        }
      />

      <SimulatorClockNotice factor={showsDemo ? simulatorFactor() : null} />

      <Form action="/tasks" className="mb-4 grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6" role="search">
        <label className="text-sm lg:col-span-2">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.search")}</span>
          <input name="search" type="search" defaultValue={query.search ?? ""} placeholder={t("filters.searchPlaceholder")} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.provider")}</span>
          <select name="provider" defaultValue={query.provider ?? ""} className={inputClass}>
            <option value="">{t("filters.any")}</option>
            {allAdapters().map((a) => (
              <option key={a.kind} value={a.kind}>
                {localize(a.capabilities.label, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.account")}</span>
          <select name="accountId" defaultValue={query.accountId ?? ""} className={inputClass}>
            <option value="">{t("filters.any")}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.status")}</span>
          <select name="status" defaultValue={query.status ?? ""} className={inputClass}>
            <option value="">{t("filters.anyButDeleted")}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.kind")}</span>
          <select name="kind" defaultValue={query.kind ?? ""} className={inputClass}>
            <option value="">{t("filters.any")}</option>
            <option value="call">{t("kind.call")}</option>
            <option value="follow-up">{t("kind.follow-up")}</option>
          </select>
        </label>
        {/* Sort and page size survive a filter change; the page goes back to 1. */}
        {query.sort !== "updatedAt" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "desc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        {query.pageSize !== 25 ? <input type="hidden" name="pageSize" value={query.pageSize} /> : null}
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("filters.apply")}
          </button>
          {filtered ? (
            <Link href={taskListHref({ ...state, provider: undefined, accountId: undefined, status: undefined, search: undefined, kind: undefined })} className="px-2 py-2 text-sm text-brand-700 hover:underline">
              {t("filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {rows.length === 0 ? (
        filtered ? (
          <EmptyState title={t("empty.filteredTitle")} body={t("empty.filteredBody")} action={<Link href="/tasks" className="text-sm font-medium text-brand-700 hover:underline">{t("filters.clear")}</Link>} />
        ) : (
          <EmptyState
            title={t("empty.title")}
            body={t("empty.body")}
            action={
              <>
                <Link href="/providers" className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50">
                  {t("empty.providers")}
                </Link>
                {canWrite ? <SyncNowButton /> : null}
              </>
            }
          />
        )
      ) : (
        <>
          <TasksTable rows={rows} state={state} canWrite={canWrite} />
          <LiveRefresh active={rows.some((row) => row.status === "running" || row.status === "pending" || row.status === "paused")} />
          <nav className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm" aria-label={t("list.pagination")}>
            <p className="text-slate-600" data-testid="tasks-total">
              {t("list.total", { count: total })}
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-slate-600">{t("list.pageOf", { page: query.page, pages })}</span>
              {query.page > 1 ? (
                <Link className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50" href={taskListHref(state, { page: query.page - 1 })} rel="prev">
                  {t("list.previous")}
                </Link>
              ) : null}
              {query.page < pages ? (
                <Link className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50" href={taskListHref(state, { page: query.page + 1 })} rel="next">
                  {t("list.next")}
                </Link>
              ) : null}
              <span className="ml-2 text-slate-600">{t("list.perPage")}</span>
              {PAGE_SIZES.map((size) => (
                <Link
                  key={size}
                  href={taskListHref(state, { pageSize: size })}
                  aria-current={size === query.pageSize ? "true" : undefined}
                  className={`rounded px-2 py-1 ${size === query.pageSize ? "bg-slate-200 font-medium" : "hover:bg-slate-100"}`}
                >
                  {size}
                </Link>
              ))}
            </div>
          </nav>
        </>
      )}
    </QueryProvider>
  );
}
