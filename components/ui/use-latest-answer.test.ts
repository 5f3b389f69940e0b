import { describe, expect, it } from "vitest";
import { latestAnswer } from "./use-latest-answer";

describe("latestAnswer", () => {
  const losses = ["NXCloud loses the 12:00 boundary"];

  it("shows the answer about the value on screen as ready", () => {
    expect(latestAnswer("b", { answered: { key: "b", data: losses }, failed: null })).toEqual({ data: losses, fetching: false, failed: false });
  });

  it("keeps the last answer on screen while the answer about the edited value is on its way", () => {
    expect(latestAnswer("b", { answered: { key: "a", data: losses }, failed: null })).toEqual({ data: losses, fetching: true, failed: false });
  });

  it("says the value on screen failed only when asking about that value failed", () => {
    expect(latestAnswer("b", { answered: null, failed: "a" })).toEqual({ data: undefined, fetching: true, failed: false });
    expect(latestAnswer("b", { answered: { key: "a", data: losses }, failed: "b" })).toEqual({ data: losses, fetching: false, failed: true });
  });

  it("waits for nothing while there is nothing to ask (the value has errors)", () => {
    expect(latestAnswer(null, { answered: { key: "a", data: losses }, failed: "a" })).toEqual({ data: losses, fetching: false, failed: false });
  });
});
