import { describe, expect, it } from "vitest";
import { simulatorFactor, trustedOrigins } from "./config";

describe("trustedOrigins", () => {
  it("accepts every loopback name of the served port in the embedded mode", () => {
    expect(trustedOrigins("3240", true)).toEqual(["http://localhost:3240", "http://127.0.0.1:3240", "http://[::1]:3240"]);
    expect(trustedOrigins("3000", true)).toContain("http://127.0.0.1:3000");
  });

  it("adds nothing outside the embedded mode (only BETTER_AUTH_URL is trusted there)", () => {
    expect(trustedOrigins("3240", false)).toEqual([]);
  });
});

describe("simulatorFactor", () => {
  it("is the configured acceleration of the embedded simulators, 60 by default", () => {
    expect(simulatorFactor("600", true)).toBe(600);
    expect(simulatorFactor(undefined, true)).toBe(60);
  });

  it("is null when the simulators do not dial or do not run", () => {
    expect(simulatorFactor("0", true)).toBeNull();
    expect(simulatorFactor("fast", true)).toBeNull();
    expect(simulatorFactor("600", false)).toBeNull();
  });
});
