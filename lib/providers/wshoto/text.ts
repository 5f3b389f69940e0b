// WShoto's user-facing texts, from the next-intl catalogs messages/<locale>/provider-wshoto.json.
import en from "../../../messages/en/provider-wshoto.json";
import zh from "../../../messages/zh-CN/provider-wshoto.json";
import { catalogText } from "../../domain/text";

export const wshotoText = catalogText(en, zh);
