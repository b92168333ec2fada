// The sandbox's 3-D Secure pages in a real browser: the hidden device-data frame talks to its parent, and
// the challenge page is usable by a person and posts its result to the merchant's return URL.
import { expect, type Page, test } from "@playwright/test";
import { createCheqpayClient, type PaymentOrder } from "../../lib/cheqpay";
import { E2E_CHEQPAY_API_KEY } from "./support/build-secrets";

const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const cheqpay = createCheqpayClient({
  baseUrl: `${sandboxUrl}/pos`,
  apiKey: E2E_CHEQPAY_API_KEY,
  merchantId: "merchant_local_sandbox",
});
const RETURN_URL = "http://localhost/e2e-three-ds-return";

function createOrder(cardNumber: string): Promise<PaymentOrder> {
  return cheqpay.createPaymentOrder({
    externalId: `e2e_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    amount: 124_900,
    currency: "MXN",
    customer: { firstName: "Ana", lastName: "López", email: "ana@example.com" },
    source: { kind: "new-card", number: cardNumber, expiryMonth: 12, expiryYear: 2030, cvc: "123", save: false },
    billingAddress: { line1: "Av. Reforma 1", city: "Ciudad de México", state: "CDMX", postalCode: "06600", country: "MX" },
  });
}

/** Posts the JWT into a hidden iframe, as a checkout does, and returns the SessionId posted back. */
async function collectDeviceData(page: Page, order: PaymentOrder): Promise<string> {
  await page.setContent(`
    <iframe name="collectionIframe" height="10" width="10" style="display:none"></iframe>
    <form id="collect" method="POST" target="collectionIframe" action="${order.payerAuthentication!.url}">
      <input type="hidden" name="JWT" value="${order.payerAuthentication!.jwt}">
    </form>`);
  const message = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        window.addEventListener("message", (event) => resolve(String(event.data)));
        (document.getElementById("collect") as HTMLFormElement).submit();
      }),
  );
  const data = JSON.parse(await message) as { MessageType: string; SessionId: string; Status: boolean };
  expect(data.MessageType).toBe("profile.completed");
  expect(data.Status).toBe(true);
  return data.SessionId;
}

/** Opens the challenge page as the top document and captures the form it posts to our return URL. */
async function openChallenge(page: Page, order: PaymentOrder): Promise<() => Promise<URLSearchParams>> {
  const posted = new Promise<URLSearchParams>((resolve) => {
    void page.route(RETURN_URL, async (route) => {
      resolve(new URLSearchParams(route.request().postData() ?? ""));
      await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Returned</h1>" });
    });
  });
  await page.setContent(`
    <form id="challenge" method="POST" action="${order.payerAuthentication!.url}">
      <input type="hidden" name="JWT" value="${order.payerAuthentication!.jwt}">
    </form>`);
  await page.evaluate(() => (document.getElementById("challenge") as HTMLFormElement).submit());
  await expect(page.getByRole("heading", { name: "3-D Secure verification" })).toBeVisible();
  return () => posted;
}

async function reachChallenge(page: Page, cardNumber: string) {
  const created = await createOrder(cardNumber);
  expect(created.status).toBe("requires_device_data");
  const sessionId = await collectDeviceData(page, created);
  const challenged = await cheqpay.initiatePayerAuthentication({
    paymentOrderId: created.id,
    collectionReferenceId: sessionId,
    returnUrl: RETURN_URL,
    device: { javaScriptEnabled: true, screenWidth: 1280, screenHeight: 720, language: "es-MX" },
  });
  expect(challenged.status).toBe("requires_challenge");
  return { order: challenged, posted: await openChallenge(page, challenged) };
}

test.describe("sandbox 3-D Secure pages", () => {
  test("the right code authenticates and the payment completes", async ({ page }) => {
    const { order, posted } = await reachChallenge(page, "4000000000002503");
    await page.getByLabel("Verification code").fill("1234");
    await page.getByRole("button", { name: "Verify" }).click();
    const form = await posted();
    expect(form.get("MD")).toBe(order.id);
    expect(form.get("TransactionId")).toBe(order.payerAuthentication!.id);
    await expect(page.getByRole("heading", { name: "Returned" })).toBeVisible();
    const validated = await cheqpay.validatePayerAuthentication({
      paymentOrderId: order.id,
      authenticationTransactionId: form.get("TransactionId")!,
    });
    expect(validated.status).toBe("succeeded");
  });

  test("a wrong code fails the authentication", async ({ page }) => {
    const { order, posted } = await reachChallenge(page, "5200000000002151");
    await page.getByLabel("Verification code").fill("0000");
    await page.getByRole("button", { name: "Verify" }).click();
    const form = await posted();
    await expect(
      cheqpay.validatePayerAuthentication({ paymentOrderId: order.id, authenticationTransactionId: form.get("TransactionId")! }),
    ).rejects.toMatchObject({ code: "AUTHENTICATION_FAILED" });
  });

  test("Cancel fails the authentication", async ({ page }) => {
    const { order, posted } = await reachChallenge(page, "4000000000002503");
    await page.getByRole("button", { name: "Cancel" }).click();
    const form = await posted();
    await expect(
      cheqpay.validatePayerAuthentication({ paymentOrderId: order.id, authenticationTransactionId: form.get("TransactionId")! }),
    ).rejects.toMatchObject({ code: "AUTHENTICATION_FAILED" });
  });
});
