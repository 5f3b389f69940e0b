// Messages live in messages/<locale>/<namespace>.json; core.json is at the top level, every other file
// under its own namespace (messages/en/timeGroups.json → t("timeGroups.…")). A feature adds its own file
// and never edits another's.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "./locales";

const cache = new Map<Locale, Record<string, unknown>>();

export function loadMessages(locale: Locale, root = process.cwd()): Record<string, unknown> {
  const hit = cache.get(locale);
  if (hit && process.env.NODE_ENV === "production") return hit;
  const dir = path.join(/*turbopackIgnore: true*/ root, "messages", locale);
  const messages: Record<string, unknown> = {};
  for (const file of readdirSync(/*turbopackIgnore: true*/ dir).filter((f) => f.endsWith(".json")).sort()) {
    const content = JSON.parse(readFileSync(/*turbopackIgnore: true*/ path.join(dir, file), "utf8")) as Record<string, unknown>;
    const ns = file.replace(/\.json$/, "");
    if (ns === "core") Object.assign(messages, content);
    else messages[ns] = content;
  }
  cache.set(locale, messages);
  return messages;
}
