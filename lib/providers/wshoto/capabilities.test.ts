import { describe, expect, it } from "vitest";
import { wshotoCapabilities } from "./capabilities";
import { wshotoAdapter } from "./index";

describe("WShoto capabilities", () => {
  it("is read-only: no task operation, no time groups, no webhooks", () => {
    const { operations, allowedIn } = wshotoCapabilities;
    expect(Object.values(operations).every((allowed) => allowed === false)).toBe(true);
    for (const statuses of Object.values(allowedIn)) expect(statuses).toEqual([]);
    expect(wshotoAdapter.createTask).toBeUndefined();
    expect(wshotoAdapter.deleteTask).toBeUndefined();
  });

  it("lists at most 100 per page and names the three task types", () => {
    expect(wshotoCapabilities.limits.listPageSize).toBe(100);
    expect(wshotoCapabilities.taskTypes.map((t) => t.value)).toEqual(["1", "2", "3"]);
    expect(wshotoCapabilities.taskKinds).toEqual(["follow-up"]);
  });

  it("asks for an app id and a secret app secret", () => {
    expect(wshotoCapabilities.credentialFields.map((f) => [f.key, f.secret])).toEqual([
      ["appid", false],
      ["appSecret", true],
    ]);
  });

  it("offers priority 1–3 low→high with medium as the default", () => {
    const priority = wshotoCapabilities.params.find((p) => p.key === "priority");
    expect(priority?.default).toBe("2");
    expect(priority?.options?.slice(0, 3).map((o) => o.label.en)).toEqual(["Low", "Medium", "High"]);
  });

  it("has no webhook: nothing verifies and parsing refuses", () => {
    const ctx = { baseUrl: "http://127.0.0.1:1", credentials: {}, settings: {} };
    expect(wshotoAdapter.verifyWebhook(ctx, { query: {}, headers: {}, rawBody: "{}" })).toBe(false);
    expect(() => wshotoAdapter.parseWebhook(ctx, { query: {}, headers: {}, rawBody: "{}" })).toThrow(/webhook/i);
  });
});
