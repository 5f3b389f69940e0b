import { describe, expect, it } from "vitest";
import { sortHref, taskListHref } from "./list-url";

const base = { page: 3, pageSize: 25, sort: "updatedAt", dir: "desc" as const, provider: "nxcloud" };

describe("task list URLs", () => {
  it("keeps filters, drops defaults, and goes back to page 1 when a filter changes", () => {
    expect(taskListHref(base)).toBe("/tasks?page=3&provider=nxcloud");
    expect(taskListHref(base, { status: "running" })).toBe("/tasks?provider=nxcloud&status=running");
    expect(taskListHref(base, { page: 4 })).toBe("/tasks?page=4&provider=nxcloud");
    expect(taskListHref({ ...base, search: "双十一 100%" }, { page: 2 })).toBe("/tasks?page=2&provider=nxcloud&search=%E5%8F%8C%E5%8D%81%E4%B8%80+100%25");
  });

  it("sorts a new column in its natural direction and flips the current one", () => {
    expect(sortHref(base, "name")).toBe("/tasks?sort=name&dir=asc&provider=nxcloud");
    expect(sortHref(base, "answerRate")).toBe("/tasks?sort=answerRate&provider=nxcloud");
    expect(sortHref(base, "updatedAt")).toBe("/tasks?dir=asc&provider=nxcloud");
  });
});
