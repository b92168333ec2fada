import { expect, test } from "@playwright/test";

test.describe("the home page", () => {
  test("shows the shop and the Cheqpay sandbox it talks to, without secrets", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Cheqpay Checkout" })).toBeVisible();
    await expect(page.getByText(/127\.0\.0\.1:\d+\/pos/)).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain("sk_test_local_sandbox");
    expect(html).not.toContain("whsec_local_sandbox");
  });

  test("answers the health check", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
