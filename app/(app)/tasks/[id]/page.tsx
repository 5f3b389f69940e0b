import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/query-provider";
import { SimulatorClockNotice } from "@/components/providers/simulator-clock-notice";
import { LossReport } from "@/components/schedule/loss-report";
import { TaskForecast } from "./task-forecast";
import { TaskStatsPanel } from "./task-stats-panel";
import { Card, Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import { weekSummary } from "@/lib/domain/call-time-group";
import { formatInterval } from "@/lib/domain/retry";
import { simulatorFactor } from "@/lib/server/config";
import { AppError } from "@/lib/server/errors";
import { roleAtLeast } from "@/lib/server/roles";
import { getTaskStats } from "@/lib/server/services/stats/task-stats";
import { taskEditOptions } from "@/lib/server/services/tasks/options";
import { getFollowUpDetail, getTaskDetail, type TaskDetail } from "@/lib/server/services/tasks/query";
import { requirePageActor } from "@/lib/server/session";
import { AddNumbers } from "./add-numbers";
import { FollowUpSection } from "./follow-up-section";
import { TaskControls } from "./task-controls";
import { FiguresFollowSync, LiveStatusBadge, LiveSummary, LiveTimes, WaitingNotice } from "./task-live";
import { TaskSettingsDetails } from "./task-settings-details";

type Params = Promise<{ id: string }>;

async function load(id: string): Promise<TaskDetail> {
  try {
    return await getTaskDetail(id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations("tasks");
  try {
    return { title: `${(await getTaskDetail(id)).task.name} · ${t("title")}` };
  } catch {
    return { title: t("title") };
  }
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Card>
      <h2 className="mb-3 text-base font-semibold text-slate-900" data-testid={testId}>
        {title}
      </h2>
      {children}
    </Card>
  );
}

export default async function TaskPage({ params }: { params: Params }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const detail = await load(id);
  const t = await getTranslations("tasks");
  const tNumbers = await getTranslations("contacts.numbers");
  const format = await getFormatter();
  const locale = await getLocale();
  const canWrite = roleAtLeast(actor.role, "manager");
  const { task, account, capabilities: caps } = detail;
  const isCall = task.kind === "call";
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : t("detail.never"));

  // Audit actions are "task.<verb>"; message keys cannot hold dots, so the verb is the key.
  const actionLabel = (action: string) => {
    const key = `history.actions.${action.replace(/^task\./, "")}`;
    return t.has(key) ? t(key as "history.actions.start") : action;
  };
  const statusLabel = (status: string) => (t.has(`status.${status}`) ? t(`status.${status}` as "status.running") : status);

  const editable = canWrite && caps.controls.update.allowed;
  const [editOptions, followUp, live] = await Promise.all([
    editable ? taskEditOptions(task.id) : null,
    isCall ? null : getFollowUpDetail(task.id),
    // The first answer of the page's one live query; the browser polls the same view from here on.
    getTaskStats({ taskId: task.id, now: new Date() }),
  ]);

  const page = (
    <div className="space-y-6">
      <SimulatorClockNotice factor={account.isDemo ? simulatorFactor() : null} />
      <div>
        <Link href="/tasks" className="text-sm text-brand-700 hover:underline">
          ← {t("detail.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight text-slate-900 [overflow-wrap:anywhere]" data-testid="task-name">
            {task.name || t("list.unnamed")}
          </h1>
          <LiveStatusBadge taskId={task.id} initial={live} />
          <FiguresFollowSync taskId={task.id} initial={live} />
        </div>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm text-slate-600 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="inline text-slate-500">{t("detail.provider")}: </dt>
            <dd className="inline">
              {localize(caps.label, locale)} · {account.name}
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="inline text-slate-500">{t("detail.remoteId")}: </dt>
            <dd className="inline break-all font-mono" data-testid="remote-id">
              {task.remoteId}
            </dd>
          </div>
          <LiveTimes taskId={task.id} initial={live} />
        </dl>
        <p className="mt-2">
          <Link href={`/tasks/${task.id}/numbers`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="task-numbers-link">
            {tNumbers("tabLink")}
          </Link>
        </p>
        <WaitingNotice taskId={task.id} initial={live} />
        {task.goneAt ? (
          <div className="mt-3">
            <Notice tone="warning">{t("detail.gone", { at: when(task.goneAt) })}</Notice>
          </div>
        ) : null}
      </div>

      <Section title={t("detail.controls")}>
        <TaskControls taskId={task.id} taskName={task.name} initial={live} unverified={caps.unverified} canWrite={canWrite} />
      </Section>

      <Section title={t("detail.summary")}>
        <LiveSummary taskId={task.id} initial={live} typeLabel={task.taskTypeLabel ?? t(`kind.${task.kind}`)} isCall={isCall} />
        {task.description ? <p className="mt-4 text-sm text-slate-700">{task.description}</p> : null}
      </Section>

      {/* Statistics and forecast (stats feature): live charts while the task runs, a completion estimate. */}
      {isCall ? (
        <section className="space-y-6" aria-label={t("detail.stats")}>
          <TaskStatsPanel taskId={task.id} initial={live} />
          <TaskForecast taskId={task.id} />
        </section>
      ) : null}

      {followUp ? <FollowUpSection remoteId={task.remoteId} data={followUp} /> : null}

      {isCall ? (
        <Section title={t("detail.schedule")}>
          <div className="grid gap-6 lg:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold text-slate-800">{t("detail.group")}</h3>
              {detail.group ? (
                <>
                  <p className="mt-1 text-sm">
                    <Link href={`/time-groups/${detail.group.id}`} className="font-medium text-brand-700 hover:underline">
                      {detail.group.group.name}
                    </Link>
                  </p>
                  <p className="text-sm text-slate-600">{weekSummary(detail.group.group, locale)}</p>
                  <div className="mt-2">
                    <LossReport losses={detail.group.losses} exactLabel={t("detail.exactFor", { provider: localize(caps.label, locale) })} />
                  </div>
                </>
              ) : (
                <p className="mt-1 text-sm text-slate-500">{t("detail.noGroup")}</p>
              )}
            </div>
            <div>
              <h3 className="text-sm font-semibold text-slate-800">{t("detail.strategy")}</h3>
              {detail.strategy ? (
                <>
                  <p className="mt-1 text-sm">
                    <Link href={`/retry-strategies/${detail.strategy.id}`} className="font-medium text-brand-700 hover:underline">
                      {detail.strategy.strategy.name}
                    </Link>
                  </p>
                  <ol className="text-sm text-slate-600">
                    {detail.strategy.strategy.rounds.map((r, i) => (
                      <li key={i}>{t("detail.round", { n: i + 1, after: formatInterval(r.after, locale) })}</li>
                    ))}
                  </ol>
                  <div className="mt-2">
                    <LossReport losses={detail.strategy.losses} exactLabel={t("detail.exactFor", { provider: localize(caps.label, locale) })} />
                  </div>
                </>
              ) : (
                <p className="mt-1 text-sm text-slate-500">{t("detail.noStrategy")}</p>
              )}
            </div>
          </div>
        </Section>
      ) : null}

      {isCall && canWrite ? (
        <Section title={t("edit.title")}>
          {editOptions ? (
            <TaskSettingsDetails
              summary={t("edit.open")}
              taskId={task.id}
              initial={{
                name: task.name,
                description: task.description,
                callTimeGroupId: detail.group?.id ?? null,
                retryStrategyId: detail.strategy?.id ?? null,
                params: task.params,
              }}
              groups={editOptions.groups}
              strategies={editOptions.strategies}
              specs={caps.params}
              limits={{ nameMaxLength: caps.nameMaxLength, descriptionMaxLength: caps.descriptionMaxLength }}
            />
          ) : (
            <p className="text-sm text-slate-600" data-testid="reason-update">
              {localize(caps.controls.update.reason, locale)}
            </p>
          )}
        </Section>
      ) : null}

      {isCall && canWrite ? (
        <Section title={t("addNumbers.title")}>
          {caps.controls.addContacts.allowed ? (
            <AddNumbers taskId={task.id} batchSize={caps.contactsBatchSize} />
          ) : (
            <p className="text-sm text-slate-600" data-testid="reason-addContacts">
              {localize(caps.controls.addContacts.reason, locale)}
            </p>
          )}
        </Section>
      ) : null}

      <Section title={t("history.title")}>
        {detail.history.length === 0 ? (
          <p className="text-sm text-slate-500">{t("history.empty")}</p>
        ) : (
          <ol className="divide-y divide-slate-100 text-sm" data-testid="task-history">
            {detail.history.map((h) => {
              const before = typeof h.before?.status === "string" ? h.before.status : null;
              const after = typeof h.after?.status === "string" ? h.after.status : null;
              return (
                <li key={h.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:gap-4">
                  <time className="whitespace-nowrap text-xs text-slate-500" dateTime={h.at.toISOString()}>
                    {when(h.at)}
                  </time>
                  <span className="font-medium text-slate-800">{actionLabel(h.action)}</span>
                  {before && after ? (
                    <span className="text-slate-600">
                      {statusLabel(before)} → {statusLabel(after)}
                    </span>
                  ) : null}
                  <span className="text-xs text-slate-500 sm:ml-auto">{h.actorEmail === "system" ? t("history.system") : h.actorEmail}</span>
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Card>
        <details>
          <summary className="cursor-pointer text-base font-semibold text-slate-900">{t("detail.raw")}</summary>
          <p className="mt-2 text-xs text-slate-500">{t("detail.rawHint")}</p>
          <pre className="mt-2 max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100" data-testid="raw-record">
            {detail.rawJson}
          </pre>
        </details>
      </Card>
    </div>
  );
  // One query client under everything on the page: the live view, controls, statistics and forecast share the task's query.
  return <QueryProvider>{page}</QueryProvider>;
}
