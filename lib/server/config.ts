// Runtime configuration from the environment, with the embedded defaults (docs/design.md "Runtime").
// Secrets never come from here into logs or the browser.
import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.DIALBOARD_DATA_DIR ?? "data");

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:${path.join(DATA_DIR, "dialboard.db")}`;
}

export function isPostgres(url = databaseUrl()): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/** Embedded mode: SQLite + built-in simulators + demo accounts. Off when DATABASE_URL points at PostgreSQL unless forced. */
export function embeddedMode(): boolean {
  const v = process.env.DIALBOARD_EMBEDDED;
  if (v === "0" || v === "false") return false;
  if (v === "1" || v === "true") return true;
  return !isPostgres();
}

export function appUrl(): string {
  return process.env.BETTER_AUTH_URL ?? process.env.DIALBOARD_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/**
 * How many times faster than real time the built-in simulators run (DIALBOARD_SIM_FACTOR, scripts/embedded.ts),
 * or null when they do not run (not embedded, or dialling switched off with 0).
 */
export function simulatorFactor(value = process.env.DIALBOARD_SIM_FACTOR, embedded = embeddedMode()): number | null {
  if (!embedded) return null;
  const factor = Number(value ?? 60);
  return Number.isFinite(factor) && factor > 0 ? factor : null;
}

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Origins better-auth accepts besides appUrl(). In the embedded mode the app runs on one machine and a user
 * may open it as localhost, 127.0.0.1 or [::1] (setup works from any of them, so sign-in must too): every
 * loopback name of the port the app serves. Elsewhere only appUrl() is trusted.
 */
export function trustedOrigins(port: string = process.env.PORT ?? "3000", embedded = embeddedMode()): string[] {
  if (!embedded) return [];
  return LOOPBACK_HOSTS.map((host) => `http://${host}:${port}`);
}

/**
 * A secret from the environment, or (embedded mode only) generated once into data/ with 0600
 * permissions. In production with PostgreSQL a missing secret is an error, not a silent default.
 */
export function secretFromEnvOrFile(envName: string, fileName: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const file = path.join(DATA_DIR, fileName);
  if (existsSync(/*turbopackIgnore: true*/ file)) return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  if (!embeddedMode()) {
    throw new Error(`${envName} is not set. Set it in the environment (see README "Configuration").`);
  }
  mkdirSync(/*turbopackIgnore: true*/ DATA_DIR, { recursive: true });
  const value = randomBytes(32).toString("base64url");
  writeFileSync(/*turbopackIgnore: true*/ file, value + "\n", { mode: 0o600 });
  chmodSync(/*turbopackIgnore: true*/ file, 0o600);
  return value;
}

export function authSecret(): string {
  return secretFromEnvOrFile("BETTER_AUTH_SECRET", "auth-secret");
}

/** 32-byte key for AES-256-GCM of provider credentials (base64 or hex in DIALBOARD_ENCRYPTION_KEY). */
export function encryptionKey(): Buffer {
  const raw = secretFromEnvOrFile("DIALBOARD_ENCRYPTION_KEY", "encryption-key");
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64url");
  if (key.length !== 32) throw new Error("DIALBOARD_ENCRYPTION_KEY must be 32 bytes (64 hex chars or base64url).");
  return key;
}

/** Interval of the scheduled provider sync, in seconds (0 = off). */
export function syncIntervalSec(): number {
  const v = Number(process.env.DIALBOARD_SYNC_INTERVAL_SEC ?? 60);
  return Number.isFinite(v) && v >= 0 ? v : 60;
}
