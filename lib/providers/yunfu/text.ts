// Yunfu's user-facing texts, from the next-intl catalogs messages/<locale>/provider-yunfu.json.
import en from "../../../messages/en/provider-yunfu.json";
import zh from "../../../messages/zh-CN/provider-yunfu.json";
import type { LocalizedText } from "../../domain/call-time-group";
import { catalogText, type CatalogKey, type TextValues } from "../../domain/text";

export const yunfuText = catalogText(en, zh);

type Lang = "en" | "zh";

/** A text whose values differ by language (weekday names inside a sentence): each language formatted apart. */
export function yunfuTextPer(key: CatalogKey<typeof en>, values: (lang: Lang) => TextValues): LocalizedText {
  return { en: yunfuText(key, values("en")).en, zh: yunfuText(key, values("zh")).zh };
}
