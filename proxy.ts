// Security headers for every page. The Content-Security-Policy lets frames (3-D Secure) load only our own
// pages and the configured Cheqpay origins, and lets forms post only to them. (Issue 8 adds script nonces.)
import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { requestIdFrom } from "@/lib/observability/request-context";

/** Where a sign-in form may be redirected: the configured OAuth providers' authorization pages. */
const OAUTH_FORM_ORIGINS = { google: "https://accounts.google.com", github: "https://github.com" } as const;

export function proxy(request: NextRequest): NextResponse {
  // One id per request, for every log line and Cheqpay call made while serving it; the answer says it too.
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("X-Request-Id", requestId);
  const config = getConfig();
  const oauthOrigins = (["google", "github"] as const).filter((id) => config.auth[id]).map((id) => OAUTH_FORM_ORIGINS[id]);
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(config.cheqpay.frameOrigins, oauthOrigins));
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  return response;
}

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
    // A form's redirect counts as its action: the sign-in buttons of configured OAuth providers redirect there.
    `form-action 'self' ${[cheqpay, ...oauthOrigins].join(" ")}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg|products/).*)"],
};
