// The NXCloud adapter's user-facing words: messages/<locale>/provider-nxcloud.json, read in both languages
// (lib/domain/text.ts). Texts that embed a list (weekdays, time ranges) format it per language with `textEach`.
import en from "../../../messages/en/provider-nxcloud.json";
import zh from "../../../messages/zh-CN/provider-nxcloud.json";
import { catalogText, type CatalogKey, type LocalizedText, type TextValues } from "../../domain/text";

export type NxcloudTextKey = CatalogKey<typeof en>;

export const nxText = catalogText(en, zh);

/** One catalog text with values that differ by language (lists joined with ", " in English and "、" in Chinese). */
export function nxTextEach(key: NxcloudTextKey, values: { en: TextValues; zh: TextValues }): LocalizedText {
  return { en: nxText(key, values.en).en, zh: nxText(key, values.zh).zh };
}
