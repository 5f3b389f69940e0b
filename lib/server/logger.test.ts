import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REDACT_PATHS } from "./logger";

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
});
