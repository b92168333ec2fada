import { expect, test } from "@playwright/test";
import { E2E_AUTH_SECRET, E2E_CHEQPAY_API_KEY, E2E_WEBHOOK_SECRET } from "./support/build-secrets";
import { cspNonceOf, expectedPolicy, scriptNonces } from "./support/transport";

test.describe("the home page", () => {
  test("shows the shop, without any secret in the page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Cheqpay Checkout" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const html = await page.content();
    for (const secret of ["sk_test_local_sandbox", "whsec_local_sandbox", E2E_CHEQPAY_API_KEY, E2E_WEBHOOK_SECRET, E2E_AUTH_SECRET]) {
      expect(html).not.toContain(secret);
    }
  });

  test("is served with the security headers and a request id", async ({ request }) => {
    const response = await request.get("/");
    const headers = response.headers();
    const nonce = cspNonceOf(headers["content-security-policy"]);
    expect(headers["content-security-policy"]).toBe(expectedPolicy(nonce, "'none'"));
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // https://localhost: no HSTS (it would pin every local port of the developer's machine).
    expect(headers).not.toHaveProperty("strict-transport-security");
    const traced = await request.get("/", { headers: { "x-request-id": "req-from-the-load-balancer-42" } });
    expect(traced.headers()["x-request-id"]).toBe("req-from-the-load-balancer-42");
  });

  test("runs only the scripts that carry this request's nonce, a new one for every request", async ({ request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    const [nonceA, nonceB] = [first, second].map((response) => cspNonceOf(response.headers()["content-security-policy"]));
    expect(nonceA).not.toBe(nonceB);
    // Next puts the nonce on every script of its own: the page's chunks and its inline payload.
    const scripts = scriptNonces(await first.text());
    expect(scripts.length).toBeGreaterThan(3);
    expect(new Set(scripts)).toEqual(new Set([nonceA]));
  });

  test("answers the health check", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("answers the readiness check: database, migrations and Cheqpay", async ({ request }) => {
    const response = await request.get("/api/ready");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", cheqpay: "ok" } });
  });
});
