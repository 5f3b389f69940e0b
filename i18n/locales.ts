// One Locale type for the whole app: lib/domain/text.ts defines it (code below the app formats for a locale too).
import { LOCALES, type Locale } from "../lib/domain/text";

export { LOCALES, localize, type Locale } from "../lib/domain/text";
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** First choice from Accept-Language: any zh → zh-CN, otherwise the first supported, else en. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return "en";
  const prefs = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((p) => p.tag && Number.isFinite(p.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of prefs) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}
