import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, mayBeFramedByUs, newNonce, securityHeaders } from "@/lib/http/security-headers";

const CHEQPAY = ["https://api.cheqpay.mx"];
const NONCE = "c2VjcmV0LW5vbmNlLTEyMw==";
const page = (pathname: string, appUrl = "https://shop.example.mx") => securityHeaders({ appUrl, frameOrigins: CHEQPAY, nonce: NONCE, pathname });

describe("securityHeaders", () => {
  it("sends the CSP, nosniff, the referrer policy and a Permissions-Policy that allows no device", () => {
    const headers = page("/checkout");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Permissions-Policy"]).toBe("camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()");
    expect(headers["Content-Security-Policy"]).toBe(
      contentSecurityPolicy({ nonce: NONCE, frameOrigins: CHEQPAY, frameAncestors: "'none'" }),
    );
  });

  it("lets nothing frame a page, old browsers included", () => {
    for (const pathname of ["/", "/checkout", "/admin", "/signin", "/api/health", "/checkout/three-d-secure"]) {
      const headers = page(pathname);
      expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
      expect(headers["X-Frame-Options"]).toBe("DENY");
    }
  });

  it("lets only our own checkout frame the 3-D Secure return page", () => {
    const headers = page("/checkout/three-d-secure/return");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'self'");
    expect(headers["Content-Security-Policy"]).not.toContain("frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("SAMEORIGIN");
    expect(mayBeFramedByUs("/checkout/three-d-secure/return")).toBe(true);
    expect(mayBeFramedByUs("/checkout")).toBe(false);
  });

  it("pins HTTPS for a year on a real HTTPS host, subdomains included", () => {
    expect(page("/")["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it.each(["https://localhost:3000", "https://127.0.0.1:3000", "http://shop.example.mx"])("does not pin HTTPS on %s", (appUrl) => {
    expect(page("/", appUrl)).not.toHaveProperty("Strict-Transport-Security");
  });
});

describe("contentSecurityPolicy", () => {
  const policy = contentSecurityPolicy({ nonce: NONCE, frameOrigins: CHEQPAY, frameAncestors: "'none'" });
  const directive = (name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

  it("runs scripts only from our origin or with this request's nonce: no inline script, no eval", () => {
    expect(directive("script-src")).toBe(`script-src 'self' 'nonce-${NONCE}'`);
    expect(directive("script-src")).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(directive("default-src")).toBe("default-src 'self'");
  });

  it("lets frames and forms reach only us and Cheqpay, and never runs plugins or a foreign base", () => {
    expect(directive("frame-src")).toBe("frame-src 'self' https://api.cheqpay.mx");
    expect(directive("form-action")).toBe("form-action 'self' https://api.cheqpay.mx");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("base-uri")).toBe("base-uri 'self'");
  });

  it("names every configured Cheqpay origin (the API's and the issuers' pages)", () => {
    const both = contentSecurityPolicy({ nonce: NONCE, frameOrigins: [...CHEQPAY, "https://centinelapi.cardinalcommerce.com"], frameAncestors: "'none'" });
    expect(both).toContain("frame-src 'self' https://api.cheqpay.mx https://centinelapi.cardinalcommerce.com;");
    expect(both).toContain("form-action 'self' https://api.cheqpay.mx https://centinelapi.cardinalcommerce.com;");
  });

  it("lets the sign-in forms redirect to the configured OAuth providers only", () => {
    const withGoogle = contentSecurityPolicy({ nonce: NONCE, frameOrigins: CHEQPAY, oauthOrigins: ["https://accounts.google.com"], frameAncestors: "'none'" });
    expect(withGoogle).toContain("form-action 'self' https://api.cheqpay.mx https://accounts.google.com;");
    expect(policy).not.toContain("accounts.google.com");
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});
