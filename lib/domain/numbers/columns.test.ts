import { describe, expect, it } from "vitest";
import { guessMapping, rememberMapping } from "./columns";
import { readContactRow } from "./rows";

describe("column mapping", () => {
  it("finds phone and name by header words in either language", () => {
    const m = guessMapping([["姓名", "手机号码", "金额"], ["张三", "13800138000", "100"]], { country: "CN", variables: ["金额"] });
    expect(m).toEqual({ hasHeader: true, phone: 1, name: 0, variables: [{ name: "金额", column: 2 }] });
  });

  it("without a header, takes the column holding the numbers", () => {
    const m = guessMapping([["Zhang", "13800138000"], ["Li", "13900139000"]], { country: "CN" });
    expect(m.hasHeader).toBe(false);
    expect(m.phone).toBe(1);
    expect(m.name).toBe(0);
  });

  it("remembers columns by header name, so a file with reordered columns maps the same", () => {
    const first = guessMapping([["Tel", "Customer", "Level"], ["13800138000", "Zhang", "A"]], { country: "CN", variables: ["level"] });
    const remembered = rememberMapping({ ...first, variables: [{ name: "level", column: 2 }] }, ["Tel", "Customer", "Level"])!;
    const next = guessMapping([["Level", "Tel", "Customer"], ["A", "13800138000", "Zhang"]], { country: "CN", remembered });
    expect(next).toEqual({ hasHeader: true, phone: 1, name: 2, variables: [{ name: "level", column: 0 }] });
  });

  it("reads a row into a contact or names the problem", () => {
    const m = { hasHeader: false, phone: 0, name: 1, variables: [{ name: "amount", column: 2 }] };
    expect(readContactRow(["138 0013 8000", " Zhang ", "5"], m, "CN")).toEqual({ contact: { phone: "+8613800138000", name: "Zhang", variables: ["5"] } });
    expect(readContactRow(["", "Zhang"], m, "CN")).toEqual({ problem: "empty-phone" });
    expect(readContactRow(["12345", "Zhang"], m, "CN")).toMatchObject({ problem: "invalid-phone" });
    expect(readContactRow(["13800138000", "x".repeat(101)], m, "CN")).toMatchObject({ problem: "too-long", detail: { column: "name" } });
  });
});
