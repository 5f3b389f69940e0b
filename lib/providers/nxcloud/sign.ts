// NXCloud Callbot v3 request/response/webhook signature (docs/providers/nxcloud.md §1.2).
// sign = UPPER(hex(HASH(secretKey + "&body=" + body + "&createTs=" + createTs + "&requestID=" + requestID + "&uuid=" + uuid)))
// secretKey first with no "key=" prefix, fixed field order, over the EXACT body bytes sent.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";

export const NXCLOUD_ALGORITHMS = ["MD5", "SHA256"] as const;
export type NxcloudAlgorithm = (typeof NXCLOUD_ALGORITHMS)[number];

export interface NxcloudSignInput {
  secretKey: string;
  /** The exact JSON text on the wire; a re-serialised body signs differently (docs/providers/nxcloud.md §1.2 test vector). */
  body: string;
  /** Unix seconds, as a string. */
  createTs: string;
  requestID: string;
  uuid: string;
  algorithm: NxcloudAlgorithm;
}

export function nxcloudSign(input: NxcloudSignInput): string {
  const authRaw = `${input.secretKey}&body=${input.body}&createTs=${input.createTs}&requestID=${input.requestID}&uuid=${input.uuid}`;
  return createHash(input.algorithm === "SHA256" ? "sha256" : "md5")
    .update(authRaw, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** Constant-time comparison of a received sign with the expected one (hex compared case-insensitively). */
export function nxcloudSignMatches(input: NxcloudSignInput, received: string | undefined): boolean {
  if (!received) return false;
  const expected = Buffer.from(nxcloudSign(input), "utf8");
  const given = Buffer.from(received.toUpperCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The `algorithm` header: absent or blank means MD5 (docs/providers/nxcloud.md §1.2); anything other than MD5/SHA256 is null
 * so the caller can reject it rather than guess.
 */
export function parseNxcloudAlgorithm(value: string | undefined | null): NxcloudAlgorithm | null {
  const v = (value ?? "").trim().toUpperCase();
  if (v === "") return "MD5";
  return (NXCLOUD_ALGORITHMS as readonly string[]).includes(v) ? (v as NxcloudAlgorithm) : null;
}

export interface NxcloudSignedHeaders {
  requestID: string;
  uuid: string;
  createTs: string;
  sign: string;
  algorithm: NxcloudAlgorithm;
}

/** Fresh headers for one message: a new requestID and the current second, so every attempt is signed anew. */
export function nxcloudSignedHeaders(opts: {
  uuid: string;
  secretKey: string;
  algorithm: NxcloudAlgorithm;
  body: string;
  now: Date;
  requestID?: string;
}): NxcloudSignedHeaders {
  const requestID = opts.requestID ?? randomUUID().replace(/-/g, "");
  const createTs = String(Math.floor(opts.now.getTime() / 1000));
  const sign = nxcloudSign({
    secretKey: opts.secretKey,
    body: opts.body,
    createTs,
    requestID,
    uuid: opts.uuid,
    algorithm: opts.algorithm,
  });
  return { requestID, uuid: opts.uuid, createTs, sign, algorithm: opts.algorithm };
}
