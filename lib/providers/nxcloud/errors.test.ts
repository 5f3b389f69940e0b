import { describe, expect, it } from "vitest";
import { formFieldOf, retCodeError } from "./errors";

describe("retCode errors", () => {
  it("speak both languages and keep NXCloud's own words for missing, format and value refusals", () => {
    const e = retCodeError(4, "invalid parameter value: taskCreateSetting.maxCall", "resp-1");
    expect(e.userMessage.en).toBe("NXCloud rejected a value, or the task's current status does not allow this. (invalid parameter value: taskCreateSetting.maxCall)");
    expect(e.userMessage.zh).toBe("牛信云拒绝了参数值，或任务当前状态不允许此操作。（invalid parameter value: taskCreateSetting.maxCall）");
    expect(e.providerMessage).toContain("resp-1");
    expect(retCodeError(6003, "no permission", "r").userMessage.zh).toBe("该牛信云账号没有 AI 外呼接口权限。");
    expect(retCodeError(9999, "?", "r").userMessage).toEqual({ en: "NXCloud refused the request (code 9999).", zh: "牛信云拒绝了请求（错误码 9999）。" });
  });

  it("name the form field a refusal is about", () => {
    expect(formFieldOf("missing parameter: taskCreateSetting.taskName")).toBe("name");
    expect(formFieldOf("parameter format error: taskCreateSetting.dialAtUpHour")).toBe("callTimeGroupId");
    expect(formFieldOf("sceneID not found")).toBe("params.sceneID");
    expect(formFieldOf("userPhone is invalid")).toBe("contacts");
    expect(formFieldOf("system error")).toBeUndefined();
    expect(retCodeError(2, "missing parameter: taskCreateSetting.startupAt", "r").field).toBe("params.startupAt");
    expect(retCodeError(4001, "callList has 501 elements", "r", { contactsRequest: true }).field).toBe("contacts");
    expect(retCodeError(5001, "taskName", "r").field).toBeUndefined();
  });
});
