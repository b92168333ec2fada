// Server Actions run only for requests from our own pages. Next's own check compares Origin with Host, which a
// forged Host header defeats; this one compares Origin with APP_URL's origin, and refuses a request without
// Origin (every browser sends it on a POST). Pure; proxy.ts answers before any action runs.

/** Also next.config.js's serverActions.bodySizeLimit ("64kb"): the payment form posts about 1 kB. */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Route handlers that take POSTs from elsewhere and check them themselves: Cheqpay's webhooks (signature), the
 * 3-D Secure return (posted by Cheqpay's page), the merchant's systems (Bearer token), Auth.js (CSRF token).
 * Any other POST may run a Server Action (with a Next-Action header, or a form posted before scripts ran).
 */
const OTHER_ORIGIN_POST_PATHS = ["/api/", "/checkout/three-d-secure/return"];

export type ActionRequest = {
  method: string;
  pathname: string;
  appUrl: string;
  /** The Origin header, when present. */
  origin: string | null;
  /** A Next-Action header is present. */
  nextAction: boolean;
  /** The Content-Length header, when present. */
  contentLength: string | null;
};

export type Refusal = { status: 403 | 411 | 413; message: string };

export function actionRefusal(request: ActionRequest): Refusal | null {
  if (request.method.toUpperCase() !== "POST") return null;
  const routeHandler = OTHER_ORIGIN_POST_PATHS.some((prefix) => request.pathname.startsWith(prefix));
  if (routeHandler && !request.nextAction) return null;
  if (!isOrigin(request.origin, request.appUrl)) {
    return { status: 403, message: "Forbidden: this request did not come from the shop's own pages." };
  }
  // Browsers always say how long a form or action body is; without it the size could only be known too late.
  const length = request.contentLength === null ? Number.NaN : Number(request.contentLength);
  if (!Number.isInteger(length) || length < 0) return { status: 411, message: "Length required." };
  if (length > ACTION_BODY_LIMIT_BYTES) return { status: 413, message: "Request too large." };
  return null;
}

function isOrigin(origin: string | null, appUrl: string): boolean {
  if (!origin || !URL.canParse(origin)) return false;
  return new URL(origin).origin === new URL(appUrl).origin;
}
