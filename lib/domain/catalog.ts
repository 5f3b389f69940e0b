// The domain's own words (messages/<locale>/domain.json): validation messages, weekday names, rate formulas.
// One reader for every domain module. The import attribute lets Node's own ESM loader (scripts, simulators,
// Playwright) load the JSON as the bundlers do.
import en from "../../messages/en/domain.json" with { type: "json" };
import zh from "../../messages/zh-CN/domain.json" with { type: "json" };
import { catalogText } from "./text";

export const domainText = catalogText(en, zh);
