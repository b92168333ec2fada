// Which ways to sign in the configuration allows: the emailed link always, Google and GitHub only when both of
// their variables are set. Pure, so /signin and Auth.js agree and the rule is tested directly.
import type { AuthConfig } from "@/lib/config";

export type OAuthProviderId = "google" | "github";

export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderId, string> = { google: "Google", github: "GitHub" };

export function configuredOAuthProviders(auth: Pick<AuthConfig, "google" | "github">): OAuthProviderId[] {
  const ids: OAuthProviderId[] = [];
  if (auth.google) ids.push("google");
  if (auth.github) ids.push("github");
  return ids;
}
