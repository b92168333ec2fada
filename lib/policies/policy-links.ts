// The store's policy pages: their paths (for links inside the app) and their absolute URLs (for emails, which
// need the full address). One list, so a page that moves moves everywhere.

export const POLICY_PATHS = {
  refunds: "/policies/refunds",
  terms: "/policies/terms",
  support: "/support",
} as const;

export type PolicyLinks = { refunds: string; terms: string; support: string };

/**
 * Absolute URLs of the refund policy, the terms of sale and the support page under `appUrl` (the configured
 * `APP_URL`, e.g. `getConfig().appUrl`). A path in `appUrl` is kept (`https://host/shop` → `https://host/shop/support`).
 */
export function policyLinks(appUrl: string): PolicyLinks {
  if (!URL.canParse(appUrl) || !/^https?:$/.test(new URL(appUrl).protocol)) {
    throw new TypeError(`policyLinks: expected an absolute http(s) URL, got ${JSON.stringify(appUrl)}`);
  }
  const base = appUrl.replace(/[?#].*$/, "").replace(/\/+$/, "");
  return {
    refunds: `${base}${POLICY_PATHS.refunds}`,
    terms: `${base}${POLICY_PATHS.terms}`,
    support: `${base}${POLICY_PATHS.support}`,
  };
}
