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

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "dialboard" },
  redact: { paths: REDACT_PATHS, censor: "[redacted]" },
});
