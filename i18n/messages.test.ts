import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { localeFromAcceptLanguage } from "./locales";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("zh-CN and en have exactly the same keys, none empty", () => {
    const en = loadMessages("en");
    const zh = loadMessages("zh-CN");
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    for (const k of keys(en)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en)).not.toBe("");
  });

  it("keeps the domain catalog small: client components bundle it with lib/domain", () => {
    // lib/domain imports messages/<locale>/domain.json for catalogText, and the schedule editor, retry builder and
    // stats run that code in the browser; pages' words belong in their own namespaces.
    for (const locale of ["en", "zh-CN"] as const) {
      expect(JSON.stringify(loadMessages(locale).domain).length).toBeLessThan(6_000);
    }
  });

  it("picks the first language from Accept-Language", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-TW")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,zh;q=0.5")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de-DE")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
  });
});
