import { describe, expect, it } from "vitest";
import { nxcloudSign, nxcloudSignMatches, nxcloudSignedHeaders, parseNxcloudAlgorithm } from "./sign";

// docs/providers/nxcloud.md §1.2 test vector (computed from the documented formula, cross-checked with coreutils).
const vector = {
  secretKey: "u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr",
  uuid: "Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR",
  requestID: "0123456789abcdef0123456789abcdef",
  createTs: "1700000000",
  body: '{"customerId": "1234", "appKey": "xxxxxx", "status": 1}',
};

describe("nxcloudSign", () => {
  it("matches the MD5 test vector", () => {
    expect(nxcloudSign({ ...vector, algorithm: "MD5" })).toBe("5D9DF0A715F076BD80045812AB251F08");
  });

  it("matches the SHA256 test vector", () => {
    expect(nxcloudSign({ ...vector, algorithm: "SHA256" })).toBe(
      "07B49BD7AAA5DB7705A2B48D6024A00D9962FE643FC5379E1627D998A53A013A",
    );
  });

  it("signs the exact bytes: the compact body gives a different sign", () => {
    const compact = '{"customerId":"1234","appKey":"xxxxxx","status":1}';
    expect(nxcloudSign({ ...vector, body: compact, algorithm: "MD5" })).toBe("803303CCA984889E9908BB7BE4B3B343");
  });

  it("accepts the right sign (any hex case) and rejects a wrong or missing one", () => {
    const input = { ...vector, algorithm: "MD5" as const };
    expect(nxcloudSignMatches(input, "5D9DF0A715F076BD80045812AB251F08")).toBe(true);
    expect(nxcloudSignMatches(input, "5d9df0a715f076bd80045812ab251f08")).toBe(true);
    expect(nxcloudSignMatches(input, "5D9DF0A715F076BD80045812AB251F09")).toBe(false);
    expect(nxcloudSignMatches({ ...input, body: input.body + " " }, "5D9DF0A715F076BD80045812AB251F08")).toBe(false);
    expect(nxcloudSignMatches(input, undefined)).toBe(false);
    expect(nxcloudSignMatches(input, "")).toBe(false);
  });
});

describe("parseNxcloudAlgorithm", () => {
  it("defaults to MD5 when absent and rejects unknown algorithms", () => {
    expect(parseNxcloudAlgorithm(undefined)).toBe("MD5");
    expect(parseNxcloudAlgorithm("")).toBe("MD5");
    expect(parseNxcloudAlgorithm("sha256")).toBe("SHA256");
    expect(parseNxcloudAlgorithm("SHA1")).toBeNull();
  });
});

describe("nxcloudSignedHeaders", () => {
  it("uses Unix seconds and signs with the given requestID", () => {
    const h = nxcloudSignedHeaders({
      uuid: vector.uuid,
      secretKey: vector.secretKey,
      algorithm: "MD5",
      body: vector.body,
      now: new Date(1_700_000_000_999),
      requestID: vector.requestID,
    });
    expect(h.createTs).toBe("1700000000");
    expect(h.sign).toBe("5D9DF0A715F076BD80045812AB251F08");
  });
});
