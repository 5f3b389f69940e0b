import { describe, expect, it } from "vitest";
import { aliyunVmsCapabilities, TASK_TYPE_AUTOMATIC, TASK_TYPE_PREDICTIVE } from "./aliyun-vms/capabilities";
import { nxcloudCapabilities } from "./nxcloud/capabilities";
import { yunfuCapabilities } from "./yunfu/capabilities";
import { checkParams, checkParamValue, defaultFormValues, paramRangeHint, paramSections, paramsForTaskType, paramValuesFrom } from "./param-values";
import type { ParamSpec } from "./types";

const quotiety = aliyunVmsCapabilities.params.find((p) => p.key === "Quotiety") as ParamSpec;
const keys = (issues: { key: string }[]) => issues.map((i) => i.key);

describe("form generation", () => {
  it("keeps only the parameters of the task type", () => {
    const specs: ParamSpec[] = [
      { key: "a", label: { en: "A", zh: "A" }, type: "int" },
      { key: "b", label: { en: "B", zh: "B" }, type: "int", taskTypes: ["2"] },
    ];
    expect(paramsForTaskType(specs, "1").map((s) => s.key)).toEqual(["a"]);
    expect(paramsForTaskType(specs, "2").map((s) => s.key)).toEqual(["a", "b"]);
  });

  it("prefills the documented defaults, blank where there is none", () => {
    const values = defaultFormValues(nxcloudCapabilities.params);
    expect(values.maxCall).toBe("10");
    expect(values.startupType).toBe("1");
    expect(values.taskKeep).toBe(false);
    expect(values.startupAt).toBe("");
  });

  it("describes the documented range", () => {
    expect(paramRangeHint(quotiety)).toEqual({ en: "Greater than 0 and at most 20, up to 2 decimals", zh: "大于 0 且不超过 20，最多 2 位小数" });
    expect(paramRangeHint(aliyunVmsCapabilities.params.find((p) => p.key === "CustomerTimeout") as ParamSpec)?.en).toBe("5 to 60");
  });
});

describe("form sections", () => {
  const label = { en: "x", zh: "x" };
  it("puts parameters in the fixed section order, ungrouped ones with the essentials, advanced last", () => {
    const specs: ParamSpec[] = [
      { key: "json", label, type: "string", group: "advanced" },
      { key: "clid", label, type: "string", group: "callerId" },
      { key: "plain", label, type: "int" },
      { key: "rate", label, type: "int", group: "pacing" },
      { key: "first", label, type: "int", group: "essential" },
    ];
    expect(paramSections(specs).map(({ group, specs: list }) => [group, list.map((spec) => spec.key)])).toEqual([
      ["essential", ["plain", "first"]],
      ["pacing", ["rate"]],
      ["callerId", ["clid"]],
      ["advanced", ["json"]],
    ]);
  });

  it("gives a provider without groups one section", () => {
    expect(paramSections(nxcloudCapabilities.params).map((section) => section.group)).toEqual(["essential"]);
  });
});

describe("value checks", () => {
  it("honours an exclusive minimum and the number of decimals", () => {
    expect(checkParamValue(quotiety, "0")?.en).toBe("Must be greater than 0 and at most 20.");
    expect(checkParamValue(quotiety, "0.01")).toBeNull();
    expect(checkParamValue(quotiety, "20")).toBeNull();
    expect(checkParamValue(quotiety, "20.5")?.zh).toBe("须为大于 0 且不超过 20。");
    expect(checkParamValue(quotiety, "1.255")?.en).toBe("At most 2 decimal places.");
    expect(checkParamValue(quotiety, "abc")?.en).toBe("Enter a number.");
  });

  it("refuses fractions for integers, unknown options and long strings; requires required values", () => {
    const maxCall = nxcloudCapabilities.params.find((p) => p.key === "maxCall") as ParamSpec;
    expect(checkParamValue(maxCall, "2.5")?.en).toBe("Enter a whole number.");
    expect(checkParamValue(maxCall, "1001")?.en).toBe("Must be 1 to 1000.");
    expect(checkParamValue(maxCall, "")?.en).toBe("Required.");
    const startupType = nxcloudCapabilities.params.find((p) => p.key === "startupType") as ParamSpec;
    expect(checkParamValue(startupType, "9")?.en).toBe("Choose one of the options.");
    const sceneID = nxcloudCapabilities.params.find((p) => p.key === "sceneID") as ParamSpec;
    expect(checkParamValue(sceneID, "x".repeat(65))?.en).toBe("At most 64 characters (now 65).");
  });

  it("types the values: numbers, null for blanks, booleans", () => {
    const specs = paramsForTaskType(nxcloudCapabilities.params, "callbot");
    const values = paramValuesFrom(specs, { maxCall: " 12 ", maxRingTime: "", taskKeep: true, startupType: "1" });
    expect(values).toMatchObject({ maxCall: 12, maxRingTime: null, taskKeep: true, wholeTTS: false, startupType: "1", sceneID: null });
  });
});

describe("cross-field rules from the provider", () => {
  const aliyun = (taskType: string, extra: Record<string, unknown>) =>
    checkParams(aliyunVmsCapabilities, taskType, { ...defaultFormValues(aliyunVmsCapabilities.params), Cnos: "1001", ...extra });

  it("Aliyun: a scheduled start needs a day or a time", () => {
    expect(keys(aliyun(TASK_TYPE_PREDICTIVE, { AutoStart: true }))).toEqual(["AutoStartDay"]);
    expect(aliyun(TASK_TYPE_PREDICTIVE, { AutoStart: true, AutoStartTime: "08:00:00" })).toEqual([]);
  });

  it("Aliyun: agent numbers for CallGroupType 1, an IVR for automatic tasks", () => {
    expect(keys(aliyun(TASK_TYPE_PREDICTIVE, { Cnos: "" }))).toEqual(["Cnos"]);
    expect(keys(aliyun(TASK_TYPE_AUTOMATIC, {}))).toEqual(["IvrId"]);
    expect(aliyun(TASK_TYPE_AUTOMATIC, { IvrName: "welcome" })).toEqual([]);
  });

  it("NXCloud: a timed start needs its time", () => {
    const base = defaultFormValues(nxcloudCapabilities.params);
    const issues = checkParams(nxcloudCapabilities, "callbot", { ...base, startupType: "2" });
    expect(issues).toEqual([{ key: "startupAt", message: { en: "Choose when the task starts.", zh: "定时启动需要填写启动时间。" } }]);
    expect(checkParams(nxcloudCapabilities, "callbot", { ...base, startupType: "2", startupAt: "2026-05-01T01:00:00.000Z" })).toEqual([]);
  });

  it("range errors come first, and the cross-field rules see typed values", () => {
    const base = defaultFormValues(yunfuCapabilities.params);
    const missing = checkParams(yunfuCapabilities, "2.0", base);
    expect(keys(missing)).toEqual(["destination_extension", "start_time", "stop_time"]);
    const backwards = checkParams(yunfuCapabilities, "2.0", {
      ...base,
      destination_extension: "3",
      start_time: "2026-05-02T01:00:00.000Z",
      stop_time: "2026-05-01T01:00:00.000Z",
    });
    expect(keys(backwards)).toEqual(["stop_time"]);
  });

  it("refuses a key the task type does not have", () => {
    const issues = checkParams(nxcloudCapabilities, "callbot", { ...defaultFormValues(nxcloudCapabilities.params), IvrId: "1" });
    expect(keys(issues)).toEqual(["IvrId"]);
  });
});
