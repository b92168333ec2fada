// Every request: its id (for logs and Cheqpay calls) and the security headers (lib/http/security-headers.ts).
import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { securityHeaders } from "@/lib/http/security-headers";
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
  const headers = securityHeaders({ appUrl: config.appUrl, frameOrigins: config.cheqpay.frameOrigins, oauthOrigins });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg|products/).*)"],
};
