import { describe, expect, it } from "vitest";
import { configuredOAuthProviders, OAUTH_PROVIDER_NAMES } from "@/lib/auth/auth-providers";
import { loadConfig } from "@/lib/config";

const client = { clientId: "id", clientSecret: "secret" };

describe("configuredOAuthProviders", () => {
  it("offers neither Google nor GitHub when neither is configured", () => {
    expect(configuredOAuthProviders({ google: null, github: null })).toEqual([]);
  });

  it("offers only the provider that is configured", () => {
    expect(configuredOAuthProviders({ google: client, github: null })).toEqual(["google"]);
    expect(configuredOAuthProviders({ google: null, github: client })).toEqual(["github"]);
  });

  it("offers Google then GitHub when both are configured", () => {
    expect(configuredOAuthProviders({ google: client, github: client })).toEqual(["google", "github"]);
  });

  it("follows the environment: a provider appears once both of its variables are set", () => {
    expect(configuredOAuthProviders(loadConfig({}).auth)).toEqual([]);
    const google = { AUTH_GOOGLE_ID: "g-id", AUTH_GOOGLE_SECRET: "g-secret" };
    expect(configuredOAuthProviders(loadConfig(google).auth)).toEqual(["google"]);
    const both = { ...google, AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" };
    expect(configuredOAuthProviders(loadConfig(both).auth)).toEqual(["google", "github"]);
  });

  it("names each provider for its button", () => {
    expect(OAUTH_PROVIDER_NAMES).toEqual({ google: "Google", github: "GitHub" });
  });
});
