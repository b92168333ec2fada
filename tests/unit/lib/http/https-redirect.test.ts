import { describe, expect, it } from "vitest";
import { httpsLocation, httpsRedirectFor } from "@/lib/http/https-redirect";

const APP_URL = "https://shop.example.mx";
const arrived = (forwardedProto: string | null, overrides: { appUrl?: string; trustProxy?: boolean } = {}) =>
  httpsRedirectFor({ appUrl: APP_URL, trustProxy: true, forwardedProto, pathAndQuery: "/checkout?x=1", ...overrides });

describe("httpsRedirectFor", () => {
  it("sends a request that reached our proxy over plain HTTP to the same path and query on APP_URL", () => {
    expect(arrived("http")).toBe("https://shop.example.mx/checkout?x=1");
    expect(arrived("HTTP")).toBe("https://shop.example.mx/checkout?x=1");
  });

  it("reads the shopper's own hop: the first X-Forwarded-Proto value", () => {
    expect(arrived("http, https")).toBe("https://shop.example.mx/checkout?x=1");
    expect(arrived("https, http")).toBeNull();
  });

  it("serves a request that came over HTTPS, or whose protocol no proxy told", () => {
    expect(arrived("https")).toBeNull();
    expect(arrived(null)).toBeNull();
    expect(arrived("")).toBeNull();
  });

  it("believes X-Forwarded-Proto only from a trusted proxy (TRUST_PROXY)", () => {
    expect(arrived("http", { trustProxy: false })).toBeNull();
  });

  it("never redirects when the shop itself is plain HTTP (local development)", () => {
    expect(arrived("http", { appUrl: "http://localhost:3000" })).toBeNull();
  });
});

describe("httpsLocation", () => {
  it("keeps APP_URL's origin, port included, and the request's path and query", () => {
    expect(httpsLocation("https://localhost:3610", "/checkout?x=1")).toBe("https://localhost:3610/checkout?x=1");
    expect(httpsLocation("https://shop.example.mx/", "/")).toBe("https://shop.example.mx/");
  });

  it("never leaves APP_URL's host, whatever the request target says", () => {
    expect(httpsLocation(APP_URL, "//evil.example/x")).toBe("https://shop.example.mx//evil.example/x");
    expect(new URL(httpsLocation(APP_URL, "//evil.example/x")).host).toBe("shop.example.mx");
    expect(httpsLocation(APP_URL, "http://evil.example/orders?a=b")).toBe("https://shop.example.mx/orders?a=b");
    expect(httpsLocation(APP_URL, "*")).toBe("https://shop.example.mx/");
  });
});
