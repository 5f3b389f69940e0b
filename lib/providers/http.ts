// Shared HTTP plumbing for provider clients: timeouts, bounded retries with backoff for safe
// calls only (honouring Retry-After), and typed errors. Each provider's client.ts builds its
// request (signing, envelope) and interprets the body; this file only moves bytes.
import { ProviderError } from "./errors";
import { checkOutboundUrl, securityText } from "./outbound";
import type { ProviderContext, ProviderKind } from "./types";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Only safe (idempotent) calls are retried. A create is never retried blindly. */
  safe: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Failures that happen before a byte of the request left this machine: nothing can have been applied. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ERR_INVALID_URL", "ERR_TLS_CERT_ALTNAME_INVALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);

function failedBeforeSending(e: unknown): boolean {
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" ? cause.code : e instanceof Error && "code" in e ? String((e as { code: unknown }).code) : "";
  return NOT_SENT_CODES.has(code);
}

function retryAfterMs(headers: Headers, fallback: number): number {
  const v = headers.get("retry-after");
  if (!v) return fallback;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.min(secs * 1000, 30_000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.min(at - Date.now(), 30_000)) : fallback;
}

/**
 * Sends one request. Retries (safe calls only) on network errors, timeouts, 429 and 5xx, up to
 * ctx.maxAttempts (default 4) with exponential backoff from ctx.backoffMs (default 200 ms).
 * `prepare` is called before every attempt so signatures/nonces/timestamps are fresh. The address is checked
 * first (outbound.ts) and redirects are never followed: every provider request carries credentials.
 */
export async function sendWithRetry(
  provider: ProviderKind,
  ctx: ProviderContext,
  prepare: () => HttpRequest,
): Promise<HttpResponse> {
  const doFetch = ctx.fetch ?? fetch;
  const timeoutMs = ctx.timeoutMs ?? 10_000;
  const base = ctx.backoffMs ?? 200;
  let attempt = 0;
  for (;;) {
    attempt++;
    const req = prepare();
    const maxAttempts = req.safe ? (ctx.maxAttempts ?? 4) : 1;
    if (attempt === 1) await checkOutboundUrl(provider, req.url, ctx.network);
    let res: Response;
    try {
      res = await doFetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
      if (attempt < maxAttempts) {
        await sleep(base * 2 ** (attempt - 1));
        continue;
      }
      throw new ProviderError({
        provider,
        code: timedOut ? "TIMEOUT" : "NETWORK",
        providerMessage: e instanceof Error ? e.message : String(e),
        retryable: true,
        // A timeout or a connection dropped mid-request may have reached the provider; a refused connection has not.
        mayHaveApplied: timedOut || !failedBeforeSending(e),
        userMessage: timedOut
          ? securityText("http.timeout")
          : securityText("http.unreachable"),
      });
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      throw new ProviderError({
        provider,
        code: "REDIRECT",
        providerMessage: `HTTP ${res.status} redirect not followed`,
        httpStatus: res.status,
        userMessage: securityText("outbound.redirect", { status: res.status }),
      });
    }
    const text = await res.text();
    const transient = res.status === 429 || res.status >= 500;
    if (transient && attempt < maxAttempts) {
      await sleep(res.status === 429 ? retryAfterMs(res.headers, base * 2 ** (attempt - 1)) : base * 2 ** (attempt - 1));
      continue;
    }
    return { status: res.status, headers: res.headers, text };
  }
}

/** Error for an HTTP status the provider's envelope did not explain. */
export function httpStatusError(provider: ProviderKind, status: number, text: string): ProviderError {
  return new ProviderError({
    provider,
    code: `HTTP_${status}`,
    providerMessage: text.slice(0, 300),
    httpStatus: status,
    retryable: status === 429 || status >= 500,
    userMessage:
      status === 429
        ? securityText("http.rateLimited")
        : status >= 500
          ? securityText("http.serverError")
          : securityText("http.refused", { status }),
  });
}
