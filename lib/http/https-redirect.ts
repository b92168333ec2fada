// Plain HTTP never serves the shop when APP_URL is HTTPS: such a request is sent, with its path and query, to
// APP_URL's origin (308, so a POST stays a POST). Pure; proxy.ts and scripts/app-server.ts use it.

export const HTTPS_REDIRECT_STATUS = 308;

/** APP_URL's origin followed by the request's path and query (`/checkout?x=1`); never another host. */
export function httpsLocation(appUrl: string, pathAndQuery: string): string {
  // An absolute-form request target ("http://host/path") or anything odd keeps only its path and query.
  const relative = pathAndQuery.startsWith("/") ? pathAndQuery : pathOf(pathAndQuery);
  return `${new URL(appUrl).origin}${relative}`;
}

function pathOf(target: string): string {
  if (!URL.canParse(target)) return "/";
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}

export type ArrivedRequest = {
  appUrl: string;
  trustProxy: boolean;
  /** The X-Forwarded-Proto header, when present. */
  forwardedProto: string | null;
  /** Path and query, e.g. `/checkout?x=1`. */
  pathAndQuery: string;
};

/**
 * Where to send a request that came over plain HTTP, or null to serve it. Only a proxy we trust (TRUST_PROXY)
 * tells us how the shopper connected; the first X-Forwarded-Proto value is the shopper's own hop.
 */
export function httpsRedirectFor(request: ArrivedRequest): string | null {
  if (!request.appUrl.startsWith("https://") || !request.trustProxy) return null;
  const proto = request.forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return proto === "http" ? httpsLocation(request.appUrl, request.pathAndQuery) : null;
}
