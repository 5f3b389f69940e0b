// WShoto's task list, every task of the account (docs/providers/wshoto.md §7). The list filters on
// start_time/end_time "both or neither", at most 90 days apart. Asking for the last 90 days only loses every
// older task, and the mirror then marks them gone; asking without a window relies on what an unfiltered list
// returns, which the document does not say. So the listing walks 90-day windows back from the moment it
// started, and asks once without a window for the account's total to know when it has seen everything:
// - that total counts more tasks than the newest window holds: it covers older windows, and the walk stops
//   once the windows have counted as many tasks;
// - otherwise it cannot tell an account with no older tasks from a list that (undocumented) only counts
//   recent ones, and the walk stops after EMPTY_WINDOWS_TO_STOP empty windows in a row.
// MAX_WINDOWS bounds the walk in every case.
import { ProviderError } from "../errors";
import type { Page, ProviderContext, RemoteTask } from "../types";
import { queryTaskPage } from "./client";
import { remoteTaskFromWshoto } from "./mapping";
import { wshotoText } from "./text";
import { LIST_WINDOW_MAX_SECONDS, PAGE_SIZE_MAX } from "./wire";

/** 40 windows of 90 days: about ten years of tasks. */
export const MAX_WINDOWS = 40;
/** About a year without a task ends a walk that has no total to go by. */
export const EMPTY_WINDOWS_TO_STOP = 4;

interface ListCursor {
  /** Unix seconds: the end of window 0, fixed for the whole listing so later pages do not shift. */
  anchor: number;
  window: number;
  /** current_index within the window, from 1. */
  index: number;
  /** Tasks counted in the windows already walked. */
  counted: number;
  /** The unwindowed list's total (null when it gave none). */
  total: number | null;
  /** Whether that total reaches past window 0; null until window 0 has been walked. */
  trusted: boolean | null;
  /** Empty windows in a row, the last one included. */
  emptyRun: number;
}

/** Window w covers [anchor − (w+1)·90 days + 1 s, anchor − w·90 days]: no gap, no overlap, < 90 days each. */
export function windowBounds(anchor: number, window: number): { start: number; end: number } {
  const end = anchor - window * LIST_WINDOW_MAX_SECONDS;
  return { start: end - LIST_WINDOW_MAX_SECONDS + 1, end };
}

const CURSOR = /^w1\.(\d+)\.(\d+)\.(\d+)\.(\d+)\.(\d+|-)\.([tu?])\.(\d+)$/;

function writeCursor(c: ListCursor): string {
  const trusted = c.trusted === null ? "?" : c.trusted ? "t" : "u";
  return `w1.${c.anchor}.${c.window}.${c.index}.${c.counted}.${c.total ?? "-"}.${trusted}.${c.emptyRun}`;
}

function readCursor(cursor: string): ListCursor {
  const m = CURSOR.exec(cursor);
  if (!m) {
    throw new ProviderError({
      provider: "wshoto",
      code: "BAD_CURSOR",
      providerMessage: `unreadable list cursor: ${cursor.slice(0, 100)}`,
      userMessage: wshotoText("error.badCursor"),
    });
  }
  return {
    anchor: Number(m[1]),
    window: Number(m[2]),
    index: Number(m[3]),
    counted: Number(m[4]),
    total: m[5] === "-" ? null : Number(m[5]),
    trusted: m[6] === "?" ? null : m[6] === "t",
    emptyRun: Number(m[7]),
  };
}

async function firstCursor(ctx: ProviderContext): Promise<ListCursor> {
  const anchor = Math.floor((ctx.now ? ctx.now() : new Date()).getTime() / 1000);
  // Neither start_time nor end_time: the form the document allows; one record is enough to read the total.
  const { total } = await queryTaskPage(ctx, { current_index: 1, page_size: 1 });
  return { anchor, window: 0, index: 1, counted: 0, total, trusted: null, emptyRun: 0 };
}

/** Where to go once a window has been read to its end, or null when the listing is complete. */
function afterWindow(at: ListCursor, inWindow: number): ListCursor | null {
  const counted = at.counted + inWindow;
  const trusted = at.trusted ?? (at.total !== null && at.total > inWindow);
  const emptyRun = inWindow === 0 ? at.emptyRun + 1 : 0;
  if (trusted && at.total !== null && counted >= at.total) return null;
  if (!trusted && emptyRun >= EMPTY_WINDOWS_TO_STOP) return null;
  if (at.window + 1 >= MAX_WINDOWS) return null;
  return { ...at, window: at.window + 1, index: 1, counted, trusted, emptyRun };
}

/** One page of the listing. The cursor is opaque: "w1.<anchor>.<window>.<index>.<counted>.<total>.<t|u|?>.<empty>". */
export async function listTaskWindows(ctx: ProviderContext, cursor: string | null): Promise<Page<RemoteTask>> {
  const at = cursor === null ? await firstCursor(ctx) : readCursor(cursor);
  const { start, end } = windowBounds(at.anchor, at.window);
  const page = await queryTaskPage(ctx, { start_time: start, end_time: end, current_index: at.index, page_size: PAGE_SIZE_MAX });
  const items = page.records.map(({ record, raw }) => remoteTaskFromWshoto(record, raw, null));
  const moreInWindow =
    page.records.length > 0 && (page.total === null ? page.records.length === PAGE_SIZE_MAX : at.index * PAGE_SIZE_MAX < page.total);
  const inWindow = page.total ?? (at.index - 1) * PAGE_SIZE_MAX + page.records.length;
  const next = moreInWindow ? { ...at, index: at.index + 1 } : afterWindow(at, inWindow);
  return { items, nextCursor: next && writeCursor(next), total: at.total };
}
