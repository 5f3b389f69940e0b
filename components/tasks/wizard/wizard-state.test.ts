import { describe, expect, it } from "vitest";
import { nxcloudCapabilities } from "@/lib/providers/nxcloud/capabilities";
import { requestParams, stepForField, variableNames } from "./wizard-state";

describe("wizard state", () => {
  it("puts a server error on the step it belongs to", () => {
    expect(stepForField("name")).toBe("basics");
    expect(stepForField("params.startupAt")).toBe("params");
    expect(stepForField("acceptLosses")).toBe("group");
    expect(stepForField("contacts")).toBe("numbers");
    expect(stepForField(undefined)).toBe("review");
  });

  it("sends blanks as null, flags as booleans and local datetimes as instants", () => {
    const local = "2026-05-04T09:30";
    const params = requestParams(nxcloudCapabilities.params, "callbot", { maxCall: " 5 ", startupAt: local, taskKeep: true, sceneID: "" });
    expect(params.maxCall).toBe("5");
    expect(params.sceneID).toBeNull();
    expect(params.taskKeep).toBe(true);
    expect(params.startupAt).toBe(new Date(local).toISOString());
    expect(Object.keys(params)).toEqual(nxcloudCapabilities.params.map((p) => p.key));
  });

  it("reads variable names from a comma list, Chinese commas included", () => {
    expect(variableNames(" amount, due_date，amount ,, ")).toEqual(["amount", "due_date"]);
  });
});
