import { describe, expect, it } from "vitest";
import { sentText } from "./sent-text";

describe("sentText", () => {
  it("shows each parameter as sent, string JSON unescaped", () => {
    expect(sentText({ RetryStrategy: '{"retry":1}', RetryStrategyTimeType: 1, redial: { a: 1 } })).toBe(
      'RetryStrategy = {"retry":1}\nRetryStrategyTimeType = 1\nredial = {"a":1}',
    );
    expect(sentText(null)).toBe("null");
  });
});
