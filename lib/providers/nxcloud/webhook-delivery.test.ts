import { describe, expect, it } from "vitest";
import { nxcloudAdapter } from "./index";
import { nxcloudSignedHeaders } from "./sign";

describe("NXCloud webhook delivery identity", () => {
  it("names the signed requestID and createTs of a callback, for replay refusal", () => {
    const now = new Date("2026-11-30T02:00:00Z");
    const h = nxcloudSignedHeaders({ uuid: "u", secretKey: "k", algorithm: "MD5", body: "{}", now, requestID: "abc123" });
    const headers = { requestid: h.requestID, createts: h.createTs, uuid: h.uuid, sign: h.sign };
    expect(nxcloudAdapter.webhookDelivery!({ headers, query: {}, rawBody: "{}" })).toEqual({ id: "abc123", sentAt: now });
  });

  it("names none when the id or the time is missing or not a time", () => {
    const delivery = (headers: Record<string, string>) => nxcloudAdapter.webhookDelivery!({ headers, query: {}, rawBody: "{}" });
    expect(delivery({ createTs: "1780000000" })).toBeNull();
    expect(delivery({ requestID: "r" })).toBeNull();
    expect(delivery({ requestID: "r", createTs: "1e20" })).toBeNull();
    expect(delivery({ requestID: "r".repeat(200), createTs: "1780000000" })).toBeNull();
  });
});
