import { describe, expect, it } from "vitest";
import { parseWshotoResponse, stringifyWshoto, wshotoLong, ZTaskDetail } from "./wire";

// docs/providers/wshoto.md §4 "int64 ids": the id from WShoto's own detail example.
const DOC_ID = "1254676189925432389";

describe("WShoto lossless JSON", () => {
  it("keeps a bare 19-digit id exact where JSON.parse rounds it", () => {
    const text = `{"code":0,"msg":"请求成功","data":{"template_id":${DOC_ID},"status":2,"complete_rate":66.67}}`;
    expect(String((JSON.parse(text) as { data: { template_id: number } }).data.template_id)).toBe("1254676189925432300");
    const body = parseWshotoResponse(text) as { data: Record<string, unknown> };
    expect(body.data.template_id).toBe(DOC_ID);
    expect(body.data.status).toBe(2);
    expect(body.data.complete_rate).toBe(66.67);
  });

  it("reads ids as strings whether they are small numbers or big digit strings", () => {
    expect(ZTaskDetail.parse(parseWshotoResponse(`{"template_id":21,"status":1}`)).template_id).toBe("21");
    expect(ZTaskDetail.parse(parseWshotoResponse(`{"template_id":${DOC_ID},"status":1}`)).template_id).toBe(DOC_ID);
  });

  it("writes ids back as bare digits, never quoted", () => {
    expect(stringifyWshoto({ template_id: wshotoLong(DOC_ID) })).toBe(`{"template_id":${DOC_ID}}`);
  });

  it("refuses an id that is not an integer before anything is sent", () => {
    expect(() => wshotoLong("12a4")).toThrow(RangeError);
    expect(() => wshotoLong("")).toThrow(RangeError);
  });
});
