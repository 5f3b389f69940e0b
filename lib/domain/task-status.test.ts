import { describe, expect, it } from "vitest";
import { canPerform, nextStatusWins, type AllowedIn } from "./task-status";
import { TASK_STATUSES } from "./task";

// Shaped like a provider's capabilities.allowedIn (e.g. NXCloud updateTask only when paused or not started).
const allowedIn: AllowedIn = {
  create: ["draft"],
  update: ["draft", "pending", "paused"],
  start: ["pending", "paused"],
  pause: ["running"],
  complete: ["running", "paused"],
  delete: ["pending", "completed", "failed"],
  addContacts: ["pending", "paused"],
};

const at = (iso: string) => new Date(iso);

describe("canPerform", () => {
  it("follows the provider's table", () => {
    expect(canPerform("pause", "running", allowedIn)).toBe(true);
    expect(canPerform("start", "running", allowedIn)).toBe(false);
    expect(canPerform("update", "running", allowedIn)).toBe(false);
    expect(canPerform("delete", "completed", allowedIn)).toBe(true);
  });

  it("allows nothing on a deleted task, whatever the table says", () => {
    const permissive: AllowedIn = { ...allowedIn, start: [...TASK_STATUSES], delete: [...TASK_STATUSES] };
    expect(canPerform("start", "deleted", permissive)).toBe(false);
    expect(canPerform("delete", "deleted", permissive)).toBe(false);
  });
});

describe("nextStatusWins", () => {
  it("a newer status replaces an older one", () => {
    expect(
      nextStatusWins({ status: "running", at: at("2026-03-02T09:00:00Z") }, { status: "paused", at: at("2026-03-02T09:05:00Z") }),
    ).toBe(true);
  });

  it("an older status never overwrites a newer one, even if it ranks higher", () => {
    expect(
      nextStatusWins(
        { status: "running", at: at("2026-03-02T09:05:00Z") },
        { status: "completed", at: at("2026-03-02T09:00:00Z") },
      ),
    ).toBe(false);
    // A late "running" webhook must not undo a pause.
    expect(
      nextStatusWins({ status: "paused", at: at("2026-03-02T09:05:00Z") }, { status: "running", at: at("2026-03-02T09:04:59Z") }),
    ).toBe(false);
  });

  it("at the same time the status further along wins", () => {
    const same = at("2026-03-02T09:00:00Z");
    expect(nextStatusWins({ status: "running", at: same }, { status: "completed", at: same })).toBe(true);
    expect(nextStatusWins({ status: "completed", at: same }, { status: "running", at: same })).toBe(false);
    expect(nextStatusWins({ status: "pending", at: same }, { status: "running", at: same })).toBe(true);
    // Same rank (running and paused) at the same time: keep what we have.
    expect(nextStatusWins({ status: "running", at: same }, { status: "paused", at: same })).toBe(false);
  });

  it("deleted is terminal", () => {
    expect(
      nextStatusWins({ status: "deleted", at: at("2026-03-02T09:00:00Z") }, { status: "running", at: at("2026-03-03T09:00:00Z") }),
    ).toBe(false);
    expect(
      nextStatusWins({ status: "running", at: at("2026-03-03T09:00:00Z") }, { status: "deleted", at: at("2026-03-02T09:00:00Z") }),
    ).toBe(true);
  });
});
