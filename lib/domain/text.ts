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

export function localize(text: LocalizedText, locale: Locale): string {
  return locale === "zh-CN" ? text.zh : text.en;
}

/** Dotted paths of a catalog's leaves: { a: { b: "…" } } → "a.b". */
export type CatalogKey<C> = {
  [K in keyof C & string]: C[K] extends string ? K : C[K] extends object ? `${K}.${CatalogKey<C[K]>}` : never;
}[keyof C & string];

/** Values of an ICU message; a LocalizedText value (a provider's label, a status) is taken in each message's language. */
export type TextValues = Record<string, string | number | LocalizedText>;

function valuesIn(lang: keyof LocalizedText, values: TextValues | undefined): Record<string, string | number> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "object" ? v[lang] : v]));
}

/**
 * A typed reader of one catalog namespace in both languages: `catalogText(en, zh)("errors.notFound", { id })`
 * formats the ICU message of each locale as next-intl would (it is next-intl's own translator).
 */
export function catalogText<C extends object>(en: C, zh: C): (key: CatalogKey<C>, values?: TextValues) => LocalizedText {
  const translators = {
    en: createTranslator({ locale: "en", messages: en as Record<string, unknown>, timeZone: "Asia/Shanghai" }),
    zh: createTranslator({ locale: "zh-CN", messages: zh as Record<string, unknown>, timeZone: "Asia/Shanghai" }),
  };
  type Translate = (k: string, v?: Record<string, string | number>) => string;
  return (key, values) => ({
    en: (translators.en as Translate)(key, valuesIn("en", values)),
    zh: (translators.zh as Translate)(key, valuesIn("zh", values)),
  });
}

/** The same words in both languages (a name, a date): for texts that are data, not wording. */
export const sameText = (text: string): LocalizedText => ({ en: text, zh: text });

/** Joins texts language by language: prefix + ": " + detail. */
export function joinTexts(parts: LocalizedText[], separator: LocalizedText = { en: " ", zh: "" }): LocalizedText {
  return { en: parts.map((p) => p.en).join(separator.en), zh: parts.map((p) => p.zh).join(separator.zh) };
}
