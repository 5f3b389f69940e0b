// The simulator's own reading of "Callbot API authorization" (docs/providers/nxcloud.md §1.2):
// authRaw = secretKey + "&body=" + body + "&createTs=" + createTs + "&requestID=" + requestID + "&uuid=" + uuid,
// sign = upper-case hex of MD5 (default) or SHA256 of authRaw, over the body exactly as it travelled.
import { createHash, timingSafeEqual } from "node:crypto";

export type SimAlgorithm = "MD5" | "SHA256";

export interface SignParts {
  secretKey: string;
  body: string;
  createTs: string;
  requestID: string;
  uuid: string;
}

export function simSign(parts: SignParts, algorithm: SimAlgorithm): string {
  const authRaw = [parts.secretKey, `body=${parts.body}`, `createTs=${parts.createTs}`, `requestID=${parts.requestID}`, `uuid=${parts.uuid}`].join("&");
  return createHash(algorithm === "SHA256" ? "sha256" : "md5")
    .update(Buffer.from(authRaw, "utf8"))
    .digest("hex")
    .toUpperCase();
}

/** The "algorithm" header: "MD5 or SHA256, default to MD5 if left blank"; anything else is not an algorithm. */
export function algorithmOf(header: string | undefined): SimAlgorithm | null {
  const value = (header ?? "").trim();
  if (value === "") return "MD5";
  if (/^md5$/i.test(value)) return "MD5";
  if (/^sha256$/i.test(value)) return "SHA256";
  return null;
}

/** Constant-time check of a received sign (hex digits compared without regard to case). */
export function signMatches(parts: SignParts, algorithm: SimAlgorithm, received: string): boolean {
  const expected = Buffer.from(simSign(parts, algorithm));
  const given = Buffer.from(received.toUpperCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
