import { describe, expect, it } from "vitest";
import { trustedOrigins } from "./config";

describe("trustedOrigins", () => {
  it("accepts every loopback name of the served port in the embedded mode", () => {
    expect(trustedOrigins("3240", true)).toEqual(["http://localhost:3240", "http://127.0.0.1:3240", "http://[::1]:3240"]);
    expect(trustedOrigins("3000", true)).toContain("http://127.0.0.1:3000");
  });

  it("adds nothing outside the embedded mode (only BETTER_AUTH_URL is trusted there)", () => {
    expect(trustedOrigins("3240", false)).toEqual([]);
  });
});
