import { describe, expect, it } from "vitest";
import { stripJsonComments } from "./fixtures";

describe("stripJsonComments", () => {
  it("drops line and block comments but never touches strings", () => {
    const text = `{ // lead\n  "url": "http://a//b", /* block */ "s": "x\\"//y", "n": 1 //周一\n}`;
    expect(JSON.parse(stripJsonComments(text))).toEqual({ url: "http://a//b", s: 'x"//y', n: 1 });
  });
});
