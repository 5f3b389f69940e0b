import { describe, expect, it } from "vitest";
import { DEMO_SETTINGS } from "../../../simulators/aliyun-vms/demo";
import { aliyunVmsAdapter } from ".";

describe("values offered in the wizard", () => {
  it("offers the demo call centre's agents and IVR from the account's settings", async () => {
    const ctx = { baseUrl: "http://unused", credentials: {}, settings: DEMO_SETTINGS };
    expect(await aliyunVmsAdapter.paramChoices!(ctx, "Cnos")).toEqual([{ value: "2001" }, { value: "2002" }, { value: "2003" }]);
    expect(await aliyunVmsAdapter.paramChoices!(ctx, "IvrId")).toEqual([{ value: "330" }]);
  });

  it("offers nothing where the account declares nothing, and no duplicates", async () => {
    const ctx = { baseUrl: "http://unused", credentials: {}, settings: { enterpriseId: "1", agentNumbers: "2001, 2001，2002" } };
    expect(await aliyunVmsAdapter.paramChoices!(ctx, "IvrId")).toEqual([]);
    expect(await aliyunVmsAdapter.paramChoices!(ctx, "Cnos")).toEqual([{ value: "2001" }, { value: "2002" }]);
    expect(await aliyunVmsAdapter.paramChoices!(ctx, "AgentGroup")).toEqual([]);
  });

  it("declares choices exactly for the parameters it can offer", () => {
    expect(aliyunVmsAdapter.capabilities.params.filter((spec) => spec.choices).map((spec) => spec.key)).toEqual(["IvrId", "Cnos"]);
  });
});
