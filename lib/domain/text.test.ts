import { describe, expect, it } from "vitest";
import { catalogText, formatList, inEachLocale, joinTexts, localize, sameText } from "./text";

const text = catalogText(
  { day: { monday: "Monday" }, labelled: "{label}: {message}", count: "{n, plural, one {# call} other {# calls}}" },
  { day: { monday: "周一" }, labelled: "{label}：{message}", count: "{n} 个通话" },
);

describe("catalogText", () => {
  it("formats each language's ICU message from its own catalog", () => {
    expect(text("count", { n: 1 })).toEqual({ en: "1 call", zh: "1 个通话" });
    expect(text("count", { n: 3 })).toEqual({ en: "3 calls", zh: "3 个通话" });
  });

  it("puts a LocalizedText argument into each language in that language's words", () => {
    expect(text("labelled", { label: text("day.monday"), message: sameText("09:00–12:00") })).toEqual({
      en: "Monday: 09:00–12:00",
      zh: "周一：09:00–12:00",
    });
  });
});

describe("localize", () => {
  it("picks the locale's words and passes a missing text through", () => {
    expect(localize({ en: "Monday", zh: "周一" }, "zh-CN")).toBe("周一");
    expect(localize({ en: "Monday", zh: "周一" }, "en")).toBe("Monday");
    expect(localize(null, "en")).toBeUndefined();
  });
});

describe("lists", () => {
  it("separates items the way each language does, without adding 'and'", () => {
    expect(formatList(["Mon", "Wed", "Fri"], "en")).toBe("Mon, Wed, Fri");
    expect(formatList(["周一", "周三", "周五"], "zh-CN")).toBe("周一、周三、周五");
    expect(inEachLocale((locale) => formatList(["a", "b"], locale))).toEqual({ en: "a, b", zh: "a、b" });
  });

  it("runs words together as each language does", () => {
    expect(joinTexts([{ en: "1 day", zh: "1天" }, { en: "2 h", zh: "2小时" }])).toEqual({ en: "1 day 2 h", zh: "1天2小时" });
  });
});
