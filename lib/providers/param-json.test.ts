import { describe, expect, it } from "vitest";
import { ALIYUN_VMS_PARAMS } from "./aliyun-vms/capabilities";
import {
  blankRow,
  decodeObject,
  decodePairs,
  decodeRecords,
  encodeObject,
  encodePairs,
  encodeRecords,
  listHas,
  timeWithSeconds,
  toggleListItem,
} from "./param-json";
import type { ParamFormat, ParamJsonField } from "./types";

const fieldsOf = (key: string): ParamJsonField[] => {
  const format = ALIYUN_VMS_PARAMS.find((spec) => spec.key === key)?.format as Extract<ParamFormat, { fields: ParamJsonField[] }>;
  return format.fields;
};

describe("key/value list (pairs)", () => {
  it("writes one pair per element, as the provider documents, and reads it back", () => {
    const rows = [
      { key: "name", value: "1234" },
      { key: "name1", value: "12345" },
    ];
    const text = encodePairs(rows);
    expect(text).toBe('[{"name":"1234"},{"name1":"12345"}]');
    expect(decodePairs(text)).toEqual(rows);
  });

  it("leaves out rows without a key and sends nothing for an empty list", () => {
    expect(encodePairs([{ key: " ", value: "x" }])).toBe("");
    expect(decodePairs("")).toEqual([]);
  });

  it("reads only the first pair of an element and refuses what is not a list of objects", () => {
    expect(decodePairs('[{"a":"1","b":"2"}]')).toEqual([{ key: "a", value: "1" }]);
    expect(decodePairs('{"a":"1"}')).toBeNull();
    expect(decodePairs("[1]")).toBeNull();
    expect(decodePairs("not json")).toBeNull();
  });
});

describe("rows of fixed fields (records)", () => {
  it("writes agent lists as arrays and limits as strings, exactly the documented shape", () => {
    const fields = fieldsOf("CallLimitStrategy");
    const rows = [{ cnos: "2000, 2001", limit: "5" }];
    const text = encodeRecords(fields, rows);
    expect(text).toBe('[{"cnos":["2000","2001"],"limit":"5"}]');
    expect(decodeRecords(fields, text)).toEqual([{ cnos: "2000, 2001", limit: "5" }]);
  });

  it("round-trips name/value variables and drops blank rows", () => {
    const fields = fieldsOf("CallVariables");
    const rows = [{ name: "abcdefg", value: "${cdr_enterprise_id}" }, blankRow(fields)];
    const text = encodeRecords(fields, rows);
    expect(text).toBe('[{"name":"abcdefg","value":"${cdr_enterprise_id}"}]');
    expect(decodeRecords(fields, text)).toEqual([rows[0]]);
    expect(encodeRecords(fields, [blankRow(fields)])).toBe("");
  });

  it("refuses a stored value that is not a list of objects", () => {
    expect(decodeRecords(fieldsOf("CallVariables"), '{"name":"a"}')).toBeNull();
    expect(decodeRecords(fieldsOf("CallVariables"), '["a"]')).toBeNull();
  });
});

describe("one object (sub-form)", () => {
  it("writes a tick as the provider's string flag and reads it back", () => {
    const fields = fieldsOf("ClidProperty");
    const text = encodeObject(fields, { defaultAreaCode: "010", isMatchCapital: true });
    expect(text).toBe('{"defaultAreaCode":"010","isMatchCapital":"1"}');
    expect(decodeObject(fields, text)).toEqual({ defaultAreaCode: "010", isMatchCapital: true });
    expect(encodeObject(fields, { defaultAreaCode: "021", isMatchCapital: false })).toBe('{"defaultAreaCode":"021","isMatchCapital":"0"}');
  });

  it("sends nothing while the form is blank, and names an unreadable value", () => {
    const fields = fieldsOf("ClidProperty");
    expect(encodeObject(fields, blankRow(fields))).toBe("");
    expect(decodeObject(fields, "")).toEqual(blankRow(fields));
    expect(decodeObject(fields, "{oops")).toBeNull();
  });
});

describe("lists and times", () => {
  it("adds and removes an offered value in a comma-separated list", () => {
    expect(toggleListItem("", "2001", true)).toBe("2001");
    expect(toggleListItem("1001, 2001", "2002", true)).toBe("1001,2001,2002");
    expect(toggleListItem("1001,2001", "2001", false)).toBe("1001");
    expect(listHas("1001, 2001", "2001")).toBe(true);
  });

  it("keeps the seconds a time picker leaves out", () => {
    expect(timeWithSeconds("08:00")).toBe("08:00:00");
    expect(timeWithSeconds("08:00:30")).toBe("08:00:30");
    expect(timeWithSeconds("")).toBe("");
  });
});
