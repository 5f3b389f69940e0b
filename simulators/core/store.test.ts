import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { JsonStore } from "./store";

interface State {
  tasks: { id: string; name: string }[];
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tmpFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sim-store-"));
  dirs.push(dir);
  return path.join(dir, "nested", "nxcloud.json");
}

describe("JsonStore", () => {
  it("keeps state across instances", () => {
    const file = tmpFile();
    const first = new JsonStore<State>(file, () => ({ tasks: [] }));
    first.state.tasks.push({ id: "t1", name: "双十一回访" });
    first.saveNow();

    const second = new JsonStore<State>(file, () => ({ tasks: [] }));
    expect(second.state.tasks).toEqual([{ id: "t1", name: "双十一回访" }]);
    expect(readdirSync(path.dirname(file))).toEqual(["nxcloud.json"]);
  });

  it("writes a debounced save eventually, and reset empties the file", async () => {
    const file = tmpFile();
    const store = new JsonStore<State>(file, () => ({ tasks: [] }));
    store.state.tasks.push({ id: "t1", name: "Renewal reminder Q4" });
    store.save();
    store.save();
    await expect.poll(() => new JsonStore<State>(file, () => ({ tasks: [] })).state.tasks.length).toBe(1);

    store.reset();
    expect(new JsonStore<State>(file, () => ({ tasks: [] })).state.tasks).toEqual([]);
  });

  it("works in memory without a file", () => {
    const store = new JsonStore<State>(undefined, () => ({ tasks: [] }));
    store.state.tasks.push({ id: "t1", name: "x" });
    store.saveNow();
    store.reset();
    expect(store.state.tasks).toEqual([]);
  });
});
