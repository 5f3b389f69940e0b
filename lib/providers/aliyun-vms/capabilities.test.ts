import { describe, expect, it } from "vitest";
import { aliyunVmsCapabilities as caps, validateAliyunParams } from "./capabilities";

const spec = (key: string) => caps.params.find((p) => p.key === key);
const keys = (issues: { key: string }[]) => issues.map((i) => i.key);

describe("Aliyun VMS capabilities", () => {
  it("groups the parameters for the form, the rarely used ones in advanced", () => {
    const inGroup = (group: string) => caps.params.filter((p) => p.group === group).map((p) => p.key);
    expect(caps.params.every((p) => p.group !== undefined)).toBe(true);
    expect(inGroup("essential")).toEqual(expect.arrayContaining(["Concurrency", "IvrId", "AutoStart", "AutoStartDay"]));
    expect(inGroup("pacing")).toEqual(expect.arrayContaining(["CustomerTimeout", "Quotiety", "WarmUpDuration"]));
    expect(inGroup("agents")).toEqual(expect.arrayContaining(["CallGroupType", "Cnos", "AgentGroup", "CallLimitStrategy"]));
    expect(inGroup("callerId")).toEqual(expect.arrayContaining(["CustomerClidsCategory", "CustomerClids", "ClidProperty"]));
    expect(inGroup("advanced")).toEqual(["CallPriorityStrategy", "CallVariables", "UserFields", "CustomerMoh", "CustomerVoice", "TemplateName", "AutoDelete"]);
  });

  it("types days and times for pickers and JSON fields by their documented shape (§JSON parameters)", () => {
    for (const key of ["AutoStartDay", "AutoStopDay"]) expect(spec(key)?.format).toEqual({ kind: "date" });
    for (const key of ["AutoStartTime", "AutoStopTime"]) expect(spec(key)?.format).toEqual({ kind: "time" });
    expect(spec("UserFields")?.format?.kind).toBe("pairs");
    expect(spec("CallVariables")?.format).toMatchObject({ kind: "records", maxItems: 5 });
    expect(spec("CallLimitStrategy")?.format).toMatchObject({ kind: "records", fields: [{ key: "cnos", type: "list" }, { key: "limit", type: "text" }] });
    expect(spec("ClidProperty")?.format).toMatchObject({ kind: "object", fields: [{ key: "defaultAreaCode" }, { key: "isMatchCapital", type: "flag" }] });
  });

  it("lists the documented ranges and defaults (seed 001, docs/providers/aliyun-vms.md §Task parameters)", () => {
    expect(spec("CustomerTimeout")).toMatchObject({ min: 5, max: 60, default: 30 });
    expect(spec("AgentTimeout")).toMatchObject({ min: 5, max: 60, default: 10 });
    expect(spec("Wrapup")).toMatchObject({ min: 1, max: 10800, default: 30 });
    expect(spec("MaxWaitTime")).toMatchObject({ min: 10, max: 600, default: 40 });
    expect(spec("MinAvailableAgentCount")).toMatchObject({ min: 1, max: 10, default: 10 });
    expect(spec("Quotiety")).toMatchObject({ type: "decimal", min: 0, minExclusive: true, max: 20, decimals: 2, default: 1 });
    expect(spec("PredictAdjust")).toMatchObject({ min: 50, max: 400, default: 100 });
    expect(spec("AnswerRate")).toMatchObject({ min: 1, max: 100, default: 50 });
    expect(spec("WarmUpDuration")).toMatchObject({ min: 60, max: 600, default: 300 });
    expect(spec("AutoComplete")).toMatchObject({ type: "boolean", default: true });
    expect(spec("IsRewarm")).toMatchObject({ default: true });
    expect(spec("CustomerClidsCategory")?.options?.map((o) => o.value)).toEqual(["1", "2", "4", "5"]);
    expect(spec("CallStrategy")?.options?.map((o) => o.value)).toEqual(["1", "2", "3", "4"]);
    expect(caps.taskTypes.map((t) => t.value)).toEqual(["1", "2"]);
    expect(caps.params.every((p) => p.label.en && p.label.zh)).toBe(true);
    // Every text comes from the catalog in both languages: a missing entry would show its own key.
    const texts = caps.params.flatMap((p) => [p.label, ...(p.help ? [p.help] : []), ...(p.options ?? []).map((o) => o.label)]);
    expect(texts.length).toBeGreaterThan(60);
    for (const text of [...texts, caps.label, ...caps.taskTypes.map((t) => t.label), ...caps.credentialFields.map((f) => f.label)]) {
      expect(text.en).not.toMatch(/^(params|taskTypes|credentials|settings)\./);
      expect(text.zh).not.toMatch(/^(params|taskTypes|credentials|settings)\./);
    }
    expect(spec("AutoTaskType")?.options?.map((o) => o.label.zh)).toEqual(["连续呼叫（禁呼时段按禁呼时间发送）", "间隔呼叫（仅在时间组的时段内呼叫）"]);
    // Every string has a bound.
    expect(caps.params.filter((p) => p.type === "string").every((p) => (p.maxLength ?? 0) > 0)).toBe(true);
    expect(new Set(caps.params.map((p) => p.key)).size).toBe(caps.params.length);
  });

  it("has no complete operation and no webhooks; states follow the documented rules", () => {
    expect(caps.operations.complete).toBe(false);
    expect(caps.operations.webhooks).toBe(false);
    expect(caps.allowedIn.delete).toEqual(["pending", "completed"]);
    expect(caps.allowedIn.start).toEqual(["pending", "paused"]);
    expect(caps.allowedIn.pause).toEqual(["running"]);
    expect(caps.limits).toMatchObject({ maxTasks: 100, listPageSize: 100, nameMaxLength: 49, descriptionMaxLength: 199 });
  });

  it("checks the cross-field rules with bilingual messages", () => {
    const ok = { CallGroupType: "1", Cnos: "2001" };
    expect(validateAliyunParams("1", ok)).toEqual([]);
    expect(keys(validateAliyunParams("2", ok))).toEqual(["IvrId"]);
    expect(validateAliyunParams("2", { ...ok, IvrName: "欢迎语" })).toEqual([]);
    expect(keys(validateAliyunParams("1", {}))).toEqual(["Cnos"]);
    expect(keys(validateAliyunParams("1", { CallGroupType: "2" }))).toEqual(["AgentGroup"]);
    expect(keys(validateAliyunParams("1", { ...ok, CustomerClidsCategory: "1" }))).toEqual(["CustomerClids"]);
    expect(keys(validateAliyunParams("1", { ...ok, CustomerClidsCategory: "5" }))).toEqual(["CustomerClidsGroup"]);
    expect(validateAliyunParams("1", { ...ok, CustomerClidsCategory: "4", CustomerClidsGroup: "池A" })).toEqual([]);
    expect(keys(validateAliyunParams("1", { ...ok, AutoStart: true }))).toEqual(["AutoStartDay"]);
    expect(validateAliyunParams("1", { ...ok, AutoStart: true, AutoStartTime: "08:00:00" })).toEqual([]);
    expect(keys(validateAliyunParams("1", { ...ok, AutoStop: 1, AutoStopDay: "2026/01/01" }))).toEqual(["AutoStopDay"]);
    expect(keys(validateAliyunParams("1", { ...ok, ForceEndFlag: true }))).toEqual(["ForceEndFlag"]);
    // Interval calling goes with a scheduled start and finish (SDK model AutoTaskType).
    expect(keys(validateAliyunParams("1", { ...ok, AutoTaskType: "1" }))).toEqual(["AutoStart", "AutoStop"]);
    expect(keys(validateAliyunParams("1", { ...ok, AutoTaskType: "1", AutoStart: true, AutoStartTime: "08:00:00" }))).toEqual(["AutoStop"]);
    expect(validateAliyunParams("1", { ...ok, AutoTaskType: "1", AutoStart: true, AutoStartTime: "08:00:00", AutoStop: "1", AutoStopDay: "2026-12-31" })).toEqual([]);
    expect(validateAliyunParams("1", { ...ok, AutoTaskType: "0" })).toEqual([]);
    const six = JSON.stringify(Array.from({ length: 6 }, (_, i) => ({ name: `v${i}`, value: "x" })));
    const issues = validateAliyunParams("1", { ...ok, CallVariables: six, UserFields: "not json" });
    expect(keys(issues)).toEqual(["CallVariables", "UserFields"]);
    expect(issues.every((i) => i.message.en && i.message.zh)).toBe(true);
  });
});
