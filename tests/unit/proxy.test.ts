// proxy.ts itself, with Next's own request and response objects: the wiring of the pure rules in lib/http.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

const APP_URL = "https://shop.example.mx";
let proxy: typeof import("../../proxy").proxy;

beforeAll(async () => {
  // getConfig() reads the environment once: set it before the proxy's first request.
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("TRUST_PROXY", "true");
  vi.stubEnv("CHEQPAY_BASE_URL", "https://api.cheqpay.mx/pos");
  vi.stubEnv("LOG_LEVEL", "silent");
  ({ proxy } = await import("../../proxy"));
});

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

describe("proxy", () => {
  it("gives every request a fresh nonce, in the answer's policy and in the request Next renders", async () => {
    const first = await proxy(new NextRequest(`${APP_URL}/checkout`));
    const second = await proxy(new NextRequest(`${APP_URL}/checkout`));
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    // NextResponse.next({ request }) hands these request headers to the page.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(first.headers.get("content-security-policy"));
    expect(first.headers.get("content-security-policy")).toContain("frame-src 'self' https://api.cheqpay.mx;");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("overwrites a nonce the client sent", async () => {
    const response = await proxy(new NextRequest(`${APP_URL}/`, { headers: { "x-nonce": "AAAAAAAAAAAAAAAAAAAAAA==" } }));
    expect(response.headers.get("x-middleware-request-x-nonce")).not.toBe("AAAAAAAAAAAAAAAAAAAAAA==");
  });

  it("redirects what our proxy says came over plain HTTP to the same path on APP_URL, and serves HTTPS", async () => {
    const plain = await proxy(new NextRequest("http://10.0.0.5:3000/checkout?x=1", { headers: { "x-forwarded-proto": "http" } }));
    expect(plain.status).toBe(308);
    expect(plain.headers.get("location")).toBe(`${APP_URL}/checkout?x=1`);
    const secure = await proxy(new NextRequest(`${APP_URL}/checkout`, { headers: { "x-forwarded-proto": "https" } }));
    expect(secure.status).toBe(200);
  });

  it("answers a Server Action from another origin with 403 and never lets it through", async () => {
    const forged = await proxy(
      new NextRequest(`${APP_URL}/checkout`, { method: "POST", headers: { "next-action": "abc123", origin: "https://evil.example", host: "evil.example" }, body: "[]" }),
    );
    expect(forged.status).toBe(403);
    expect(forged.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(forged.headers.get("x-middleware-next")).toBeNull();
    expect(forged.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const ours = await proxy(new NextRequest(`${APP_URL}/checkout`, { method: "POST", headers: { "next-action": "abc123", origin: APP_URL, "content-length": "2" }, body: "[]" }));
    expect(ours.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 400 to a Server Action body Next could not decode, before the action runs", async () => {
    const headers = { "next-action": "abc123", origin: APP_URL, "content-type": "text/plain;charset=UTF-8" };
    const post = (body: string) => proxy(new NextRequest(`${APP_URL}/checkout`, { method: "POST", headers: { ...headers, "content-length": String(body.length) }, body }));
    for (const garbage of ["garbage", "[", '"$Q1"', '[{"a":"$@2"}]']) {
      const answer = await post(garbage);
      expect(answer.status).toBe(400);
      expect(answer.headers.get("x-middleware-next")).toBeNull();
    }
    expect((await post('[{"email":"ana@example.com","note":"$$5 off"}]')).headers.get("x-middleware-next")).toBe("1");
  });
});
