// The WShoto adapter: follow-up and super mass-send tasks, mirrored read-only (docs/providers/wshoto.md).
import { statsFromWshotoExecution } from "../../domain/stats";
import type { TaskStats } from "../../domain/stats-types";
import { ProviderError } from "../errors";
import type { EmployeeExecution, ProviderAdapter, ProviderContext, RemoteTask } from "../types";
import { wshotoCapabilities } from "./capabilities";
import { queryExecutionPage, queryMassTaskDetail, queryTaskDetail, queryTaskPage } from "./client";
import { followUpDetailFrom } from "./follow-up";
import { listTaskWindows } from "./listing";
import { employeeExecutionFromWshoto, encodeCallTimeGroup, encodeRetryStrategy, remoteTaskFromWshoto } from "./mapping";
import { wshotoText } from "./text";
import { PAGE_SIZE_MAX, wshotoLong, type TExecutionRecord } from "./wire";
import { describeRetrySpacing } from "./retry-spacing";

const SUPER_MASS_SEND = 3;
// The 2.0 create API allows at most 10 000 staff + targets per task (docs/providers/wshoto.md §3), so a
// task has fewer than 10 000 employees: 100 pages of 100 is the most a task can need.
const MAX_EXECUTION_PAGES = 100;

/** A remote id as the bare `long` WShoto expects; anything but digits is refused before sending. */
function longId(remoteId: string) {
  try {
    return wshotoLong(remoteId);
  } catch {
    throw new ProviderError({
      provider: "wshoto",
      code: "INVALID_ID",
      providerMessage: `not a WShoto id: ${remoteId.slice(0, 40)}`,
      userMessage: wshotoText("error.invalidId"),
    });
  }
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

/**
 * The 群发 detail of a super mass-send task, best effort (docs/providers/wshoto.md §8): it only adds to the
 * raw record, so a refusal (a task whose mass send was never created, an undocumented code, an answer we
 * cannot read) leaves the task as its detail describes it instead of failing the read.
 */
async function massSendDetail(ctx: ProviderContext, templateId: string): Promise<unknown> {
  try {
    // INFERENCE (docs/providers/wshoto.md §8): the 群发 detail is keyed by the same id (task_id = template_id).
    return await queryMassTaskDetail(ctx, { task_id: longId(templateId) });
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    ctx.log?.("warn", "wshoto mass-send detail unavailable", { templateId, code: e.code });
    return null;
  }
}

async function getTask(ctx: ProviderContext, remoteId: string): Promise<RemoteTask> {
  const detail = await queryTaskDetail(ctx, { template_id: longId(remoteId) });
  const stats = await getStats(ctx, detail.record.template_id);
  let raw = detail.raw;
  if (detail.record.template_type === SUPER_MASS_SEND) {
    const massSend = await massSendDetail(ctx, detail.record.template_id);
    if (massSend !== null) raw = { ...(detail.raw as Record<string, unknown>), mass_send_detail: massSend };
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
  listTasks: listTaskWindows,
  getTask,
  getStats,
  async getFollowUpDetail(ctx, remoteId) {
    const [task, execution] = await Promise.all([getTask(ctx, remoteId), listEmployeeExecution(ctx, remoteId)]);
    return followUpDetailFrom(task, execution);
  },
  encodeCallTimeGroup,
  encodeRetryStrategy,
  describeRetrySpacing,
  // docs/providers/wshoto.md §6: no webhook is documented for WShoto tasks; the mirror is kept by listing.
  verifyWebhook: () => false,
  parseWebhook: () => {
    throw new ProviderError({
      provider: "wshoto",
      code: "NO_WEBHOOKS",
      providerMessage: "WShoto sends no task webhooks",
      userMessage: wshotoText("error.noWebhooks"),
    });
  },
};
