// Structured logs (pino). Secrets never reach a log line: credentials, passwords, tokens, cookies and
// signatures are redacted by path wherever they appear.
import pino from "pino";

export const REDACT_PATHS = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "credentials",
  "*.credentials",
  "credentialsEnc",
  "*.credentialsEnc",
  "secretKey",
  "*.secretKey",
  "accessKeySecret",
  "*.accessKeySecret",
  "appSecret",
  "*.appSecret",
  "token",
  "*.token",
  "access_token",
  "*.access_token",
  "headers.cookie",
  "*.headers.cookie",
  "headers.authorization",
  "*.headers.authorization",
  "headers.sign",
  "*.headers.sign",
];

/**
 * Phone numbers (issue 12 point 8): mainland mobiles with or without +86/86 and any E.164 number. Digit runs
 * longer than a phone number (19-digit task ids, millisecond timestamps) are left alone.
 */
const PHONE = /(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<![\d+])\+\d{7,15}(?!\d)/g;

/** The text with every phone number replaced; error messages (Prisma prints a query's arguments) included. */
export function redactPhones(text: string): string {
  return text.replace(PHONE, "[phone]");
}

/** Strings anywhere in a log argument with their phone numbers replaced (bounded depth, errors flattened). */
export function scrubPhones(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactPhones(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: redactPhones(value.message), stack: value.stack ? redactPhones(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((v) => scrubPhones(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubPhones(v, depth + 1)]));
}

/** pino options every Dialboard logger uses: secrets redacted by path, phone numbers by pattern. */
export const LOGGER_OPTIONS: pino.LoggerOptions = {
  redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((a) => scrubPhones(a)) as Parameters<typeof method>);
    },
  },
};

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "dialboard" },
  ...LOGGER_OPTIONS,
});
