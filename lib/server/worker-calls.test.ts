import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { workerCalls } from "./worker-calls";

// Answers { id, echo } to every message, out of order when asked to; exits when told to.
const ECHO = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (m) => {
  if (m.exit) process.exit(3);
  setTimeout(() => parentPort.postMessage({ id: m.id, echo: m.value }), m.later ? 50 : 0);
});
`;

let worker: Worker | undefined;
afterEach(async () => {
  await worker?.terminate();
});

describe("workerCalls", () => {
  it("gives each call its own answer, whatever order they come back in", async () => {
    worker = new Worker(ECHO, { eval: true });
    const ask = workerCalls<{ id: number; echo: string }>(worker, "echo");
    const [a, b] = await Promise.all([ask({ value: "first", later: true }), ask({ value: "second" })]);
    expect([a.echo, b.echo]).toEqual(["first", "second"]);
  });

  it("refuses the calls waiting and every later one once the worker is gone, naming it", async () => {
    worker = new Worker(ECHO, { eval: true });
    const ask = workerCalls<{ id: number; echo: string }>(worker, "echo worker");
    const waiting = ask({ value: "never", later: true });
    void ask({ exit: true }).catch(() => undefined);
    await expect(waiting).rejects.toThrow("echo worker stopped");
    await expect(ask({ value: "after" })).rejects.toThrow("echo worker stopped");
  });
});
