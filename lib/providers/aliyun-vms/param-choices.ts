// The values the task wizard offers for agent numbers and IVR ids. No Cloud* action lists a call centre's
// agents or IVRs (docs/providers/aliyun-vms.md §Choices), so they come from the account's own settings.
import type { ParamChoice, ProviderContext } from "../types";

/** Parameter → the account setting that declares its choices. */
const SETTING_OF: Record<string, string> = { Cnos: "agentNumbers", IvrId: "ivrIds" };
/** A bound on what one setting offers (TEAM.md: bounded input). */
const MAX_CHOICES = 200;

export function aliyunParamChoices(ctx: Pick<ProviderContext, "settings">, key: string): Promise<ParamChoice[]> {
  const setting = SETTING_OF[key];
  const declared = setting ? (ctx.settings[setting] ?? "") : "";
  const values = [...new Set(declared.split(/[,，\s]+/).map((v) => v.trim()).filter((v) => v !== ""))];
  return Promise.resolve(values.slice(0, MAX_CHOICES).map((value) => ({ value })));
}
