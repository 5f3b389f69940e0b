// Alibaba Cloud OpenAPI RPC signature V2 (HMAC-SHA1), docs/providers/aliyun-vms.md §Signing.
// Every Cloud* action is an RPC call: the common parameters and the action's own parameters are
// canonicalised together, and the signature covers all of them.
import { createHmac } from "node:crypto";

export type RpcMethod = "GET" | "POST";
export type RpcParams = Record<string, string>;

export const API_VERSION = "2017-05-25";

/**
 * RFC 3986 percent-encoding as Alibaba requires: UTF-8, unreserved `A–Z a–z 0–9 - _ . ~` kept,
 * everything else `%XY` with uppercase hex; space → %20 (never "+"), `*` → %2A, `~` stays.
 * encodeURIComponent already does this except for `! ' ( ) *`, which it leaves alone.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters sorted by name (byte order; names are ASCII), each name and value percent-encoded, joined `k=v&k=v`. `Signature` is excluded. */
export function canonicalQuery(params: RpcParams): string {
  return Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
}

/** `METHOD&%2F&percentEncode(canonicalQuery)`. */
export function stringToSign(params: RpcParams, method: RpcMethod): string {
  return `${method}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

/** Base64(HMAC-SHA1(key = secret + "&", StringToSign)). */
export function signRpc(params: RpcParams, secret: string, method: RpcMethod): string {
  return createHmac("sha1", `${secret}&`).update(stringToSign(params, method), "utf8").digest("base64");
}

/** ISO 8601 UTC without milliseconds, `yyyy-MM-ddTHH:mm:ssZ`, as the Timestamp parameter requires. */
export function formatTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface SignedCallInput {
  action: string;
  accessKeyId: string;
  accessKeySecret: string;
  method: RpcMethod;
  params: RpcParams;
  nonce: string;
  now: Date;
}

/** The action's parameters plus the common parameters and `Signature`, ready to send. */
export function signedParams(input: SignedCallInput): RpcParams {
  const all: RpcParams = {
    ...input.params,
    Action: input.action,
    Version: API_VERSION,
    Format: "JSON",
    AccessKeyId: input.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: input.nonce,
    Timestamp: formatTimestamp(input.now),
  };
  return { ...all, Signature: signRpc(all, input.accessKeySecret, input.method) };
}

/** Form body / query string: the same percent-encoding as the signature, so what is signed is what is sent. */
export function encodeParams(params: RpcParams): string {
  return Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
}
