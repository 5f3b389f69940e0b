import { describe, expect, it } from "vitest";
import { fieldNamedIn } from "./error-field";

const wire = { name: ["taskName"], callTimeGroupId: ["dialAtUpHour", "zoneSecond"], retryStrategyId: ["roundRedial"] };

describe("fieldNamedIn", () => {
  it("names the form field of the wire key a refusal mentions, parameters by their own key first", () => {
    expect(fieldNamedIn("invalid parameter value: taskCreateSetting.maxCall (too big)", wire, ["maxCall"])).toBe("params.maxCall");
    expect(fieldNamedIn("missing parameter: taskCreateSetting.taskName", wire, ["maxCall"])).toBe("name");
    expect(fieldNamedIn('The specified parameter "zoneSecond" is not valid', wire, [])).toBe("callTimeGroupId");
    expect(fieldNamedIn("funcFlag.roundRedial must be a boolean", wire, [])).toBe("retryStrategyId");
  });

  it("takes the key named first", () => {
    expect(fieldNamedIn("task_extras.stop_time must be after task_extras.start_time", {}, ["start_time", "stop_time"])).toBe("params.stop_time");
  });

  it("matches whole keys only, and nothing when no key is named", () => {
    expect(fieldNamedIn("taskNameLength exceeded", wire, ["maxCall"])).toBeUndefined();
    expect(fieldNamedIn("system busy", wire, ["maxCall"])).toBeUndefined();
  });
});
