import { describe, expect, it } from "vitest";
import { parseContacts, type ParseContactsOptions } from "./contacts-import";

const cn: ParseContactsOptions = { defaultCountry: "CN", variables: [] };

describe("parseContacts: numbers", () => {
  it("normalises a Chinese mobile number to E.164", () => {
    const { contacts, problems } = parseContacts("13800138000", cn);
    expect(problems).toEqual([]);
    expect(contacts).toEqual([{ row: 1, phone: "+8613800138000", name: "", variables: {} }]);
  });

  it("normalises an international number written with punctuation", () => {
    const { contacts } = parseContacts('"+1 (415) 555-0100",Ann', cn);
    expect(contacts[0]).toMatchObject({ phone: "+14155550100", name: "Ann" });
  });

  it("reports duplicates after normalisation, pointing at the first line", () => {
    const { contacts, problems } = parseContacts("138 0013 8000,Wang\n+86 13800138000,Li\n", cn);
    expect(contacts.map((contact) => contact.row)).toEqual([1]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 2, reason: "duplicate", duplicateOfRow: 1, raw: "+86 13800138000,Li" }),
    ]);
    expect(problems[0].message.zh).toContain("第 1 行");
  });

  it("reports invalid and empty numbers with the line the user sees", () => {
    const { contacts, problems } = parseContacts("13800138000\n\n12345,Bad\n,No phone\n", cn);
    expect(contacts).toHaveLength(1);
    expect(problems.map((problem) => [problem.row, problem.reason])).toEqual([
      [3, "invalid-phone"],
      [4, "empty-phone"],
    ]);
    expect(problems[0].message.en).toContain("12345");
  });
});

describe("parseContacts: layout", () => {
  it("detects a header row and reads columns by name, BOM and CRLF included", () => {
    const csv = "\uFEFF姓名,手机号码,城市\r\n张三,13800138000,上海\r\n李四,13900139000,北京\r\n";
    const result = parseContacts(csv, { defaultCountry: "CN", variables: ["城市"] });
    expect(result.headerRow).toBe(1);
    expect(result.problems).toEqual([]);
    expect(result.contacts).toEqual([
      { row: 2, phone: "+8613800138000", name: "张三", variables: { 城市: "上海" } },
      { row: 3, phone: "+8613900139000", name: "李四", variables: { 城市: "北京" } },
    ]);
  });

  it("without a header, columns are phone, name, then the variables in order", () => {
    const pasted = "13800138000\tZhang San\tShanghai\tVIP\n13900139000\tLi Si\tBeijing\tgold\n";
    const { contacts, headerRow } = parseContacts(pasted, { defaultCountry: "CN", variables: ["city", "level"] });
    expect(headerRow).toBeNull();
    expect(contacts[1]).toEqual({
      row: 2,
      phone: "+8613900139000",
      name: "Li Si",
      variables: { city: "Beijing", level: "gold" },
    });
  });

  it("reports a row that leaves a script variable empty", () => {
    const { contacts, problems } = parseContacts("13800138000,Wang,Shanghai\n13900139000,Li\n", {
      defaultCountry: "CN",
      variables: ["city"],
    });
    expect(contacts).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ row: 2, reason: "missing-variable" })]);
    expect(problems[0].message.en).toContain("city");
  });

  it("counts lines inside a quoted multi-line cell so later row numbers stay right", () => {
    const csv = 'phone,name\n13800138000,"Wang\nsecond line"\nnot-a-number,X\n';
    const { contacts, problems } = parseContacts(csv, cn);
    expect(contacts[0]).toMatchObject({ row: 2, name: "Wang\nsecond line" });
    expect(problems).toEqual([expect.objectContaining({ row: 4, reason: "invalid-phone" })]);
  });

  it("still gives every line a verdict when a quote is never closed", () => {
    const { contacts, problems } = parseContacts('13800138000,"Wang\n13900139000,Li\n', cn);
    expect(contacts.map((contact) => [contact.row, contact.phone])).toEqual([
      [1, "+8613800138000"],
      [2, "+8613900139000"],
    ]);
    expect(problems).toEqual([]);
  });

  it("a first row holding a number is data, even with a header-like word in it", () => {
    const { contacts, headerRow } = parseContacts("13800138000,phone owner\n", cn);
    expect(headerRow).toBeNull();
    expect(contacts).toHaveLength(1);
  });
});

describe("parseContacts: limits", () => {
  it("reports every row beyond the limit instead of dropping it", () => {
    const lines = Array.from({ length: 5 }, (_, index) => `1380013800${index}`).join("\n");
    const { contacts, problems } = parseContacts(lines, { ...cn, maxRows: 3 });
    expect(contacts.map((contact) => contact.row)).toEqual([1, 2, 3]);
    expect(problems.map((problem) => [problem.row, problem.reason])).toEqual([
      [4, "too-many-rows"],
      [5, "too-many-rows"],
    ]);
  });

  it("accounts for every non-blank row at the default limit of 10,000", () => {
    const rows = Array.from({ length: 10_002 }, (_, index) => `+86 139${String(index).padStart(8, "0")}`);
    const { contacts, problems } = parseContacts(rows.join("\n"), cn);
    expect(contacts).toHaveLength(10_000);
    expect(problems.map((problem) => problem.row)).toEqual([10_001, 10_002]);
    expect(problems.every((problem) => problem.reason === "too-many-rows")).toBe(true);
  });
});
