import { expect, test } from "@playwright/test";

test.describe("the home page", () => {
  test("shows the shop, without any secret in the page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Cheqpay Checkout" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain("sk_test_local_sandbox");
    expect(html).not.toContain("whsec_local_sandbox");
  });

  test("is served with the security headers and a request id", async ({ request }) => {
    const response = await request.get("/");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // https://localhost: no HSTS (it would pin every local port of the developer's machine).
    expect(headers).not.toHaveProperty("strict-transport-security");
    const traced = await request.get("/", { headers: { "x-request-id": "req-from-the-load-balancer-42" } });
    expect(traced.headers()["x-request-id"]).toBe("req-from-the-load-balancer-42");
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
