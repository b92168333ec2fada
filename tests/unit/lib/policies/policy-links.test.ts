import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { POLICY_PATHS, policyLinks } from "@/lib/policies/policy-links";

describe("policyLinks", () => {
  it("answers the absolute URLs of the refund policy, the terms and the support page", () => {
    expect(policyLinks("https://tienda.example.mx")).toEqual({
      refunds: "https://tienda.example.mx/policies/refunds",
      terms: "https://tienda.example.mx/policies/terms",
      support: "https://tienda.example.mx/support",
    });
  });

  it("works with the configured APP_URL, its default included", () => {
    expect(policyLinks(loadConfig({}).appUrl).support).toBe("https://localhost:3000/support");
    expect(policyLinks(loadConfig({ APP_URL: "https://shop.example.com/" }).appUrl).refunds).toBe(
      "https://shop.example.com/policies/refunds",
    );
  });

  it("keeps a port and a path prefix, and drops trailing slashes, a query and a fragment", () => {
    expect(policyLinks("http://localhost:3500/").terms).toBe("http://localhost:3500/policies/terms");
    expect(policyLinks("https://example.com/shop//").refunds).toBe("https://example.com/shop/policies/refunds");
    expect(policyLinks("https://example.com/shop?utm=x#top").support).toBe("https://example.com/shop/support");
  });

  it("ends every URL with the page's path", () => {
    const links = policyLinks("https://example.com");
    for (const key of ["refunds", "terms", "support"] as const) expect(links[key].endsWith(POLICY_PATHS[key])).toBe(true);
  });

  it.each(["", "/policies", "localhost:3000", "ftp://example.com", "not a url"])("refuses %j: emails need an absolute URL", (appUrl) => {
    expect(() => policyLinks(appUrl)).toThrow(TypeError);
  });
});
