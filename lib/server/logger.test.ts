import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LOGGER_OPTIONS, REDACT_PATHS, redactPhones } from "./logger";

describe("structured logs", () => {
  it("never carry a password, a provider secret, a token or a cookie", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, sink);
    log.info({ password: "hunter2-password", account: { credentials: { secretKey: "sk-live-123" }, name: "NX" } }, "saved");
    log.info({ req: { headers: { cookie: "better-auth.session_token=abc", authorization: "Bearer eyJhbGci" } } }, "request");
    log.info({ ctx: { accessKeySecret: "ali-secret", appSecret: "ws-secret", token: "yunfu-token" } }, "ctx");
    const out = lines.join("\n");
    for (const secret of ["hunter2-password", "sk-live-123", "session_token=abc", "eyJhbGci", "ali-secret", "ws-secret", "yunfu-token"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("[redacted]");
    expect(out).toContain('"name":"NX"');
  });

  it("never carry a phone number, in messages, fields or error texts", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(LOGGER_OPTIONS, sink);
    const prismaLike = 'Invalid `prisma.callRecord.createMany()` invocation: { data: [{ phone: "+8613800138000", userPhone: "8613900139000" }] }';
    log.warn({ rowId: "r1", err: prismaLike }, "webhook event not applied");
    log.warn(new Error("number 13700137000 refused"), "call to 13600136000 failed");
    log.info({ remoteId: "1254676189925432389", at: 1780000000000, intl: "+4915112345678" }, "ids stay");
    const out = lines.join("\n");
    for (const phone of ["13800138000", "13900139000", "13700137000", "13600136000", "4915112345678"]) expect(out).not.toContain(phone);
    expect(out).toContain("1254676189925432389");
    expect(out).toContain("1780000000000");
    expect(out).toContain("[phone]");
  });

  it("redactPhones leaves ids and timestamps alone", () => {
    expect(redactPhones("task 1254676189925432389 at 1780000000 called 8613800138000")).toBe("task 1254676189925432389 at 1780000000 called [phone]");
  });
});
