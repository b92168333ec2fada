// The security headers of every page, from the configuration. Pure, so each rule is tested directly.
// The Content-Security-Policy lets frames (3-D Secure) load only our own pages and the configured Cheqpay origins,
// and lets forms post only to them. (Script nonces replace 'unsafe-inline' later, with the rest of the hardening.)

export type SecurityHeaderInput = {
  appUrl: string;
  /** Cheqpay's origins (the API's and CHEQPAY_FRAME_ORIGINS). */
  frameOrigins: readonly string[];
  /** The configured OAuth providers' authorization pages: a sign-in form's redirect counts as its action. */
  oauthOrigins?: readonly string[];
};

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function contentSecurityPolicy(frameOrigins: readonly string[], oauthOrigins: readonly string[] = []): string {
  const cheqpay = frameOrigins.join(" ");
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self' 'unsafe-inline'",
    `frame-src 'self' ${cheqpay}`,
    // Our own 3-D Secure return page is the only thing that may sit in our frames.
    "frame-ancestors 'self'",
    `form-action 'self' ${[cheqpay, ...oauthOrigins].join(" ")}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** HSTS only for a real HTTPS host: pinned on `localhost` it would force HTTPS on every local port of the machine. */
function isPublicHttps(appUrl: string): boolean {
  const url = new URL(appUrl);
  return url.protocol === "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(input.frameOrigins, input.oauthOrigins),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The checkout uses none of these: no page or frame of ours may ask for them.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()",
    ...(isPublicHttps(input.appUrl) ? { "Strict-Transport-Security": `max-age=${ONE_YEAR_SECONDS}; includeSubDomains` } : {}),
  };
}
