// The task list's state lives in the URL (issue 5: filters, sort and page kept in the URL), so a view
// can be bookmarked, shared and reloaded. One place builds those URLs for the server page and the table.

export interface TaskListUrlState {
  page: number;
  pageSize: number;
  sort: string;
  dir: "asc" | "desc";
  provider?: string;
  accountId?: string;
  status?: string;
  search?: string;
  kind?: string;
}

const DEFAULTS = { page: 1, pageSize: 25, sort: "updatedAt", dir: "desc" } as const;

/** /tasks?… with only what differs from the defaults; a filter or sort change goes back to page 1. */
export function taskListHref(state: TaskListUrlState, change: Partial<TaskListUrlState> = {}): string {
  const resetsPage = Object.keys(change).some((k) => k !== "page");
  const next = { ...state, ...change, ...(resetsPage && change.page === undefined ? { page: 1 } : {}) };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === "" || DEFAULTS[key as keyof typeof DEFAULTS] === value) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/tasks?${qs}` : "/tasks";
}

/** Clicking a column's header: first descending for numbers and times, ascending for text; again flips it. */
export function sortHref(state: TaskListUrlState, sort: string): string {
  if (state.sort === sort) return taskListHref(state, { sort, dir: state.dir === "asc" ? "desc" : "asc" });
  return taskListHref(state, { sort, dir: sort === "name" || sort === "status" ? "asc" : "desc" });
}
