import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { FaultInjector } from "./faults";
import { WebhookSender } from "./webhooks";

interface Receiver {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** A webhook endpoint that answers `statusFor(n)` to its n-th request (0-based). */
async function receiver(statusFor: (n: number) => number): Promise<Receiver> {
  const bodies: string[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(statusFor(n++)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const r: Receiver = {
    url: `http://127.0.0.1:${port}/api/webhooks/nxcloud/acc1`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  receivers.push(r);
  return r;
}

const quiet = () => undefined;

describe("WebhookSender", () => {
  it("retries until the receiver answers 2xx", async () => {
    const r = await receiver((n) => (n < 2 ? 503 : 200));
    const sender = new WebhookSender({ faults: new FaultInjector(), backoffMs: 5, log: quiet });
    sender.send({ url: r.url, body: '{"taskID":"1"}' });
    await sender.flush();
    expect(r.bodies).toEqual(['{"taskID":"1"}', '{"taskID":"1"}', '{"taskID":"1"}']);
    expect(sender.delivered).toBe(1);
    expect(sender.failed).toBe(0);
  });

  it("gives up after the last retry", async () => {
    const r = await receiver(() => 500);
    const messages: string[] = [];
    const sender = new WebhookSender({ faults: new FaultInjector(), retries: 2, backoffMs: 5, log: (m) => messages.push(m) });
    sender.send({ url: `${r.url}?token=secret`, body: "{}" });
    await sender.flush();
    expect(r.bodies).toHaveLength(3);
    expect(sender.failed).toBe(1);
    expect(messages.join("\n")).not.toContain("secret");
  });

  it("retries when the receiver is unreachable", async () => {
    const r = await receiver(() => 200);
    await r.close();
    const sender = new WebhookSender({ faults: new FaultInjector(), retries: 1, backoffMs: 5, log: quiet });
    sender.send({ url: r.url, body: "{}" });
    await sender.flush();
    expect(sender.failed).toBe(1);
  });

  it("duplicates deliveries at webhookDuplicateRate", async () => {
    const r = await receiver(() => 200);
    const sender = new WebhookSender({ faults: new FaultInjector({ webhookDuplicateRate: 1 }), log: quiet });
    sender.send({ url: r.url, body: "a" });
    sender.send({ url: r.url, body: "b" });
    await sender.flush();
    expect([...r.bodies].sort()).toEqual(["a", "a", "b", "b"]);
    expect(sender.delivered).toBe(4);
  });

  it("keeps the order unless reordering is on, then shuffles repeatably", async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => String(i));
    const inOrder = await receiver(() => 200);
    const plain = new WebhookSender({ faults: new FaultInjector(), log: quiet });
    for (const body of bodies) plain.send({ url: inOrder.url, body });
    await plain.flush();
    expect(inOrder.bodies).toEqual(bodies);

    const runShuffled = async () => {
      const r = await receiver(() => 200);
      const sender = new WebhookSender({ faults: new FaultInjector({ webhookReorder: true, seed: 7 }), log: quiet });
      for (const body of bodies) sender.send({ url: r.url, body });
      await sender.flush();
      return r.bodies;
    };
    const first = await runShuffled();
    expect(first).not.toEqual(bodies);
    expect([...first].sort()).toEqual([...bodies].sort());
    expect(await runShuffled()).toEqual(first);
  });

  it("flush resolves at once when idle, and stop drops pending retries", async () => {
    const r = await receiver(() => 500);
    const sender = new WebhookSender({ faults: new FaultInjector(), backoffMs: 60_000, log: quiet });
    await sender.flush();
    sender.send({ url: r.url, body: "{}" });
    await expect.poll(() => r.bodies.length).toBe(1);
    sender.stop();
    await sender.flush();
    sender.send({ url: r.url, body: "{}" });
    await sender.flush();
    expect(r.bodies).toHaveLength(1);
  });
});
