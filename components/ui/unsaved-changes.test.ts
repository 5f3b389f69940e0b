import { describe, expect, it } from "vitest";
import { guardedHref } from "./unsaved-changes";

const here = "http://localhost:3000/time-groups/g1?tab=week";
const click = { button: 0, modified: false, defaultPrevented: false };

describe("guardedHref: which clicks an unsaved form holds", () => {
  it("holds a plain click on a link to another page of the console", () => {
    expect(guardedHref({ href: "/time-groups" }, click, here)).toBe("/time-groups");
    expect(guardedHref({ href: "http://localhost:3000/tasks?page=2#top" }, click, here)).toBe("/tasks?page=2#top");
  });

  it("lets through what does not leave the page or opens elsewhere", () => {
    expect(guardedHref({ href: "/time-groups/g1?tab=week#preview" }, click, here)).toBeNull();
    expect(guardedHref({ href: "https://docs.example.com/" }, click, here)).toBeNull();
    expect(guardedHref({ href: "/tasks", target: "_blank" }, click, here)).toBeNull();
    expect(guardedHref({ href: "/api/tasks/t1/export", download: true }, click, here)).toBeNull();
  });

  it("lets through a modified or non-primary click and one another handler already took", () => {
    expect(guardedHref({ href: "/tasks" }, { ...click, modified: true }, here)).toBeNull();
    expect(guardedHref({ href: "/tasks" }, { ...click, button: 1 }, here)).toBeNull();
    expect(guardedHref({ href: "/tasks" }, { ...click, defaultPrevented: true }, here)).toBeNull();
  });
});
