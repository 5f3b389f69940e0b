// The task services' words, from their catalog (messages/<locale>/server-tasks.json) in both languages.
import en from "../../../../messages/en/server-tasks.json";
import zh from "../../../../messages/zh-CN/server-tasks.json";
import { catalogText } from "../../../domain/text";

export const tasksText = catalogText(en, zh);
