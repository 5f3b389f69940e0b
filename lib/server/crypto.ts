// Provider credentials at rest: AES-256-GCM with a random 12-byte IV per value. The key comes from
// DIALBOARD_ENCRYPTION_KEY or, in the embedded mode, a file generated once under data/ (0600).
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { encryptionKey } from "./config";

const VERSION = "v1";

export function encryptJson(value: unknown, key: Buffer = encryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptJson<T>(blob: string, key: Buffer = encryptionKey()): T {
  const [version, iv, tag, body] = blob.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Unrecognised credentials format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const text = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  return JSON.parse(text) as T;
}
