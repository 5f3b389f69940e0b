// Texts the numbers services produce, in both languages, from the "numbers" catalog (lib/domain/text.ts).
import en from "../../../messages/en/numbers.json";
import zh from "../../../messages/zh-CN/numbers.json";
import { catalogText } from "../../domain/text";

export const numbersText = catalogText(en, zh);
