import { describe, expect, it } from "vitest";
import { adapterFor, allAdapters, isProviderKind, registerProvider } from "./registry";

describe("provider registry", () => {
  it("is the one list of providers: kinds are what it registered, nothing else", () => {
    expect(allAdapters().map((a) => a.kind)).toEqual(["yunfu", "aliyun-vms", "nxcloud", "wshoto"]);
    expect(isProviderKind("nxcloud")).toBe(true);
    expect(isProviderKind("twilio")).toBe(false);
    expect(isProviderKind(42)).toBe(false);
    expect(() => adapterFor("twilio")).toThrow(/Unknown provider kind/);
  });

  it("refuses a kind registered twice", () => {
    expect(() => registerProvider(adapterFor("yunfu"))).toThrow(/registered twice/);
  });
});
