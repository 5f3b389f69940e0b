// The Content-Security-Policy of every page (issue 12 point 9), built per request with a fresh nonce by
// proxy.ts. Scripts run only with the nonce (Next adds it to its own scripts when it sees the policy on the
// request); nothing may frame the app; no plugin, no base-URI change, forms post only to ourselves.
// Styles keep 'unsafe-inline': charts and Radix position elements with style attributes, which a nonce
// cannot cover, and a style attribute cannot run code.

export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced bootstrap loads (Next's chunks) are trusted through it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce as CSP wants it: 128 random bits, base64. */
export function newNonce(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return btoa(String.fromCharCode(...random(new Uint8Array(16))));
}
