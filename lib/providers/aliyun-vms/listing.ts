// CloudQueryTask paging: the action needs a Type, answers no total (SDK model), and takes at most 100 a page.
import type { ProviderContext } from "../types";
import { callAction, enterpriseId, type ActionParams } from "./client";
import { ZQueryTaskData, type TTaskProperty } from "./wire";

export const PAGE_SIZE = 100;
export const TASK_TYPES = ["1", "2"] as const;
/** Pages read per type when every task must be seen: 100 tasks are allowed per call centre (seed 001), so 20 pages is ample. */
const MAX_PAGES_PER_TYPE = 20;

export async function queryPage(ctx: ProviderContext, type: string, start: number, extra: ActionParams = {}): Promise<TTaskProperty[]> {
  const data = await callAction(
    ctx,
    "CloudQueryTask",
    { EnterpriseId: enterpriseId(ctx), Type: type, Start: start, Limit: PAGE_SIZE, ...extra },
    ZQueryTaskData,
    { safe: true },
  );
  return data.TaskProperties ?? [];
}

/** Cursor "type:offset"; CloudQueryTask needs a Type, so type 1 is listed to its end, then type 2. */
export function parseCursor(cursor: string | null): { typeIndex: number; start: number } {
  if (!cursor) return { typeIndex: 0, start: 0 };
  const [type, start] = cursor.split(":");
  const typeIndex = TASK_TYPES.indexOf(type as (typeof TASK_TYPES)[number]);
  const offset = Number(start);
  if (typeIndex < 0 || !Number.isInteger(offset) || offset < 0) throw new RangeError(`invalid aliyun-vms cursor: ${cursor}`);
  return { typeIndex, start: offset };
}

/** Every task of the call centre, both types; null when there are more than the bounded pages (never a partial answer). */
export async function allTasks(ctx: ProviderContext): Promise<TTaskProperty[] | null> {
  const all: TTaskProperty[] = [];
  for (const type of TASK_TYPES) {
    for (let page = 0; ; page++) {
      if (page === MAX_PAGES_PER_TYPE) return null;
      const rows = await queryPage(ctx, type, page * PAGE_SIZE);
      all.push(...rows);
      if (rows.length < PAGE_SIZE) break;
    }
  }
  return all;
}
