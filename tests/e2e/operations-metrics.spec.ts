// GET /metrics: Prometheus text for whoever holds METRICS_TOKEN (404 for anyone else), with the payment,
// Cheqpay, webhook, job and email series moving as a shopper pays; never any card data or key in it.
import { E2E_METRICS_TOKEN } from "./support/admin-api";
import { addProductsAndCheckout, CARDS, english, expect, expectOrderConfirmed, fillAndPay, test } from "./support/checkout";

test.use(english);

/** The value of one series (sum over the lines matching every label given), 0 when absent. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

test("metrics are private, and count a payment, its Cheqpay calls and its confirmation email", async ({ page, request, shopper }) => {
  expect((await request.get("/metrics")).status()).toBe(404);
  expect((await request.get("/metrics", { headers: { authorization: "Bearer not-the-metrics-token-not-the-token" } })).status()).toBe(404);

  const read = async () => {
    const response = await request.get("/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/plain");
    return response.text();
  };
  const before = await read();

  await addProductsAndCheckout(page, ["Café de Chiapas"]);
  await fillAndPay(page, shopper, CARDS.visa);
  await expectOrderConfirmed(page);

  await expect
    .poll(async () => valueOf(await read(), "checkout_emails_total", { kind: "order-confirmation", result: "sent" }), { timeout: 30_000 })
    .toBeGreaterThan(valueOf(before, "checkout_emails_total", { kind: "order-confirmation", result: "sent" }));
  const after = await read();
  expect(valueOf(after, "checkout_payments_total", { outcome: "succeeded" })).toBeGreaterThan(valueOf(before, "checkout_payments_total", { outcome: "succeeded" }));
  expect(valueOf(after, "cheqpay_request_duration_seconds_count", { operation: "createPaymentOrder", status: "201" })).toBeGreaterThan(
    valueOf(before, "cheqpay_request_duration_seconds_count", { operation: "createPaymentOrder", status: "201" }),
  );
  expect(valueOf(after, "checkout_payment_amount_centavos_count")).toBeGreaterThan(valueOf(before, "checkout_payment_amount_centavos_count"));
  expect(valueOf(after, "checkout_jobs_total", { queue: "send-email", result: "completed" })).toBeGreaterThan(0);
  expect(after).toContain("process_cpu_user_seconds_total");
  expect(after).not.toMatch(/4111\s?1111\s?1111\s?1111|sk_test_local_sandbox|whsec_local_sandbox/);
});
