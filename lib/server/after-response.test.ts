import { describe, expect, it } from "vitest";
import { AfterResponse } from "./after-response";

describe("AfterResponse", () => {
  it("outside a request starts the work at once; flush waits for it, failures included", async () => {
    const work = new AfterResponse("test work");
    const done: string[] = [];
    work.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push("slow");
    });
    work.run(async () => {
      throw new Error("logged, not thrown");
    });
    expect(done).toEqual([]);
    await work.flush();
    expect(done).toEqual(["slow"]);
  });

  it("tracks work already started and hands it back unchanged; each kind flushes only its own", async () => {
    const mine = new AfterResponse("mine");
    const other = new AfterResponse("other");
    let release!: () => void;
    other.track(new Promise<void>((resolve) => (release = resolve)));
    const result = mine.track(Promise.resolve(42));
    expect(await result).toBe(42);
    await mine.flush();
    release();
    await other.flush();
  });
});
