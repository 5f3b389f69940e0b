// The gateway side of an Alibaba Cloud RPC call, written from the documents on its own (docs/providers/aliyun-vms.md
// §Signing, §Errors): parameters from the query or a form body, the V2 HMAC-SHA1 signature, the 15-minute timestamp
// window, nonce replay, and the gateway's error answers. No byte of it comes from our client.
import { createHmac } from "node:crypto";
import type { SimRequest } from "../core/http";

export const VERSION = "2017-05-25";
/** Timestamp must be within 15 minutes; a nonce is remembered as long. */
export const CLOCK_SKEW_MS = 15 * 60_000;

export type Params = Map<string, string>;

/** A documented rule was broken: answered as the gateway answers, `{RequestId, HostId, Code, Message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const missing = (name: string) =>
  new ApiError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
export const invalid = (name: string, why: string) => new ApiError(400, "InvalidParameter", `The specified parameter "${name}" is not valid: ${why}`);
// The Cloud* business codes are not published (docs/providers/aliyun-vms.md §Errors): these names are ours.
export const taskNotFound = () => new ApiError(400, "Task.NotFound", "The specified task does not exist.");
export const statusNotAllowed = (why: string) => new ApiError(400, "Task.StatusNotAllowed", why);

/** Parameters every Alibaba RPC call may carry besides the action's own (common parameters, SDK model extras). */
const COMMON = new Set([
  "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature",
  "SecurityToken", "RegionId", "OwnerId", "ResourceOwnerAccount", "ResourceOwnerId",
]);

/** The query and, for a form POST, the body: the gateway reads both. */
export function readParams(req: SimRequest): Params {
  const all: Params = new Map();
  for (const [k, v] of req.query) all.set(k, v);
  const type = req.headers["content-type"] ?? "";
  if (req.method === "POST" && req.rawBody && type.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(req.rawBody)) all.set(k, v);
  }
  return all;
}

/** Each byte as RFC 3986 writes it: unreserved A–Z a–z 0–9 - _ . ~ as itself, everything else %XY uppercase. */
const BYTE_TEXT = Array.from({ length: 256 }, (_, byte) => {
  const c = String.fromCharCode(byte);
  return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
});

/** RFC 3986 over UTF-8 bytes (a table, so an 8 MB number list is encoded in milliseconds). */
function rfc3986(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = BYTE_TEXT[bytes[i]];
  return parts.join("");
}

function stringToSign(method: string, params: Params): string {
  const names = [...params.keys()].filter((k) => k !== "Signature").sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const canonical = names.map((k) => `${rfc3986(k)}=${rfc3986(params.get(k) ?? "")}`).join("&");
  return `${method}&${rfc3986("/")}&${rfc3986(canonical)}`;
}

export interface Gateway {
  credentials: Record<string, string>;
  /** nonce → real ms when first seen (real time: the 15-minute window is the gateway's, not the call centre's). */
  nonces: Map<string, number>;
}

export function authenticate(gateway: Gateway, method: string, p: Params): void {
  for (const name of ["AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version"]) {
    if (!p.get(name)) throw missing(name);
  }
  if (p.get("Version") !== VERSION) throw new ApiError(400, "NoSuchVersion", `The specified version "${p.get("Version")}" does not exist.`);
  if (p.get("SignatureMethod") !== "HMAC-SHA1" || p.get("SignatureVersion") !== "1.0") {
    throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
  }
  if (p.get("Format") && !["JSON", "XML"].includes(p.get("Format") ?? "")) throw invalid("Format", "JSON or XML");
  if (p.get("AccessKeyId") !== gateway.credentials.accessKeyId) {
    throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  const stamp = p.get("Timestamp") ?? "";
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(stamp) ? Date.parse(stamp) : NaN;
  if (!Number.isFinite(at) || Math.abs(Date.now() - at) > CLOCK_SKEW_MS) {
    throw new ApiError(400, "IllegalTimestamp", `The input parameter "Timestamp" that is mandatory for processing this request is not supplied or is out of the 15-minute window.`);
  }
  const toSign = stringToSign(method === "GET" ? "GET" : "POST", p);
  const expected = createHmac("sha1", `${gateway.credentials.accessKeySecret}&`).update(toSign, "utf8").digest("base64");
  if (expected !== p.get("Signature")) {
    throw new ApiError(403, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${toSign}`);
  }
  // INFERENCE (docs/providers/aliyun-vms.md §Errors): a nonce seen within 15 minutes is a replay.
  const now = Date.now();
  for (const [nonce, seen] of gateway.nonces) if (now - seen > CLOCK_SKEW_MS) gateway.nonces.delete(nonce);
  const nonce = p.get("SignatureNonce") ?? "";
  if (gateway.nonces.has(nonce)) throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  gateway.nonces.set(nonce, now);
}

/**
 * A parameter the action's SDK model does not have is refused (docs/providers/aliyun-vms.md §Update): the real
 * gateway's handling of unknown parameters is not documented, and a strict reading catches a client that sends
 * fields the provider never defined (Type or CallGroupType on CloudUpdateTask).
 */
export function refuseUnknown(action: string, p: Params, known: readonly string[]): void {
  for (const key of p.keys()) {
    if (!COMMON.has(key) && !known.includes(key)) throw invalid(key, `${action} has no such parameter`);
  }
}

export function optionalInt(p: Params, name: string): number | undefined {
  const raw = p.get(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalid(name, "must be an integer");
  return Number(raw);
}

export function requiredInt(p: Params, name: string): number {
  const v = optionalInt(p, name);
  if (v === undefined) throw missing(name);
  return v;
}

export function requiredText(p: Params, name: string): string {
  const v = p.get(name);
  if (v === undefined || v === "") throw missing(name);
  return v;
}

export function jsonArray(name: string, text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(name, "must be a JSON array");
  }
  if (!Array.isArray(parsed)) throw invalid(name, "must be a JSON array");
  return parsed;
}
