// Seed 000's create/delete callback example as a fixture (docs/providers/yunfu.md §11): the simulator's
// callback has its shape. (The client reading it: lib/providers/yunfu/callback.test.ts; through the real
// webhook route: lib/server/mirror/webhooks.yunfu-seed.db.test.ts.)
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yunfuAdapter } from "../../lib/providers/yunfu";
import { readSeedExample, stripJsonComments } from "../core/fixtures";
import { draft, startYunfu } from "./test-support";

const EXAMPLE = JSON.parse(stripJsonComments(readSeedExample(path.join(import.meta.dirname, "fixtures", "seed-000-task-callback.jsonc")))) as unknown;

/** "a.b[].c:type" for every leaf (array items merged; null leaves typed "null"). */
function shape(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => shape(item, `${prefix}[]`)))];
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
  return [`${prefix}:${value === null ? "null" : typeof value}`];
}
const names = (leaves: string[]) => [...new Set(leaves.map((l) => l.split(":")[0]))].sort();
const typed = (leaves: string[]) => leaves.filter((l) => !l.endsWith(":null")).sort();

let receiver: Server;
let url: string;
const bodies: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const addr = receiver.address();
  if (addr === null || typeof addr === "string") throw new Error("no receiver address");
  url = `http://127.0.0.1:${addr.port}/api/webhooks/yunfu/acc1`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe("seed 000 task callback example", () => {
  it("the simulator's create and delete callbacks have its fields, with its JSON types where both have values", async () => {
    const { sim, ctx } = await startYunfu({ webhookUrl: url });
    try {
      const task = await yunfuAdapter.createTask!(ctx, draft("回调形状"));
      await yunfuAdapter.deleteTask!(ctx, task.remoteId);
      await sim.flushWebhooks();
    } finally {
      await sim.stop();
    }
    expect(bodies).toHaveLength(2);
    const example = shape(EXAMPLE);
    for (const body of bodies) {
      const answer = shape(JSON.parse(body));
      expect(names(answer)).toEqual(names(example));
      // Leaves that are null on one side (remark, caller_line_id…) are compared by name only.
      const both = new Set(names(typed(answer)).filter((n) => names(typed(example)).includes(n)));
      expect(typed(answer).filter((l) => both.has(l.split(":")[0]))).toEqual(typed(example).filter((l) => both.has(l.split(":")[0])));
    }
    expect(bodies.map((b) => (JSON.parse(b) as { type: number }).type)).toEqual([1, 2]);
  });
});
