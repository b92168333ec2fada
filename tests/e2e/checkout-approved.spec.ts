// An approved guest purchase, from the shop to the order page: what the shopper sees, what Cheqpay received
// (the exact amount and the browser's device information), and the cart emptied afterwards.
import { isIP } from "node:net";
import {
  addProductsAndCheckout,
  cartLink,
  CARDS,
  english,
  expect,
  expectOrderConfirmed,
  fillAndPay,
  payButton,
  test,
} from "./support/checkout";
import { attemptsOf, onlyOrderOf } from "./support/database";
import { createPaymentOrdersFor, latestRequestSeq } from "./support/sandbox";

test.use({ ...english, timezoneId: "America/Mexico_City" });

test("a guest buys two products with a Visa card and sees the order confirmed", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  const { total } = await addProductsAndCheckout(page, ["Café de Chiapas", "Mole poblano"]);
  expect(total).toBe("$438.00 MXN"); // 249.00 + 189.00
  await expect(payButton(page)).toHaveText(`Pay ${total}`);
  // The payment instructions: the amount and currency, 3-D Secure, what comes next, and whom to ask.
  await expect(page.getByText(`You will be charged ${total}.`)).toBeVisible();
  await expect(page.getByText(/Your bank may ask you to verify the payment \(3-D Secure\)/)).toBeVisible();
  await expect(page.getByText(/you will see your order confirmation/)).toBeVisible();
  await expect(page.getByText("Email soporte@cheqpay-checkout.test")).toBeVisible();

  const browser = await page.evaluate(() => ({
    screenWidth: window.screen.width,
    screenHeight: window.screen.height,
    colorDepth: window.screen.colorDepth,
    timeZoneOffset: new Date().getTimezoneOffset(),
    language: navigator.language,
    userAgent: navigator.userAgent,
  }));

  await fillAndPay(page, shopper, CARDS.visa);
  await expectOrderConfirmed(page);

  const main = page.getByRole("main");
  await expect(main.getByRole("status")).toHaveText(
    `Thank you! We've received your payment. A confirmation is on its way to ${shopper.email}.`,
  );
  const items = main.getByRole("table", { name: "Items in this order" });
  await expect(items.getByRole("row", { name: "Café de Chiapas 1 MX$249.00" })).toBeVisible();
  await expect(items.getByRole("row", { name: "Mole poblano 1 MX$189.00" })).toBeVisible();
  await expect(items.getByRole("row", { name: "Total MX$438.00" })).toBeVisible();
  await expect(main.getByText("Visa ending in 1111", { exact: true })).toBeVisible();
  const billing = main.locator("dt", { hasText: "Billing address" }).locator("+ dd");
  await expect(billing).toHaveText(
    `${shopper.firstName} ${shopper.lastName}${shopper.address}${shopper.city}, ${shopper.state} ${shopper.postalCode}, MX`,
  );
  await expect(main.locator("dt", { hasText: "Status" }).locator("+ dd")).toHaveText("Paid");

  // The cart is empty afterwards.
  await expect(cartLink(page)).toHaveText("Cart (0)");
  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty")).toBeVisible();

  // The database: one paid order, one succeeded attempt of the total.
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  expect(order.total_centavos).toBe(43_800);
  const attempts = await attemptsOf(sql, order.id);
  expect(attempts.map((a) => a.status)).toEqual(["succeeded"]);

  // Cheqpay received exactly one createPaymentOrder, for the total in centavos, with the device information.
  const created = await createPaymentOrdersFor(shopper.email, since);
  expect(created).toHaveLength(1);
  const body = created[0]!.body!;
  expect(created[0]!.status).toBe(201);
  expect(body.externalId).toBe(attempts[0]!.external_id);
  expect(body.amount).toBe(43_800);
  expect(body.currency).toBe("MXN");
  const device = body.deviceInformation as Record<string, unknown>;
  expect(device).toMatchObject({
    httpBrowserScreenWidth: String(browser.screenWidth),
    httpBrowserScreenHeight: String(browser.screenHeight),
    httpBrowserColorDepth: String(browser.colorDepth),
    httpBrowserTimeDifference: String(browser.timeZoneOffset),
    httpBrowserLanguage: browser.language,
    httpBrowserJavaScriptEnabled: true,
    httpBrowserJavaEnabled: false,
    userAgent: browser.userAgent,
  });
  expect(browser.timeZoneOffset).toBe(360); // America/Mexico_City, UTC-6
  expect(browser.language).toBe("en-US");
  expect(Number(device.httpBrowserScreenWidth)).toBeGreaterThan(0);
  expect(Number(device.httpBrowserColorDepth)).toBeGreaterThan(0);
  expect(typeof device.httpAcceptBrowserValue).toBe("string");
  expect(device.httpAcceptBrowserValue).not.toBe("");
  expect(isIP(String(device.ipAddress)), `ipAddress ${String(device.ipAddress)}`).not.toBe(0);
});
