// Time conditions (时间条件) Dialboard keeps for its tasks: reused when one of ours already opens the same hours,
// created otherwise, and deleted when no task of the call centre names them any more, so they never pile up and
// exhaust the call centre's priorities (docs/providers/aliyun-vms.md §Time conditions).
import { createOnce } from "../create-once";
import type { ProviderContext } from "../types";
import { callAction, enterpriseId, type ActionParams } from "./client";
import { allTasks } from "./listing";
import type { TimeConditionRow } from "./mapping";
import { ZCreateEnterpriseTimeData, ZListEnterpriseTimeData, ZResultData, type TEnterpriseTime } from "./wire";

/** Conditions Dialboard made carry this prefix; only those are reused for a group and deleted when unused. */
export const CONDITION_PREFIX = "Dialboard ";

/**
 * An existing condition of ours that opens exactly the row's hours. Every row covers one day, where TimeType 1 and 2
 * read the same (docs/providers/aliyun-vms.md §Time conditions), so either TimeType matches.
 */
function matches(existing: TEnterpriseTime, row: TimeConditionRow): boolean {
  return (
    existing.Name.startsWith(CONDITION_PREFIX) &&
    Number(existing.Type) === row.Type &&
    existing.StartTime === row.StartTime &&
    existing.EndTime === row.EndTime &&
    (row.Type === 1 ? (existing.DayOfWeek ?? "") === row.DayOfWeek : existing.FromDay === row.FromDay && existing.ToDay === row.ToDay)
  );
}

function conditionName(row: TimeConditionRow): string {
  const when = row.Type === 1 ? `W${row.DayOfWeek}` : `D${row.FromDay}`;
  return `${CONDITION_PREFIX}${when} ${row.StartTime}-${row.EndTime}`;
}

export async function listConditions(ctx: ProviderContext): Promise<TEnterpriseTime[]> {
  const data = await callAction(ctx, "CloudListEnterpriseTime", { EnterpriseId: enterpriseId(ctx) }, ZListEnterpriseTimeData, { safe: true });
  return data.List ?? [];
}

/**
 * Ids of time conditions for the rows, reusing identical existing conditions (CloudListEnterpriseTime)
 * and creating the rest. Name and Priority must be unique per call centre (SDK model comments).
 */
export async function ensureTimeConditions(ctx: ProviderContext, rows: TimeConditionRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const existing = await listConditions(ctx);
  const ids: string[] = [];
  for (const row of rows) {
    const reuse = existing.find((c) => matches(c, row));
    if (reuse) {
      ids.push(reuse.Id);
      continue;
    }
    const names = new Set(existing.map((c) => c.Name));
    let name = conditionName(row);
    for (let n = 2; names.has(name); n++) name = `${conditionName(row)} #${n}`;
    const priority = existing.reduce((max, c) => Math.max(max, Number(c.Priority)), 0) + 1;
    const params: ActionParams = {
      EnterpriseId: enterpriseId(ctx),
      Name: name,
      Priority: priority,
      Type: row.Type,
      TimeType: 1,
      DayOfWeek: row.DayOfWeek,
      FromDay: row.FromDay,
      ToDay: row.ToDay,
      StartTime: row.StartTime,
      EndTime: row.EndTime,
    };
    // The name is unique in the call centre right now, so a condition bearing it after a lost answer is ours.
    const created = await createOnce({
      send: () => callAction(ctx, "CloudCreateEnterpriseTime", params, ZCreateEnterpriseTimeData, { safe: false }),
      findLanded: async () => (await listConditions(ctx)).find((c) => c.Name === name) ?? null,
    });
    existing.push(created);
    ids.push(created.Id);
  }
  return ids;
}

/**
 * Deletes the conditions Dialboard made that no task of the call centre names (TimeStrategy or AutoTriggerTimeStrategy)
 * with CloudDeleteEnterpriseTime. Best effort after a task write: a failure here never fails the write, and the next
 * write tries again. Nothing is deleted unless every task was read.
 */
export async function releaseUnusedConditions(ctx: ProviderContext): Promise<void> {
  try {
    const tasks = await allTasks(ctx);
    if (tasks === null) return;
    const used = new Set(
      tasks.flatMap((t) => [t.TimeStrategy, t.AutoTriggerTimeStrategy].flatMap((ids) => (ids ?? "").split(",").map((id) => id.trim()))),
    );
    for (const condition of await listConditions(ctx)) {
      if (!condition.Name.startsWith(CONDITION_PREFIX) || used.has(condition.Id)) continue;
      const params: ActionParams = { EnterpriseId: enterpriseId(ctx), Id: condition.Id };
      await callAction(ctx, "CloudDeleteEnterpriseTime", params, ZResultData, { safe: false });
    }
  } catch {
    // Left for the next write: an unused condition costs a priority, a failed task write would cost the manager's work.
  }
}
