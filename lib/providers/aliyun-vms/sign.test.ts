import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalQuery, encodeParams, formatTimestamp, percentEncode, signRpc, signedParams, stringToSign } from "./sign";

// Expected values are written out by hand from docs/providers/aliyun-vms.md §Signing and hashed here with
// node:crypto directly, so these tests pin the exact canonical form rather than echo sign.ts.
const hmac = (secret: string, text: string) => createHmac("sha1", `${secret}&`).update(text, "utf8").digest("base64");

describe("percentEncode", () => {
  it("follows RFC 3986 with Alibaba's rules", () => {
    expect(percentEncode("a b")).toBe("a%20b");
    expect(percentEncode("*")).toBe("%2A");
    expect(percentEncode("~")).toBe("~");
    expect(percentEncode("/")).toBe("%2F");
    expect(percentEncode("!'()")).toBe("%21%27%28%29");
    expect(percentEncode("AZaz09-_.")).toBe("AZaz09-_.");
    expect(percentEncode("催收")).toBe("%E5%82%AC%E6%94%B6");
    expect(percentEncode("{\"a\":1}")).toBe("%7B%22a%22%3A1%7D");
  });
});

describe("RPC V2 signature", () => {
  it("matches the documented Alibaba example (DescribeRegions, testid/testsecret)", () => {
    const params = {
      Action: "DescribeRegions",
      Version: "2014-05-26",
      Format: "XML",
      AccessKeyId: "testid",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      Timestamp: "2016-02-23T12:46:24Z",
    };
    const expected =
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
      "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
      "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";
    expect(stringToSign(params, "GET")).toBe(expected);
    expect(signRpc(params, "testsecret", "GET")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("encodes space, *, ~, Chinese and / exactly, and ignores a Signature parameter", () => {
    const params = {
      Action: "CloudCreateTask",
      Version: "2017-05-25",
      Format: "JSON",
      AccessKeyId: "testid",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "n-1",
      Timestamp: "2026-01-02T03:04:05Z",
      Name: "催收 任务*~/x",
      Description: "a+b=c&d",
      Signature: "must-not-be-signed",
    };
    const canonical =
      "AccessKeyId=testid&Action=CloudCreateTask&Description=a%2Bb%3Dc%26d&Format=JSON" +
      "&Name=%E5%82%AC%E6%94%B6%20%E4%BB%BB%E5%8A%A1%2A~%2Fx&SignatureMethod=HMAC-SHA1&SignatureNonce=n-1" +
      "&SignatureVersion=1.0&Timestamp=2026-01-02T03%3A04%3A05Z&Version=2017-05-25";
    const toSign =
      "POST&%2F&AccessKeyId%3Dtestid%26Action%3DCloudCreateTask%26Description%3Da%252Bb%253Dc%2526d%26Format%3DJSON" +
      "%26Name%3D%25E5%2582%25AC%25E6%2594%25B6%2520%25E4%25BB%25BB%25E5%258A%25A1%252A~%252Fx" +
      "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dn-1%26SignatureVersion%3D1.0" +
      "%26Timestamp%3D2026-01-02T03%253A04%253A05Z%26Version%3D2017-05-25";
    expect(canonicalQuery(params)).toBe(canonical);
    expect(stringToSign(params, "POST")).toBe(toSign);
    expect(signRpc(params, "s3cr3t", "POST")).toBe(hmac("s3cr3t", toSign));
    // The method is part of what is signed.
    expect(signRpc(params, "s3cr3t", "GET")).not.toBe(signRpc(params, "s3cr3t", "POST"));
  });

  it("adds the common parameters and a signature the server can recompute", () => {
    const signed = signedParams({
      action: "CloudQueryTask",
      accessKeyId: "AK",
      accessKeySecret: "SK",
      method: "POST",
      params: { EnterpriseId: "7000002", Type: "1" },
      nonce: "nonce-42",
      now: new Date("2026-03-01T08:09:10.123Z"),
    });
    expect(signed).toMatchObject({
      Action: "CloudQueryTask",
      Version: "2017-05-25",
      Format: "JSON",
      AccessKeyId: "AK",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "nonce-42",
      Timestamp: "2026-03-01T08:09:10Z",
    });
    const toSign =
      "POST&%2F&AccessKeyId%3DAK%26Action%3DCloudQueryTask%26EnterpriseId%3D7000002%26Format%3DJSON" +
      "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-42%26SignatureVersion%3D1.0" +
      "%26Timestamp%3D2026-03-01T08%253A09%253A10Z%26Type%3D1%26Version%3D2017-05-25";
    expect(signed.Signature).toBe(hmac("SK", toSign));
    // The body carries the same encoding; "+" and "=" of the Base64 signature are escaped.
    const body = encodeParams({ Signature: "a+b/c=" });
    expect(body).toBe("Signature=a%2Bb%2Fc%3D");
    expect(new URLSearchParams(body).get("Signature")).toBe("a+b/c=");
  });

  it("formats Timestamp as yyyy-MM-ddTHH:mm:ssZ in UTC", () => {
    expect(formatTimestamp(new Date("2026-12-31T23:59:59.999Z"))).toBe("2026-12-31T23:59:59Z");
  });
});
