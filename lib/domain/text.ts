// One way to translate. Every user-facing text lives in the next-intl catalogs (messages/<locale>/<ns>.json).
// Pages and components read them with next-intl (useTranslations / getTranslations). Code below the app —
// domain validation, provider loss reports and errors, services — cannot hold a locale, so it produces a
// LocalizedText (the text in both languages) from the same catalogs with `catalogText`, and the page shows it
// with `localize`. No module writes `{ en: "…", zh: "…" }` by hand.
import { createTranslator } from "use-intl/core";

/** The app's locales (next-intl's codes). */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in both languages, made from a catalog entry (see catalogText). */
export interface LocalizedText {
  en: string;
  zh: string;
}

export function localize(text: LocalizedText, locale: Locale): string;
export function localize(text: LocalizedText | null | undefined, locale: Locale): string | undefined;
export function localize(text: LocalizedText | null | undefined, locale: Locale): string | undefined {
  if (!text) return undefined;
  return locale === "zh-CN" ? text.zh : text.en;
}

/** Dotted paths of a catalog's leaves: { a: { b: "…" } } → "a.b". */
export type CatalogKey<C> = {
  [K in keyof C & string]: C[K] extends string ? K : C[K] extends object ? `${K}.${CatalogKey<C[K]>}` : never;
}[keyof C & string];

/** ICU arguments; a LocalizedText argument is used in each language's own words (a weekday, a nested message). */
export type TextValues = Record<string, string | number | LocalizedText>;

type Translate = (key: string, values?: Record<string, string | number>) => string;

function valuesIn(language: keyof LocalizedText, values: TextValues | undefined): Record<string, string | number> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === "object" ? value[language] : value]));
}

/**
 * A typed reader of one catalog namespace in both languages: `catalogText(en, zh)("errors.notFound", { id })`
 * formats the ICU message of each locale as next-intl would (it is next-intl's own translator).
 */
export function catalogText<C extends object>(en: C, zh: C): (key: CatalogKey<C>, values?: TextValues) => LocalizedText {
  const translators = {
    en: createTranslator({ locale: "en", messages: en as Record<string, unknown>, timeZone: "Asia/Shanghai" }) as unknown as Translate,
    zh: createTranslator({ locale: "zh-CN", messages: zh as Record<string, unknown>, timeZone: "Asia/Shanghai" }) as unknown as Translate,
  };
  return (key, values) => ({
    en: translators.en(key, valuesIn("en", values)),
    zh: translators.zh(key, valuesIn("zh", values)),
  });
}

/** A text made per locale by a formatter that takes the locale (numbers, lists, dates), in both languages. */
export function inEachLocale(format: (locale: Locale) => string): LocalizedText {
  return { en: format("en"), zh: format("zh-CN") };
}

const listFormats = new Map<string, Intl.ListFormat>();

/** ["Mon", "Wed"] → "Mon, Wed" / "周一、周三": the locale's own list separator (CLDR), no "and". */
export function formatList(items: readonly string[], locale: Locale, type: "conjunction" | "unit" = "conjunction"): string {
  const cacheKey = `${locale}|${type}`;
  let format = listFormats.get(cacheKey);
  if (!format) {
    format = new Intl.ListFormat(locale, { type, style: "narrow" });
    listFormats.set(cacheKey, format);
  }
  return format.format(items);
}

/** The same words in both languages (a name, a date): for texts that are data, not wording. */
export const sameText = (text: string): LocalizedText => ({ en: text, zh: text });

/** Joins texts language by language: with `separator`, or as the locale runs words together ("a b" / "ab"). */
export function joinTexts(parts: LocalizedText[], separator?: LocalizedText): LocalizedText {
  const join = (language: keyof LocalizedText, locale: Locale) => {
    const words = parts.map((p) => p[language]);
    return separator ? words.join(separator[language]) : formatList(words, locale, "unit");
  };
  return { en: join("en", "en"), zh: join("zh", "zh-CN") };
}
