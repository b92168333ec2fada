// Every request, before any page, action or route runs: plain HTTP goes to HTTPS (lib/http/https-redirect.ts),
// a Server Action from another origin is refused (lib/http/action-guard.ts), and the answer gets its request id
// and the security headers with this request's script nonce (lib/http/security-headers.ts).
import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { actionBodyProblem } from "@/lib/http/action-body";
import { actionRefusal } from "@/lib/http/action-guard";
import { HTTPS_REDIRECT_STATUS, httpsRedirectFor } from "@/lib/http/https-redirect";
import { NONCE_HEADER } from "@/lib/http/nonce";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { getLogger } from "@/lib/observability/logger";
import { requestIdFrom } from "@/lib/observability/request-context";

/** Where a sign-in form may be redirected: the configured OAuth providers' authorization pages. */
const OAUTH_FORM_ORIGINS = { google: "https://accounts.google.com", github: "https://github.com" } as const;

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = getConfig();
  const { pathname, search } = request.nextUrl;
  const redirect = httpsRedirectFor({
    appUrl: config.appUrl,
    trustProxy: config.trustProxy,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    pathAndQuery: `${pathname}${search}`,
  });
  if (redirect) return NextResponse.redirect(redirect, HTTPS_REDIRECT_STATUS);

  // One id per request, for every log line and Cheqpay call made while serving it; the answer says it too.
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const refusal =
    actionRefusal({
      method: request.method,
      pathname,
      appUrl: config.appUrl,
      origin: request.headers.get("origin"),
      nextAction: request.headers.has("next-action"),
      contentLength: request.headers.get("content-length"),
    }) ?? (await undecodableAction(request));

  const oauthOrigins = (["google", "github"] as const).filter((id) => config.auth[id]).map((id) => OAUTH_FORM_ORIGINS[id]);
  const nonce = newNonce();
  const headers = securityHeaders({ appUrl: config.appUrl, frameOrigins: config.cheqpay.frameOrigins, oauthOrigins, nonce, pathname });
  const csp = headers["Content-Security-Policy"]!;

  let response: NextResponse;
  if (refusal) {
    logRefusal(refusal.status, pathname, request.headers.get("origin"), requestId);
    response = new NextResponse(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  } else {
    // Next reads the nonce from the request's policy and puts it on its own scripts; our inline ones read NONCE_HEADER.
    const forwarded = new Headers(request.headers);
    forwarded.set("x-request-id", requestId);
    forwarded.set(NONCE_HEADER, nonce);
    forwarded.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** A Server Action body Next could not decode (it would answer 500): 400. At most 64 kB, checked just above. */
async function undecodableAction(request: NextRequest): Promise<{ status: 400; message: string } | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const problem = actionBodyProblem(request.headers.get("content-type"), await request.clone().text());
  return problem ? { status: 400, message: `Bad request: ${problem}.` } : null;
}

/** A refused Server Action is worth a line: a forged form, or a page open on a host that is not APP_URL. */
function logRefusal(status: number, path: string, origin: string | null, requestId: string): void {
  try {
    getLogger().warn({ event: "request.refused", status, path, origin: origin?.slice(0, 200) ?? null, requestId }, "request.refused");
  } catch {
    // Logging never stops the refusal.
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg|products/).*)"],
};
