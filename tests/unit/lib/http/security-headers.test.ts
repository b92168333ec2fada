import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

const CHEQPAY = ["https://api.cheqpay.mx"];

describe("securityHeaders", () => {
  it("sends the CSP, nosniff, the referrer policy and a Permissions-Policy that allows no device", () => {
    const headers = securityHeaders({ appUrl: "https://shop.example.mx", frameOrigins: CHEQPAY });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Permissions-Policy"]).toBe("camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()");
    expect(headers["Content-Security-Policy"]).toBe(contentSecurityPolicy(CHEQPAY));
  });

  it("pins HTTPS for a year on a real HTTPS host, subdomains included", () => {
    expect(securityHeaders({ appUrl: "https://shop.example.mx", frameOrigins: CHEQPAY })["Strict-Transport-Security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it.each(["https://localhost:3000", "https://127.0.0.1:3000", "http://shop.example.mx"])("does not pin HTTPS on %s", (appUrl) => {
    expect(securityHeaders({ appUrl, frameOrigins: CHEQPAY })).not.toHaveProperty("Strict-Transport-Security");
  });
});

describe("contentSecurityPolicy", () => {
  it("lets frames and forms reach only us and Cheqpay, and never runs plugins or a foreign base", () => {
    const policy = contentSecurityPolicy(CHEQPAY);
    expect(policy).toContain("frame-src 'self' https://api.cheqpay.mx");
    expect(policy).toContain("form-action 'self' https://api.cheqpay.mx");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("lets the sign-in forms redirect to the configured OAuth providers only", () => {
    expect(contentSecurityPolicy(CHEQPAY, ["https://accounts.google.com"])).toContain("form-action 'self' https://api.cheqpay.mx https://accounts.google.com");
    expect(contentSecurityPolicy(CHEQPAY)).not.toContain("accounts.google.com");
  });
});
