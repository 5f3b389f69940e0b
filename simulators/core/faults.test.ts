import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FAULTS, FaultInjector, faultsFromEnv } from "./faults";
import { json, startSimServer, type SimRequest } from "./http";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(faults: FaultInjector, handle?: (req: SimRequest) => ReturnType<typeof json>, maxBodyBytes?: number) {
  const server = await startSimServer({
    kind: "nxcloud",
    port: 0,
    faults,
    maxBodyBytes,
    handle: handle ?? ((req) => json(200, { path: req.path, body: req.rawBody })),
    admin: { state: () => ({ tasks: 2 }) },
  });
  servers.push(server);
  return server;
}

describe("FaultInjector", () => {
  it("starts with no faults", () => {
    const faults = new FaultInjector();
    expect(faults.config).toEqual(DEFAULT_FAULTS);
    expect(Array.from({ length: 100 }, () => faults.draw()).every((d) => d === "ok")).toBe(true);
  });

  it("repeats the same decisions for the same seed", () => {
    const config = { errorRate: 0.2, rateLimitRate: 0.2, timeoutRate: 0.1, seed: 42 };
    const a = new FaultInjector(config);
    const b = new FaultInjector(config);
    const drawsA = Array.from({ length: 200 }, () => a.draw());
    expect(Array.from({ length: 200 }, () => b.draw())).toEqual(drawsA);
    a.reset();
    expect(Array.from({ length: 200 }, () => a.draw())).toEqual(drawsA);
    const counts = { ok: 0, error: 0, "rate-limit": 0, timeout: 0 };
    for (const d of drawsA) counts[d]++;
    expect(counts.error).toBeGreaterThan(20);
    expect(counts["rate-limit"]).toBeGreaterThan(20);
    expect(counts.timeout).toBeGreaterThan(5);
    expect(counts.ok).toBeGreaterThan(60);
  });

  it("reads SIM_<KIND>_FAULTS and ignores what it does not know", () => {
    const env = { SIM_ALIYUN_VMS_FAULTS: '{"errorRate":0.3,"latencyMs":50,"bogus":1,"rateLimitRate":7}' };
    expect(faultsFromEnv("aliyun-vms", env)).toEqual({ errorRate: 0.3, latencyMs: 50, rateLimitRate: 1 });
    expect(faultsFromEnv("nxcloud", env)).toEqual({});
  });
});

describe("startSimServer", () => {
  it("binds loopback and hands requests to the provider handler", async () => {
    const server = await start(new FaultInjector());
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`${server.url}/callcentre/api/v3/listTask?page=1`, { method: "POST", body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: "/callcentre/api/v3/listTask", body: '{"a":1}' });
  });

  it("answers 429 with Retry-After when rate limited", async () => {
    const server = await start(new FaultInjector({ rateLimitRate: 1, retryAfterSec: 7 }));
    const res = await fetch(`${server.url}/api`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("answers 500 or 503 with a plain body on injected errors", async () => {
    const server = await start(new FaultInjector({ errorRate: 1 }));
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/api`);
      statuses.add(res.status);
      expect(res.headers.get("content-type")).toContain("text/plain");
      await res.text();
    }
    expect([...statuses].sort()).toEqual([500, 503]);
  });

  it("holds a timed-out request until the server closes", async () => {
    const server = await start(new FaultInjector({ timeoutRate: 1 }));
    servers.pop();
    let settled = false;
    const pending = fetch(`${server.url}/api`).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    await server.close();
    await expect(pending).rejects.toThrow();
  });

  it("never applies faults to the admin endpoints", async () => {
    const server = await start(new FaultInjector({ errorRate: 1 }));
    expect((await fetch(`${server.url}/__sim/health`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/__sim/state`)).json()).toEqual({ tasks: 2 });
    const updated = await fetch(`${server.url}/__sim/faults`, { method: "POST", body: '{"errorRate":0,"latencyMs":5}' });
    expect(await updated.json()).toMatchObject({ errorRate: 0, latencyMs: 5 });
    expect((await fetch(`${server.url}/api`)).status).toBe(200);
    await fetch(`${server.url}/__sim/reset`, { method: "POST" });
    expect(await (await fetch(`${server.url}/__sim/faults`)).json()).toMatchObject({ errorRate: 1, latencyMs: 0 });
    expect((await fetch(`${server.url}/__sim/nope`)).status).toBe(404);
  });

  it("decodes gzip request bodies", async () => {
    const server = await start(new FaultInjector());
    const body = JSON.stringify({ taskName: "双十一回访" });
    const res = await fetch(`${server.url}/api`, {
      method: "POST",
      headers: { "content-encoding": "gzip" },
      body: gzipSync(Buffer.from(body)),
    });
    expect((await res.json()).body).toBe(body);
  });

  it("refuses a body over the limit with 413", async () => {
    const server = await start(new FaultInjector(), undefined, 100);
    const res = await fetch(`${server.url}/api`, { method: "POST", body: "x".repeat(200) });
    expect(res.status).toBe(413);
  });

  it("turns a handler failure into 500", async () => {
    const server = await start(new FaultInjector(), () => {
      throw new Error("boom");
    });
    const res = await fetch(`${server.url}/api`);
    expect(res.status).toBe(500);
  });
});
