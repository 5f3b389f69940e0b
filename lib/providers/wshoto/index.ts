// The WShoto adapter: follow-up and super mass-send tasks, mirrored read-only (providers.md §4).
import { statsFromWshotoExecution } from "../../domain/stats";
import type { TaskStats } from "../../domain/stats-types";
import { ProviderError } from "../errors";
import type { Page, ProviderAdapter, ProviderContext, RemoteTask } from "../types";
import { wshotoCapabilities } from "./capabilities";
import { queryExecutionPage, queryMassTaskDetail, queryTaskDetail, queryTaskPage } from "./client";
import {
  employeeExecutionFromWshoto,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  remoteTaskFromWshoto,
  type EmployeeExecution,
} from "./mapping";
import { LIST_WINDOW_MAX_SECONDS, PAGE_SIZE_MAX, wshotoLong, type TExecutionRecord } from "./wire";

const SUPER_MASS_SEND = 3;
// The 2.0 create API allows at most 10 000 staff + targets per task (providers.md §4), so a task
// has fewer than 10 000 employees: 100 pages of 100 is the most a task can need.
const MAX_EXECUTION_PAGES = 100;

/** A remote id as the bare `long` WShoto expects; anything but digits is refused before sending. */
function longId(remoteId: string) {
  try {
    return wshotoLong(remoteId);
  } catch {
    throw new ProviderError({
      provider: "wshoto",
      code: "INVALID_ID",
      providerMessage: `not a WShoto id: ${remoteId}`,
      userMessage: { en: "This is not a WShoto task id.", zh: "这不是微盛任务 ID。" },
    });
  }
}

// The list takes start_time/end_time at most 90 days apart (providers.md §4), so Dialboard lists
// the 90 days up to now. The cursor keeps the window of the first page, so later pages do not
// shift with the clock: "<current_index>:<start_time>:<end_time>" (Unix seconds).
interface ListCursor {
  index: number;
  start: number;
  end: number;
}

function firstPage(ctx: ProviderContext): ListCursor {
  const end = Math.floor((ctx.now ? ctx.now() : new Date()).getTime() / 1000);
  return { index: 1, start: end - LIST_WINDOW_MAX_SECONDS, end };
}

function readCursor(cursor: string): ListCursor {
  const match = /^(\d+):(\d+):(\d+)$/.exec(cursor);
  if (!match) {
    throw new ProviderError({
      provider: "wshoto",
      code: "BAD_CURSOR",
      providerMessage: `unreadable list cursor: ${cursor}`,
      userMessage: { en: "The task list position was lost; sync again.", zh: "任务列表分页位置无效，请重新同步。" },
    });
  }
  return { index: Number(match[1]), start: Number(match[2]), end: Number(match[3]) };
}

async function listTasks(ctx: ProviderContext, cursor: string | null): Promise<Page<RemoteTask>> {
  const at = cursor === null ? firstPage(ctx) : readCursor(cursor);
  const page = await queryTaskPage(ctx, {
    start_time: at.start,
    end_time: at.end,
    current_index: at.index,
    page_size: PAGE_SIZE_MAX,
  });
  const items = page.records.map(({ record, raw }) => remoteTaskFromWshoto(record, raw, null));
  const more =
    page.records.length > 0 && (page.total === null ? page.records.length === PAGE_SIZE_MAX : at.index * PAGE_SIZE_MAX < page.total);
  return { items, nextCursor: more ? `${at.index + 1}:${at.start}:${at.end}` : null, total: page.total };
}

async function executionRecords(ctx: ProviderContext, templateId: string): Promise<TExecutionRecord[]> {
  const template_id = longId(templateId);
  const records: TExecutionRecord[] = [];
  for (let index = 1; index <= MAX_EXECUTION_PAGES; index++) {
    const page = await queryExecutionPage(ctx, { template_id, current_index: index, page_size: PAGE_SIZE_MAX });
    records.push(...page.records);
    const done = page.total === null ? page.records.length < PAGE_SIZE_MAX : records.length >= page.total;
    if (done || page.records.length === 0) break;
  }
  return records;
}

/** Every employee's execution of a task (获取员工执行情况列表), for the task page. */
export async function listEmployeeExecution(ctx: ProviderContext, templateId: string): Promise<EmployeeExecution[]> {
  return (await executionRecords(ctx, templateId)).map(employeeExecutionFromWshoto);
}

async function getStats(ctx: ProviderContext, remoteId: string): Promise<TaskStats> {
  return statsFromWshotoExecution(await executionRecords(ctx, remoteId));
}

async function getTask(ctx: ProviderContext, remoteId: string): Promise<RemoteTask> {
  const detail = await queryTaskDetail(ctx, { template_id: longId(remoteId) });
  const stats = await getStats(ctx, detail.record.template_id);
  let raw = detail.raw;
  if (detail.record.template_type === SUPER_MASS_SEND) {
    // INFERENCE: a super mass-send task's 群发 detail is keyed by the same id (task_id = template_id).
    const massSend = await queryMassTaskDetail(ctx, { task_id: longId(detail.record.template_id) });
    raw = { ...(detail.raw as Record<string, unknown>), mass_send_detail: massSend };
  }
  return remoteTaskFromWshoto(detail.record, raw, stats);
}

async function ping(ctx: ProviderContext): Promise<void> {
  // A one-record list: proves the credentials give a token and the token is accepted.
  await queryTaskPage(ctx, { current_index: 1, page_size: 1 });
}

export const wshotoAdapter: ProviderAdapter = {
  kind: "wshoto",
  capabilities: wshotoCapabilities,
  ping,
  listTasks,
  getTask,
  getStats,
  encodeCallTimeGroup,
  encodeRetryStrategy,
  // providers.md §4 documents no webhook for WShoto tasks: the mirror is kept by listing.
  verifyWebhook: () => false,
  parseWebhook: () => {
    throw new ProviderError({
      provider: "wshoto",
      code: "NO_WEBHOOKS",
      providerMessage: "WShoto sends no task webhooks",
      userMessage: { en: "WShoto does not send task webhooks.", zh: "微盛不推送任务回调。" },
    });
  },
};
