import { describe, expect, it } from "vitest";
import { yunfuCapabilities } from "./capabilities";
import { bearerHeaders, verifyCallbackToken } from "./sign";

describe("Yunfu auth", () => {
  it("sends the token as a Bearer header", () => {
    expect(bearerHeaders("abc.def")).toMatchObject({ Authorization: "Bearer abc.def", "Content-Type": "application/json" });
  });

  it("accepts a callback only with the configured token in its URL, and none when no token is configured", () => {
    expect(verifyCallbackToken(undefined, undefined)).toBe(false);
    expect(verifyCallbackToken(undefined, "anything")).toBe(false);
    expect(verifyCallbackToken("", "")).toBe(false);
    expect(verifyCallbackToken("s3cret", "s3cret")).toBe(true);
    expect(verifyCallbackToken("s3cret", "s3creT")).toBe(false);
    expect(verifyCallbackToken("s3cret", "s3cret-longer")).toBe(false);
    expect(verifyCallbackToken("s3cret", undefined)).toBe(false);
  });

  it("keeps the callback token as a write-only credential, never as a plain setting", () => {
    const field = yunfuCapabilities.credentialFields.find((f) => f.key === "callbackSecret");
    expect(field).toMatchObject({ secret: true, optional: true });
    expect(yunfuCapabilities.settingFields.map((f) => f.key)).not.toContain("callbackSecret");
  });
});

describe("Yunfu capabilities", () => {
  it("refuses a task that stops before it starts", () => {
    const issues = yunfuCapabilities.validateParams("2.0", { start_time: "2026-12-02 09:00", stop_time: "2026-12-01 09:00" });
    expect(issues.map((i) => i.key)).toEqual(["stop_time"]);
    expect(yunfuCapabilities.validateParams("2.0", { start_time: "2026-12-01 09:00", stop_time: "2026-12-02 09:00", line: "a,b" })).toEqual([]);
  });

  it("flags an empty line id between commas", () => {
    expect(yunfuCapabilities.validateParams("2.0", { line: "a,,b" }).map((i) => i.key)).toEqual(["line"]);
  });

  it("declares no complete operation and a 100-number batch", () => {
    expect(yunfuCapabilities.operations.complete).toBe(false);
    expect(yunfuCapabilities.limits.contactsBatchSize).toBe(100);
    expect(yunfuCapabilities.allowedIn.addContacts).toEqual(["paused"]);
  });
});
