import { describe, expect, it } from "vitest";
import { yunfuCapabilities } from "./capabilities";
import { bearerHeaders, verifyCallbackToken } from "./sign";

describe("Yunfu auth", () => {
  it("sends the token as a Bearer header", () => {
    expect(bearerHeaders("abc.def")).toMatchObject({ Authorization: "Bearer abc.def", "Content-Type": "application/json" });
  });

  it("accepts callbacks without a configured secret and checks it when there is one", () => {
    expect(verifyCallbackToken(undefined, {})).toBe(true);
    expect(verifyCallbackToken("s3cret", { "x-dialboard-token": "s3cret" })).toBe(true);
    expect(verifyCallbackToken("s3cret", { "X-Dialboard-Token": "s3cret" })).toBe(true);
    expect(verifyCallbackToken("s3cret", { "x-dialboard-token": "s3creT" })).toBe(false);
    expect(verifyCallbackToken("s3cret", { "x-dialboard-token": "s3cret-longer" })).toBe(false);
    expect(verifyCallbackToken("s3cret", {})).toBe(false);
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
