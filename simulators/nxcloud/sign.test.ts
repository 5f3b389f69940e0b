import { describe, expect, it } from "vitest";
import { algorithmOf, signMatches, simSign } from "./sign";

// docs/providers/nxcloud.md §1.2 test vector, the same one the client's signer is held to.
const parts = {
  secretKey: "u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr",
  uuid: "Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR",
  requestID: "0123456789abcdef0123456789abcdef",
  createTs: "1700000000",
  body: '{"customerId": "1234", "appKey": "xxxxxx", "status": 1}',
};

describe("the simulator's own signer", () => {
  it("matches the MD5 and SHA256 vectors, and signs the exact bytes", () => {
    expect(simSign(parts, "MD5")).toBe("5D9DF0A715F076BD80045812AB251F08");
    expect(simSign(parts, "SHA256")).toBe("07B49BD7AAA5DB7705A2B48D6024A00D9962FE643FC5379E1627D998A53A013A");
    expect(simSign({ ...parts, body: '{"customerId":"1234","appKey":"xxxxxx","status":1}' }, "MD5")).toBe("803303CCA984889E9908BB7BE4B3B343");
  });

  it("reads the algorithm header as documented and compares signs without regard to case", () => {
    expect([algorithmOf(undefined), algorithmOf(" "), algorithmOf("sha256"), algorithmOf("SHA1")]).toEqual(["MD5", "MD5", "SHA256", null]);
    expect(signMatches(parts, "MD5", "5d9df0a715f076bd80045812ab251f08")).toBe(true);
    expect(signMatches(parts, "MD5", "5D9DF0A715F076BD80045812AB251F09")).toBe(false);
    expect(signMatches(parts, "MD5", "")).toBe(false);
  });
});
