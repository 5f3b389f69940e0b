import { describe, expect, it } from "vitest";
import { allAdapters } from "./registry";

// Issue 12 point 1: a secret kept as a plain setting reaches every page that lists accounts and every audit
// entry. Secrets belong among the credential fields (encrypted, write-only).
describe("provider account fields", () => {
  it("no provider declares a secret among its plain settings", () => {
    for (const adapter of allAdapters()) {
      expect(adapter.capabilities.settingFields.filter((f) => f.secret).map((f) => `${adapter.kind}.${f.key}`)).toEqual([]);
    }
  });

  it("no setting is named like a secret", () => {
    const secretLike = /secret|token|password|key$/i;
    for (const adapter of allAdapters()) {
      expect(adapter.capabilities.settingFields.map((f) => f.key).filter((k) => secretLike.test(k)), adapter.kind).toEqual([]);
    }
  });
});
