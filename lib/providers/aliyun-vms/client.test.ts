// Alibaba's refusals carry the field they are about and a message from our catalog in both languages.
import { describe, expect, it } from "vitest";
import { errorFromCode, fieldOfError } from "./client";

describe("refusals", () => {
  it("name the wizard field from the parameter the provider quotes", () => {
    expect(fieldOfError("MissingParameter", 'The input parameter "Name" that is mandatory for processing this request is not supplied.')).toBe("name");
    expect(fieldOfError("InvalidParameter", 'The specified parameter "Description" is not valid: must be shorter than 200 characters')).toBe("description");
    expect(fieldOfError("InvalidParameter", 'The specified parameter "TimeStrategy" is not valid: time condition 9 does not exist')).toBe("callTimeGroupId");
    expect(fieldOfError("InvalidParameter", 'The specified parameter "RetryStrategy" is not valid')).toBe("retryStrategyId");
    expect(fieldOfError("InvalidParameter", 'The specified parameter "TaskTelList" is not valid')).toBe("contacts");
    expect(fieldOfError("InvalidParameter.Format", 'The specified parameter "Quotiety" is not valid')).toBe("params.Quotiety");
    expect(fieldOfError("TaskTel.TaskLimitExceeded", "A task holds at most 1000000 numbers.")).toBe("contacts");
    // Not one of ours: no field rather than a wrong one.
    expect(fieldOfError("InvalidParameter", 'The specified parameter "EnterpriseId" is not valid')).toBeUndefined();
    expect(fieldOfError("SignatureDoesNotMatch", 'Specified signature "x" is not matched')).toBeUndefined();
  });

  it("speak both languages, known codes and unknown alike", () => {
    const known = errorFromCode("Throttling", "Request was denied due to request throttling.", 400);
    expect(known.userMessage).toEqual({ en: "Alibaba Cloud is limiting the request rate; try again shortly.", zh: "阿里云限流，请稍后重试。" });
    expect(known.retryable).toBe(true);
    const unknown = errorFromCode("Some.New", "brand new {thing}", 400);
    expect(unknown.userMessage.en).toBe("Alibaba Cloud refused the request (Some.New): brand new {thing}");
    expect(unknown.userMessage.zh).toBe("阿里云拒绝了请求（Some.New）：brand new {thing}");
  });
});
