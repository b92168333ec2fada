// The security headers of every answer, from the configuration and the request's nonce. Pure, so each rule is
// tested directly; proxy.ts applies them.
//
// Scripts run only from our origin or with this request's nonce (Next puts it on its own scripts; no
// 'unsafe-inline', no 'unsafe-eval'). Frames (3-D Secure) load only Cheqpay's origins and our own 3-D Secure
// return page, which Cheqpay's page navigates the frame to when the shopper has answered: hence 'self' in
// frame-src. Nothing may frame our pages, except that return page, which sits in our own checkout's frame.

export type SecurityHeaderInput = {
  appUrl: string;
  /** Cheqpay's origins (the API's and CHEQPAY_FRAME_ORIGINS). */
  frameOrigins: readonly string[];
  /** The configured OAuth providers' authorization pages: a sign-in form's redirect counts as its action. */
  oauthOrigins?: readonly string[];
  /** This request's script nonce (base64), from `newNonce()`. */
  nonce: string;
  /** The request's path: only the 3-D Secure return page may be framed (by us). */
  pathname: string;
};

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Pages that load inside our own checkout's 3-D Secure frame. */
const FRAMED_BY_US = ["/checkout/three-d-secure/"];

export function mayBeFramedByUs(pathname: string): boolean {
  return FRAMED_BY_US.some((prefix) => pathname.startsWith(prefix));
}

/** 16 random bytes, base64: unguessable, and one per request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PolicyInput = {
  nonce: string;
  frameOrigins: readonly string[];
  oauthOrigins?: readonly string[];
  /** 'self' (the 3-D Secure return page) or 'none' (every other page). */
  frameAncestors: "'self'" | "'none'";
};

export function contentSecurityPolicy(input: PolicyInput): string {
  const cheqpay = input.frameOrigins.join(" ");
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    // React and our components set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `script-src 'self' 'nonce-${input.nonce}'`,
    `frame-src 'self' ${cheqpay}`,
    `frame-ancestors ${input.frameAncestors}`,
    `form-action 'self' ${[cheqpay, ...(input.oauthOrigins ?? [])].join(" ")}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** HSTS only for a real HTTPS host: pinned on `localhost` it would force HTTPS on every local port of the machine. */
export function isPublicHttps(appUrl: string): boolean {
  const url = new URL(appUrl);
  return url.protocol === "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  const framed = mayBeFramedByUs(input.pathname);
  const policy = contentSecurityPolicy({
    nonce: input.nonce,
    frameOrigins: input.frameOrigins,
    oauthOrigins: input.oauthOrigins,
    frameAncestors: framed ? "'self'" : "'none'",
  });
  return {
    "Content-Security-Policy": policy,
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": framed ? "SAMEORIGIN" : "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The checkout uses none of these: no page or frame of ours may ask for them.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()",
    ...(isPublicHttps(input.appUrl) ? { "Strict-Transport-Security": `max-age=${ONE_YEAR_SECONDS}; includeSubDomains` } : {}),
  };
}
