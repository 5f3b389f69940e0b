import { describe, expect, it } from "vitest";
import { nxcloudCapabilities as caps } from "./capabilities";

describe("nxcloudCapabilities", () => {
  it("has no delete and completes instead; updates only pending or paused tasks", () => {
    expect(caps.operations.delete).toBe(false);
    expect(caps.operations.complete).toBe(true);
    expect(caps.allowedIn.update).toEqual(["pending", "paused"]);
    expect(caps.allowedIn.pause).toEqual(["running"]);
    expect(caps.allowedIn.delete).toEqual([]);
  });

  it("a scheduled start needs a time", () => {
    expect(caps.validateParams("callbot", { startupType: "2" }).map((i) => i.key)).toEqual(["startupAt"]);
    expect(caps.validateParams("callbot", { startupType: "2", startupAt: "2026-03-02T09:00:00+08:00" })).toEqual([]);
    expect(caps.validateParams("callbot", { startupType: "1" })).toEqual([]);
  });

  it("agent transfer needs its group and rate", () => {
    expect(caps.validateParams("callbot", { dispatchType: "1" }).map((i) => i.key)).toEqual(["agentGroup", "ratioCallRate"]);
    expect(caps.validateParams("callbot", { dispatchType: "3", agentGroup: "g1" }).map((i) => i.key)).toEqual(["predictCallRate"]);
    expect(caps.validateParams("callbot", { dispatchType: "3", agentGroup: "g1", predictCallRate: 1.5 })).toEqual([]);
  });

  it("declares every documented createTask setting with bilingual labels", () => {
    const keys = caps.params.map((p) => p.key);
    for (const k of ["strategyName", "startupType", "startupAt", "maxCall", "maxRingTime", "routeID", "sceneID", "taskKeep", "wholeTTS", "phoneEncrypt", "dispatchType", "ratioCallRate", "predictCallRate"]) {
      expect(keys).toContain(k);
    }
    for (const p of caps.params) expect(p.label.en && p.label.zh).toBeTruthy();
    expect(caps.credentialFields.find((f) => f.key === "secretKey")?.secret).toBe(true);
    expect(caps.credentialFields.find((f) => f.key === "algorithm")?.default).toBe("MD5");
  });
});

describe("NXCloud texts", () => {
  it("come from the provider-nxcloud catalog in both languages", async () => {
    const en = (await import("../../../messages/en/provider-nxcloud.json")).default;
    const zh = (await import("../../../messages/zh-CN/provider-nxcloud.json")).default;
    expect(caps.label).toEqual({ en: en.label, zh: zh.label });
    expect(caps.params.find((p) => p.key === "maxCall")?.label).toEqual({ en: en.params.maxCall.label, zh: zh.params.maxCall.label });
  });

  it("the account form says the account needs its webhook URL", () => {
    expect(caps.accountHint?.en).toMatch(/webhook URL/);
    expect(caps.accountHint?.zh).toMatch(/Webhook 地址/);
  });

  it("no hint tells the user about the state of NXCloud's documentation", () => {
    const texts = [...caps.params.flatMap((p) => [p.label, p.help]), caps.accountHint].filter((t) => t !== undefined);
    for (const t of texts) {
      expect(t.en).not.toMatch(/document/i);
      expect(t.zh).not.toMatch(/文档/);
    }
  });

  it("the adapter's sources write no inline { en, zh } texts", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = new URL(".", import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      expect(readFileSync(new URL(file, dir), "utf8"), file).not.toMatch(/\{\s*en:\s*["'`]/);
    }
  });

  it("shows users no research note: no hint or label talks about NXCloud's documentation (issue 15 point 15)", () => {
    const texts: string[] = [];
    (function collect(value: unknown): void {
      if (typeof value === "string") texts.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    })(caps);
    expect(texts.some((t) => t.includes("Max ring time"))).toBe(true);
    // The note once shown under "Max ring time": "Its documentation is truncated" / "官方文档此项说明缺失".
    expect(texts.filter((t) => /document|truncat|research|not found|文档|缺失|截断/i.test(t))).toEqual([]);
  });
});
