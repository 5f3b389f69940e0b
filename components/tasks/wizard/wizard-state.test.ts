import { describe, expect, it } from "vitest";
import { nxcloudCapabilities } from "@/lib/providers/nxcloud/capabilities";
import { yunfuCapabilities } from "@/lib/providers/yunfu/capabilities";
import { taskBodyFromDraft } from "@/lib/providers/yunfu/mapping";
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

  it("sends Yunfu's China-time start and stop as typed: 08:00 and 20:00 reach Yunfu as 08:00 and 20:00 (issue 15 point 5)", () => {
    const form = { destination_extension: "297", maximumcall: "2", start_time: "2026-12-01T08:00", stop_time: "2026-12-01T20:00", line: "" };
    const params = requestParams(yunfuCapabilities.params, "2.0", form);
    expect(params.start_time).toBe("2026-12-01T08:00");
    expect(params.stop_time).toBe("2026-12-01T20:00");
    const retry = { recycle_limit: 0, redial: { redial_enabled: 0 as const } };
    const body = taskBodyFromDraft({ name: "回访", description: "", taskType: "2.0", callTimeGroup: null, retryStrategy: null, params, contacts: [] } as never, "1", retry as never);
    expect(body.task_extras).toMatchObject({ start_time: "2026-12-01 08:00:00", stop_time: "2026-12-01 20:00:00" });
  });

  it("reads variable names from a comma list, Chinese commas included", () => {
    expect(variableNames(" amount, due_date，amount ,, ")).toEqual(["amount", "due_date"]);
  });
});
