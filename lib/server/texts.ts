// lib/server's own words (errors, webhook refusals, sync), from messages/<locale>/server.json in both languages.
import en from "../../messages/en/server.json";
import zh from "../../messages/zh-CN/server.json";
import { catalogText } from "../domain/text";

export const serverText = catalogText(en, zh);
